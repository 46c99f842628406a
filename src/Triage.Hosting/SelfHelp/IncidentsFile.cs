using System.Text.Json;
using Triage.Core.SelfHelp;

namespace Triage.Hosting.SelfHelp;

/// <summary>
/// The admin's known-incidents file, JSON: <c>{"incidents": [{"id", "title", "text", "keywords": [], "languages": [],
/// "active_from", "active_to"}]}</c>; times are ISO 8601 with an offset, either may be left out.
/// </summary>
public static class IncidentsFile
{
    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        PropertyNameCaseInsensitive = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    /// <summary>The incidents in a file; throws <see cref="SelfHelpDataException"/> naming the file and the problem.</summary>
    public static IReadOnlyList<KnownIncident> Load(string path) => Parse(KnowledgeBaseFolder.ReadText(path), path);

    public static IReadOnlyList<KnownIncident> Parse(string json, string source)
    {
        IncidentsDocument? document;
        try
        {
            document = JsonSerializer.Deserialize<IncidentsDocument>(json, Json);
        }
        catch (JsonException e)
        {
            throw new SelfHelpDataException($"Incidents file '{source}' is not valid: {e.Message}", e);
        }

        var incidents = document?.Incidents ?? [];
        var invalid = incidents.FirstOrDefault(i => string.IsNullOrWhiteSpace(i.Id) || string.IsNullOrWhiteSpace(i.Title));
        if (invalid is not null)
        {
            throw new SelfHelpDataException($"Incidents file '{source}': every incident needs an id and a title.");
        }

        return [.. incidents.Select(i => new KnownIncident(i.Id!, i.Title!, i.Text ?? string.Empty, i.Keywords ?? [], i.Languages ?? [], i.ActiveFrom, i.ActiveTo))];
    }

    private sealed record IncidentsDocument(IReadOnlyList<IncidentEntry>? Incidents);

    private sealed record IncidentEntry(
        string? Id,
        string? Title,
        string? Text,
        IReadOnlyList<string>? Keywords,
        IReadOnlyList<string>? Languages,
        DateTimeOffset? ActiveFrom,
        DateTimeOffset? ActiveTo);
}
