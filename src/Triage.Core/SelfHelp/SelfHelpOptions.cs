namespace Triage.Core.SelfHelp;

/// <summary>
/// Scoring and cut-off settings for self-help suggestions. The defaults were tuned on our question set
/// (src/Triage.Core/SelfHelp/README.md has the figures); raise the minimum scores to suggest less often.
/// </summary>
public sealed record SelfHelpOptions
{
    /// <summary>BM25 term-frequency saturation.</summary>
    public double K1 { get; init; } = 1.2;

    /// <summary>BM25 length normalization, 0 (none) to 1 (full).</summary>
    public double B { get; init; } = 0.75;

    /// <summary>How much a title word counts against a body word.</summary>
    public double TitleBoost { get; init; } = 3.0;

    /// <summary>How much a front-matter tag or incident keyword counts against a body word.</summary>
    public double TagBoost { get; init; } = 2.0;

    /// <summary>Weight of the character n-gram channel, which matches compounds and inflections the stemmer misses.</summary>
    public double GramWeight { get; init; } = 0.3;

    /// <summary>Length of the character n-grams.</summary>
    public int GramLength { get; init; } = 4;

    /// <summary>At most this many articles per ticket.</summary>
    public int MaxSuggestions { get; init; } = 3;

    /// <summary>Articles scoring below this are not suggested, so mail about nothing in the knowledge base gets none.</summary>
    public double MinScore { get; init; } = 8.5;

    /// <summary>An article scoring below this fraction of the best one is left out: it is most likely noise.</summary>
    public double RelativeMinScore { get; init; } = 0.5;

    /// <summary>A known incident needs this score; higher than articles, since "we are already working on it" must be right.</summary>
    public double IncidentMinScore { get; init; } = 12.0;

    /// <summary>Searched after the ticket's language when it gives fewer than <see cref="MaxSuggestions"/> articles.</summary>
    public string FallbackLanguage { get; init; } = "en";

    public static SelfHelpOptions Default { get; } = new();

    /// <summary>Every problem with these settings as a sentence; empty when valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (K1 < 0)
        {
            errors.Add($"Self-help K1 must not be negative (is {K1}).");
        }

        if (B is < 0 or > 1)
        {
            errors.Add($"Self-help B must be between 0 and 1 (is {B}).");
        }

        if (TitleBoost < 0 || TagBoost < 0 || GramWeight < 0)
        {
            errors.Add("Self-help boosts and the gram weight must not be negative.");
        }

        if (GramLength is < 2 or > 8)
        {
            errors.Add($"Self-help GramLength must be between 2 and 8 (is {GramLength}).");
        }

        if (RelativeMinScore is < 0 or > 1)
        {
            errors.Add($"Self-help RelativeMinScore must be between 0 and 1 (is {RelativeMinScore}).");
        }

        if (MaxSuggestions < 0)
        {
            errors.Add($"Self-help MaxSuggestions must not be negative (is {MaxSuggestions}).");
        }

        if (string.IsNullOrWhiteSpace(FallbackLanguage))
        {
            errors.Add("Self-help FallbackLanguage must be a language code such as en.");
        }

        return errors;
    }
}
