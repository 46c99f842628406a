namespace Triage.Core;

/// <summary>Marker for the domain assembly; domain types arrive with the hygiene and pipeline issues.</summary>
public static class CoreAssembly
{
    public const string Name = "Triage.Core";
}
