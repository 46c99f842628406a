namespace Triage.Classification;

/// <summary>
/// Fits <see cref="LinearModel"/> as multinomial naive Bayes: the weight of feature f for class c is
/// ln(1 + n_cf · (T / N_c) / α), with n_cf the feature's count in the class, N_c the class's total count, T the mean
/// total and α the smoothing. Scaling every class to the same total makes the smoothing term the same for all classes,
/// so it cancels in the softmax; what is left is zero for features a class never saw, and the model file stays as
/// sparse as the data. The prior is uniform: how many sentences we wrote per language says nothing about the mail.
/// A stratified share of the rows calibrates the softmax temperature on the text as the predictor sees it; the weights
/// are then counted over every row.
/// </summary>
internal static class NaiveBayes
{
    public static LinearModel Fit(
        IReadOnlyList<SparseVector> counts, IReadOnlyList<int> labels, Func<int, SparseVector> predictionRow, int classes, int buckets,
        TrainerSettings settings, IProgress<TrainingProgress>? progress, string stage)
    {
        if (settings.Smoothing <= 0)
        {
            throw new ArgumentException($"naive Bayes smoothing must be positive (got {settings.Smoothing})", nameof(settings));
        }

        var random = new Random(settings.Seed);
        var (train, validation) = Trainer.Split(labels, classes, settings.ValidationFraction, random);
        var model = Estimate(counts, labels, Enumerable.Range(0, counts.Count), classes, buckets, settings.Smoothing);
        if (validation.Length > 0)
        {
            var heldOut = Estimate(counts, labels, train, classes, buckets, settings.Smoothing);
            var rows = new SparseVector[counts.Count];
            foreach (var r in validation)
            {
                rows[r] = predictionRow(r);
            }

            model.Temperature = Trainer.FitTemperature(heldOut, rows, labels, validation, 0.2, 50);
        }

        progress?.Report(new TrainingProgress(stage, 1, 1, double.NaN));
        return model;
    }

    private static LinearModel Estimate(IReadOnlyList<SparseVector> counts, IReadOnlyList<int> labels, IEnumerable<int> which, int classes, int buckets, float smoothing)
    {
        var model = new LinearModel(classes, buckets);
        var w = model.Weights;
        var totals = new double[classes];
        foreach (var r in which)
        {
            var x = counts[r];
            var c = labels[r];
            for (var i = 0; i < x.Indices.Length; i++)
            {
                w[(x.Indices[i] * classes) + c] += x.Values[i];
                totals[c] += x.Values[i];
            }
        }

        var seen = totals.Where(t => t > 0).ToArray();
        var mean = seen.Length == 0 ? 0 : seen.Average();
        var scale = totals.Select(t => t > 0 ? (float)(mean / t / smoothing) : 0f).ToArray();
        for (var at = 0; at < w.Length; at++)
        {
            if (w[at] != 0f)
            {
                w[at] = MathF.Log(1f + (w[at] * scale[at % classes]));
            }
        }

        return model;
    }
}
