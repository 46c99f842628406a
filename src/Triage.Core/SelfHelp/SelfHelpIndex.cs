namespace Triage.Core.SelfHelp;

/// <summary>
/// Knowledge-base articles and known incidents indexed per language, for suggesting self-help with a new ticket.
/// Incidents are indexed with the articles of each language they apply to, so they are scored against the same
/// statistics, and need <see cref="SelfHelpOptions.IncidentMinScore"/>. Immutable; thread-safe.
/// </summary>
public sealed class SelfHelpIndex
{
    private readonly Dictionary<string, LanguageIndex> _languages;

    private SelfHelpIndex(Dictionary<string, LanguageIndex> languages, SelfHelpOptions options)
    {
        _languages = languages;
        Options = options;
    }

    public SelfHelpOptions Options { get; }

    /// <summary>Languages with articles or incidents of their own.</summary>
    public IReadOnlyCollection<string> Languages => _languages.Keys;

    public int ArticleCount => _languages.Values.Sum(l => l.Entries.Count(e => e.Incident is null));

    /// <summary>
    /// Indexes articles and incidents; throws <see cref="ArgumentException"/> for invalid options or an article id
    /// that occurs twice in one language.
    /// </summary>
    public static SelfHelpIndex Build(IEnumerable<KnowledgeArticle> articles, IEnumerable<KnownIncident> incidents, SelfHelpOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(articles);
        ArgumentNullException.ThrowIfNull(incidents);
        options ??= SelfHelpOptions.Default;
        if (options.Validate() is [var first, ..])
        {
            throw new ArgumentException(first, nameof(options));
        }

        var entries = new Dictionary<string, List<Entry>>(StringComparer.OrdinalIgnoreCase);
        foreach (var article in articles)
        {
            var list = entries.ListFor(article.Language);
            if (list.Any(e => e.Incident is null && e.Id == article.Id))
            {
                throw new ArgumentException($"Knowledge-base article '{article.Id}' occurs twice in language '{article.Language}'.", nameof(articles));
            }

            list.Add(new Entry(article.Id, article.Title, null, new IndexedText(article.Title, string.Join(' ', article.Tags), article.Body)));
        }

        var incidentList = incidents.ToList();
        foreach (var language in incidentList.SelectMany(i => i.Languages).Distinct(StringComparer.OrdinalIgnoreCase))
        {
            entries.ListFor(language);
        }

        foreach (var (language, list) in entries)
        {
            list.AddRange(incidentList
                .Where(i => i.AppliesTo(language))
                .Select(i => new Entry(i.Id, i.Title, i, new IndexedText(i.Title, string.Join(' ', i.Keywords), i.Text))));
        }

        var indexes = entries.ToDictionary(
            pair => pair.Key,
            pair => new LanguageIndex(pair.Value, new Bm25Index([.. pair.Value.Select(e => e.Text)], TextAnalyzer.For(pair.Key), options)),
            StringComparer.OrdinalIgnoreCase);
        return new SelfHelpIndex(indexes, options);
    }

    /// <summary>Articles and active incidents for a ticket; the language may be null or "und" (then the fallback's).</summary>
    public SelfHelpResult Suggest(string? language, string? subject, string text, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(text);
        var query = string.IsNullOrWhiteSpace(subject) ? text : subject + "\n" + text;
        var primary = IndexFor(language);
        if (primary is null)
        {
            return SelfHelpResult.None;
        }

        var primaryScores = primary.Index.Score(query);
        var articles = Articles(primary, primaryScores).ToList();
        if (articles.Count < Options.MaxSuggestions
            && _languages.TryGetValue(Options.FallbackLanguage, out var fallback)
            && fallback != primary)
        {
            articles.AddRange(Articles(fallback, fallback.Index.Score(query))
                .Where(candidate => articles.TrueForAll(a => a.Id != candidate.Id))
                .Take(Options.MaxSuggestions - articles.Count));
        }

        var incidents = primary.Entries
            .Select((entry, i) => (entry, score: primaryScores[i]))
            .Where(x => x.entry.Incident is { } incident && incident.IsActiveAt(now) && x.score >= Options.IncidentMinScore)
            .OrderByDescending(x => x.score)
            .Select(x => new IncidentMatch(x.entry.Id, x.entry.Title, x.score))
            .ToList();
        return new SelfHelpResult(articles, incidents);
    }

    private LanguageIndex? IndexFor(string? language) =>
        language is not null && _languages.TryGetValue(language, out var index) ? index
        : _languages.GetValueOrDefault(Options.FallbackLanguage);

    private IEnumerable<KbSuggestion> Articles(LanguageIndex index, double[] scores)
    {
        var ranked = index.Entries
            .Select((entry, i) => (entry, score: scores[i]))
            .Where(x => x.entry.Incident is null && x.score >= Options.MinScore)
            .OrderByDescending(x => x.score)
            .ThenBy(x => x.entry.Id, StringComparer.Ordinal)
            .ToList();
        var cut = ranked.Count == 0 ? 0 : ranked[0].score * Options.RelativeMinScore;
        return ranked
            .TakeWhile(x => x.score >= cut)
            .Take(Options.MaxSuggestions)
            .Select(x => new KbSuggestion(x.entry.Id, x.entry.Title, x.score, index.Language));
    }

    private sealed record Entry(string Id, string Title, KnownIncident? Incident, IndexedText Text);

    private sealed record LanguageIndex(IReadOnlyList<Entry> Entries, Bm25Index Index)
    {
        public string Language => Index.Language;
    }
}
