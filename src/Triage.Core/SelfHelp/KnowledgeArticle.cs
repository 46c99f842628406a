namespace Triage.Core.SelfHelp;

/// <summary>One knowledge-base article; <see cref="Id"/> is unique within its language.</summary>
public sealed record KnowledgeArticle(string Id, string Language, string Title, string Body, IReadOnlyList<string> Tags);

/// <summary>
/// A known incident the admin announces. <see cref="Languages"/> empty means every language, so keywords can be
/// listed in several languages at once; the active window is inclusive of From and exclusive of To, either open.
/// </summary>
public sealed record KnownIncident(
    string Id,
    string Title,
    string Text,
    IReadOnlyList<string> Keywords,
    IReadOnlyList<string> Languages,
    DateTimeOffset? ActiveFrom,
    DateTimeOffset? ActiveTo)
{
    public bool IsActiveAt(DateTimeOffset now) => (ActiveFrom is not { } from || now >= from) && (ActiveTo is not { } to || now < to);

    public bool AppliesTo(string language) =>
        Languages.Count == 0 || Languages.Contains(language, StringComparer.OrdinalIgnoreCase);
}

/// <summary>A suggested article; <see cref="Language"/> is the fallback language when the ticket's had too few.</summary>
public sealed record KbSuggestion(string Id, string Title, double Score, string Language);

public sealed record IncidentMatch(string Id, string Title, double Score);

public sealed record SelfHelpResult(IReadOnlyList<KbSuggestion> Articles, IReadOnlyList<IncidentMatch> Incidents)
{
    public static SelfHelpResult None { get; } = new([], []);
}
