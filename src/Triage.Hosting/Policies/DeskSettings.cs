using Microsoft.Extensions.Configuration;
using Triage.Core.Policies;

namespace Triage.Hosting.Policies;

/// <summary>A desk's configuration could not be bound; the message names the desk and is meant for the admin.</summary>
public sealed class DeskSettingsException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// Binds <c>Triage:Desks:&lt;key&gt;</c> sections to <see cref="DeskOptions"/> (the key is the name when none is
/// given). Shared by the service and <c>triage inspect</c>, so both read desks the same way.
/// </summary>
public static class DeskSettings
{
    public const string SectionName = "Triage:Desks";

    /// <summary>Every configured desk by key, in configuration order; empty when none is configured.</summary>
    public static IReadOnlyList<KeyValuePair<string, DeskOptions>> Read(IConfiguration? configuration) =>
        [.. (configuration?.GetSection(SectionName).GetChildren() ?? []).Select(section => KeyValuePair.Create(section.Key, Bind(section)))];

    private static DeskOptions Bind(IConfigurationSection section)
    {
        try
        {
            var options = section.Get<DeskOptions>() ?? new DeskOptions();
            return section["Name"] is null ? options with { Name = section.Key } : options;
        }
        catch (InvalidOperationException e)
        {
            throw new DeskSettingsException($"Desk '{section.Key}': {e.Message}", e);
        }
    }
}
