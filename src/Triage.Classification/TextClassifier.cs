using System.Security.Cryptography;
using System.Text;

namespace Triage.Classification;

/// <summary>One labelled example: the text a customer wrote now (subject and new body text).</summary>
public sealed record LabeledText(string? Subject, string Body, string Label);

/// <summary>A prediction: the label, its calibrated probability, and every label's probability.</summary>
public sealed record Prediction(string Label, float Confidence, IReadOnlyDictionary<string, float> Scores);

/// <summary>What a model file says about itself.</summary>
public sealed record ModelMetadata
{
    public required string Task { get; init; }

    public required IReadOnlyList<string> Labels { get; init; }

    public required FeaturizerSettings Featurizer { get; init; }

    public required TrainerSettings Trainer { get; init; }

    public required string TrainingDataSha256 { get; init; }

    public required int TrainingRows { get; init; }

    /// <summary>k-fold cross-validation on the training data, before the final fit; null when folds &lt; 2.</summary>
    public EvaluationSummary? CrossValidation { get; init; }

    public required DateTimeOffset CreatedUtc { get; init; }
}

/// <summary>The headline numbers of an evaluation, as stored in a model file.</summary>
public sealed record EvaluationSummary(double MicroAccuracy, double MacroAccuracy, double MacroF1, double LogLoss, int Rows, int Folds)
{
    public static EvaluationSummary From(Evaluation e, int folds) => new(e.MicroAccuracy, e.MacroAccuracy, e.MacroF1, e.LogLoss, e.Rows, folds);
}

/// <summary>
/// A trained text classifier: featurizer (with its IDF table), labels and a calibrated linear model. Load once and
/// share: <see cref="Predict"/> is thread-safe.
/// </summary>
public sealed class TextClassifier
{
    internal TextClassifier(ModelMetadata metadata, float[] idf, LinearModel model)
    {
        Metadata = metadata;
        Idf = idf;
        Model = model;
        Featurizer = new Featurizer(metadata.Featurizer, idf);
        _rows = new QuantizedRows(idf, model, metadata.Featurizer.SublinearTf);
    }

    private readonly QuantizedRows _rows;

    public ModelMetadata Metadata { get; }

    public IReadOnlyList<string> Labels => Metadata.Labels;

    internal float[] Idf { get; }

    internal LinearModel Model { get; }

    internal Featurizer Featurizer { get; }

    public Prediction Predict(string? subject, string body)
    {
        var probabilities = Probabilities(subject, body);
        var best = Evaluation.ArgMax(probabilities);
        var scores = new Dictionary<string, float>(Labels.Count, StringComparer.Ordinal);
        for (var c = 0; c < Labels.Count; c++)
        {
            scores[Labels[c]] = probabilities[c];
        }

        return new Prediction(Labels[best], probabilities[best], scores);
    }

    /// <summary>Every label's calibrated probability, in <see cref="Labels"/> order.</summary>
    public float[] Probabilities(string? subject, string body)
    {
        var probabilities = new float[Model.Classes];
        Model.Bias.CopyTo(probabilities, 0);
        (subject, body) = Featurizer.PredictionText(subject, body);
        var counts = NgramCounts.ForThread;
        counts.PrefetchRows = _rows;
        Featurizer.ForEachGroup(subject, body, counts, (group, weight) => _rows.AddGroup(group, weight, probabilities));
        LinearModel.Softmax(probabilities, Model.Temperature);
        return probabilities;
    }

    /// <summary>Scores this classifier on labelled data; labels it does not know count as errors.</summary>
    public Evaluation Evaluate(IReadOnlyList<LabeledText> data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var labels = Labels.Concat(data.Select(d => d.Label).Where(l => !Labels.Contains(l)).Distinct().Order(StringComparer.Ordinal)).ToList();
        var truth = data.Select(d => labels.IndexOf(d.Label)).ToList();
        var probabilities = data.Select(d =>
        {
            var p = new float[labels.Count];
            Probabilities(d.Subject, d.Body).CopyTo(p, 0);
            return p;
        }).ToList();
        return Evaluation.Compute(labels, truth, probabilities);
    }

    /// <summary>
    /// Trains a classifier. With <paramref name="folds"/> ≥ 2, k-fold cross-validation runs first and its metrics are
    /// stored in the model. <paramref name="createdUtc"/> is recorded as given, so the same inputs give the same bytes.
    /// </summary>
    public static TextClassifier Train(
        string task, IReadOnlyList<LabeledText> data, FeaturizerSettings featurizer, TrainerSettings trainer, int folds,
        DateTimeOffset createdUtc, IProgress<TrainingProgress>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (data.Count < 2)
        {
            throw new ArgumentException("need at least two labelled examples", nameof(data));
        }

        var labels = data.Select(d => d.Label).Distinct().Order(StringComparer.Ordinal).ToList();
        if (labels.Count < 2)
        {
            throw new ArgumentException($"need at least two labels; the data only has \"{labels[0]}\"", nameof(data));
        }

        EvaluationSummary? crossValidation = null;
        if (folds >= 2)
        {
            crossValidation = CrossValidate(data, labels, featurizer, trainer, folds, progress);
        }

        var (idf, model) = Fit(data, labels, featurizer, trainer, progress, "final fit");
        var metadata = new ModelMetadata
        {
            Task = task,
            Labels = labels,
            Featurizer = featurizer,
            Trainer = trainer,
            TrainingDataSha256 = Hash(data),
            TrainingRows = data.Count,
            CrossValidation = crossValidation,
            CreatedUtc = createdUtc.ToUniversalTime(),
        };
        return new TextClassifier(metadata, idf, model);
    }

    private static EvaluationSummary CrossValidate(
        IReadOnlyList<LabeledText> data, List<string> labels, FeaturizerSettings featurizer, TrainerSettings trainer, int folds,
        IProgress<TrainingProgress>? progress)
    {
        // Stratified fold assignment: every label spread evenly over the folds, in a seeded order.
        var random = new Random(trainer.Seed ^ 0x5eed);
        var fold = new int[data.Count];
        foreach (var label in labels)
        {
            var members = Enumerable.Range(0, data.Count).Where(i => data[i].Label == label).ToArray();
            random.Shuffle(members);
            for (var i = 0; i < members.Length; i++)
            {
                fold[members[i]] = i % folds;
            }
        }

        var truth = new List<int>();
        var probabilities = new List<float[]>();
        for (var f = 0; f < folds; f++)
        {
            var train = Enumerable.Range(0, data.Count).Where(i => fold[i] != f).Select(i => data[i]).ToList();
            var test = Enumerable.Range(0, data.Count).Where(i => fold[i] == f).Select(i => data[i]).ToList();
            var (idf, model) = Fit(train, labels, featurizer, trainer, progress, $"cross-validation {f + 1}/{folds}");
            var classifier = new TextClassifier(
                new ModelMetadata { Task = "cv", Labels = labels, Featurizer = featurizer, Trainer = trainer, TrainingDataSha256 = "", TrainingRows = train.Count, CreatedUtc = default },
                idf, model);
            foreach (var row in test)
            {
                truth.Add(labels.IndexOf(row.Label));
                probabilities.Add(classifier.Probabilities(row.Subject, row.Body));
            }
        }

        return EvaluationSummary.From(Evaluation.Compute(labels, truth, probabilities), folds);
    }

    private static (float[] Idf, LinearModel Model) Fit(
        IReadOnlyList<LabeledText> data, List<string> labels, FeaturizerSettings settings, TrainerSettings trainer,
        IProgress<TrainingProgress>? progress, string stage)
    {
        var y = data.Select(d => labels.IndexOf(d.Label)).ToList();
        var counting = new Featurizer(settings);
        if (trainer.Algorithm == TrainingAlgorithm.NaiveBayes)
        {
            var counts = data.Select(d => counting.Counts(d.Subject, d.Body)).ToList();
            var bayesIdf = settings.UseIdf ? FitIdf(data, settings) : Vocabulary(counts, settings.BucketCount);
            var predicting = new Featurizer(settings, bayesIdf);
            SparseVector AsPredicted(int r)
            {
                var (subject, body) = predicting.PredictionText(data[r].Subject, data[r].Body);
                return predicting.Transform(subject, body);
            }

            return (bayesIdf, NaiveBayes.Fit(counts, y, AsPredicted, labels.Count, settings.BucketCount, trainer, progress, stage));
        }

        var idf = settings.UseIdf ? FitIdf(data, settings) : Vocabulary(data.Select(d => counting.Counts(d.Subject, d.Body)), settings.BucketCount);
        var featurizer = new Featurizer(settings, idf);
        var rows = data.Select(d => featurizer.Transform(d.Subject, d.Body)).ToList();
        return (idf, Trainer.Fit(rows, y, labels.Count, settings.BucketCount, trainer, progress, stage));
    }

    // Smoothed IDF, as scikit-learn: ln((1 + n) / (1 + df)) + 1.
    private static float[] FitIdf(IReadOnlyList<LabeledText> data, FeaturizerSettings settings)
    {
        var counting = new Featurizer(settings with { UseIdf = false });
        var df = new int[settings.BucketCount];
        foreach (var row in data)
        {
            foreach (var bucket in counting.Buckets(row.Subject, row.Body))
            {
                df[bucket]++;
            }
        }

        var idf = new float[settings.BucketCount];
        for (var b = 0; b < idf.Length; b++)
        {
            idf[b] = MathF.Log((1f + data.Count) / (1f + df[b])) + 1f;
        }

        return idf;
    }

    // Without IDF the table is a vocabulary mask: 1 for the buckets the training data has, 0 for the rest, which is
    // what a saved model keeps — so a model predicts the same before and after it is saved.
    private static float[] Vocabulary(IEnumerable<SparseVector> rows, int buckets)
    {
        var seen = new float[buckets];
        foreach (var row in rows)
        {
            foreach (var bucket in row.Indices)
            {
                seen[bucket] = 1f;
            }
        }

        return seen;
    }

    private static string Hash(IReadOnlyList<LabeledText> data)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var row in data)
        {
            sha.AppendData(Encoding.UTF8.GetBytes($"{row.Label}\u0001{row.Subject}\u0001{row.Body}\u0002"));
        }

        return Convert.ToHexStringLower(sha.GetHashAndReset());
    }
}
