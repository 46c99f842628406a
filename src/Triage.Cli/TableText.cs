namespace Triage.Cli;

/// <summary>Cell text for the summary tables.</summary>
internal static class TableText
{
    /// <summary>At most <paramref name="max"/> characters, an ellipsis marking a cut.</summary>
    public static string Shorten(string value, int max) => value.Length <= max ? value : value[..(max - 1)] + "…";
}
