using Triage.Classification;

namespace Triage.Hosting.Classification;

/// <summary>What the shipped models and rules say about one mail's new text. A null field: that model is not installed.</summary>
public sealed record ClassificationResult(
    string? Language,
    float? LanguageConfidence,
    string? Topic,
    float? TopicConfidence,
    IReadOnlyDictionary<string, float>? TopicScores,
    bool? Critical,
    float? CriticalConfidence,
    bool MultiQuestion,
    IReadOnlyList<string> Questions);

/// <summary>
/// The triage classifiers together: topic, critical and language models from a models folder (each optional), and the
/// rule-based multi-question finder, which beat a learned model on our data (F1 0.956 against macro-F1 0.665).
/// Load once; thread-safe.
/// </summary>
public sealed class MailClassifier
{
    /// <summary>Below this probability the language is reported as "und".</summary>
    public const float LanguageThreshold = 0.5f;

    /// <summary>Critical when P(critical) reaches this; below 0.5 because a missed outage costs more than a false alarm.</summary>
    public const float CriticalThreshold = 0.4f;

    private static readonly HashSet<string> SeedLanguages = new(StringComparer.Ordinal) { "sv", "nb", "da", "fi", "nl", "de", "en" };

    public MailClassifier(TextClassifier? topic, TextClassifier? critical, TextClassifier? language)
    {
        Topic = topic;
        CriticalModel = critical;
        Language = language;
    }

    public TextClassifier? Topic { get; }

    public TextClassifier? CriticalModel { get; }

    public TextClassifier? Language { get; }

    /// <summary>Loads <c>topic.model</c>, <c>critical.model</c> and <c>language.model</c> from a folder; missing files are skipped.</summary>
    public static MailClassifier Load(string folder)
    {
        TextClassifier? Optional(string name)
        {
            var path = Path.Combine(folder, name);
            return File.Exists(path) ? ModelFile.Load(path) : null;
        }

        return new MailClassifier(Optional("topic.model"), Optional("critical.model"), Optional("language.model"));
    }

    public ClassificationResult Classify(string? subject, string newText)
    {
        ArgumentNullException.ThrowIfNull(newText);
        string? language = null;
        float? languageConfidence = null;
        if (Language is not null)
        {
            var prediction = Language.Predict(subject, newText);
            languageConfidence = prediction.Confidence;
            language = prediction.Confidence >= LanguageThreshold && SeedLanguages.Contains(prediction.Label) ? prediction.Label : "und";
        }

        var topic = Topic?.Predict(subject, newText);
        float? criticalConfidence = null;
        if (CriticalModel is not null)
        {
            criticalConfidence = CriticalModel.Predict(subject, newText).Scores.TryGetValue("true", out var p) ? p : 0f;
        }

        var questions = QuestionFinder.Find(newText);
        return new ClassificationResult(
            language,
            languageConfidence,
            topic?.Label,
            topic?.Confidence,
            topic?.Scores,
            criticalConfidence is { } c ? c >= CriticalThreshold : null,
            criticalConfidence,
            questions.Count >= 2,
            questions);
    }
}
