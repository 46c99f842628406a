namespace Triage.Classification;

/// <summary>One step of training, for progress bars.</summary>
public readonly record struct TrainingProgress(string Stage, int Done, int Total, double ValidationLogLoss);

/// <summary>
/// Fits <see cref="LinearModel"/>: AdaGrad SGD on the softmax loss with L2 and seeded shuffles. A stratified share of the
/// rows is held out to choose the number of epochs (early stopping on accuracy, log-loss breaking ties) and to calibrate
/// the softmax temperature; the model is then refitted on every row for that many epochs. The refit made held-out
/// topic macro-F1 steadier across seeds and higher (support mails: 0.873 → 0.882 mean of three seeds on models/eval,
/// 0.886 → 0.903 on models/eval2; tickets split 0.317 → 0.330).
/// </summary>
public static class Trainer
{
    private const float GradientFloor = 1e-3f;

    public static LinearModel Fit(
        IReadOnlyList<SparseVector> rows, IReadOnlyList<int> labels, int classes, int buckets, TrainerSettings settings,
        IProgress<TrainingProgress>? progress = null, string stage = "training")
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(settings);
        if (rows.Count != labels.Count || rows.Count == 0)
        {
            throw new ArgumentException("need the same, non-zero number of rows and labels", nameof(labels));
        }

        var random = new Random(settings.Seed);
        var (train, validation) = Split(labels, classes, settings.ValidationFraction, random);
        var classWeights = ClassWeights(labels, train, classes, settings.BalanceClasses);
        var scores = new float[classes];
        if (validation.Length == 0)
        {
            return Run(rows, labels, [.. train], classes, buckets, settings, classWeights, random, settings.MaxEpochs, progress, stage);
        }

        // Pass 1 on the training share, scored after every epoch on the held-out share.
        var model = new LinearModel(classes, buckets);
        var state = new AdaGradState(model);
        var best = model.Clone();
        var bestScore = (Accuracy: -1.0, LogLoss: double.PositiveInfinity);
        var bestEpochs = 1;
        var sinceBest = 0;
        for (var epoch = 1; epoch <= settings.MaxEpochs; epoch++)
        {
            Epoch(model, state, rows, labels, train, classWeights, settings, random, scores);
            var score = (Accuracy: Accuracy(model, rows, labels, validation), LogLoss: LogLoss(model, rows, labels, validation, 1f));
            progress?.Report(new TrainingProgress(stage, epoch, settings.MaxEpochs, score.LogLoss));
            if (score.Accuracy > bestScore.Accuracy || (score.Accuracy == bestScore.Accuracy && score.LogLoss < bestScore.LogLoss - 1e-6))
            {
                (bestScore, bestEpochs, best, sinceBest) = (score, epoch, model.Clone(), 0);
            }
            else if (++sinceBest >= settings.Patience)
            {
                break;
            }
        }

        // Pass 2: every row, for the chosen number of epochs, with the temperature the held-out share calibrated.
        var all = train.Concat(validation).Order().ToArray();
        var refit = Run(rows, labels, all, classes, buckets, settings, classWeights, random, bestEpochs, progress, stage + ", refit on all rows");
        refit.Temperature = FitTemperature(best, rows, labels, validation, 0.2, 5.0);
        return refit;
    }

    private static LinearModel Run(
        IReadOnlyList<SparseVector> rows, IReadOnlyList<int> labels, int[] which, int classes, int buckets, TrainerSettings settings,
        float[] classWeights, Random random, int epochs, IProgress<TrainingProgress>? progress, string stage)
    {
        var model = new LinearModel(classes, buckets);
        var state = new AdaGradState(model);
        var scores = new float[classes];
        for (var epoch = 1; epoch <= epochs; epoch++)
        {
            Epoch(model, state, rows, labels, which, classWeights, settings, random, scores);
            progress?.Report(new TrainingProgress(stage, epoch, epochs, double.NaN));
        }

        return model;
    }

    private static void Epoch(
        LinearModel model, AdaGradState state, IReadOnlyList<SparseVector> rows, IReadOnlyList<int> labels, int[] which,
        float[] classWeights, TrainerSettings settings, Random random, float[] scores)
    {
        Shuffle(which, random);
        foreach (var r in which)
        {
            Step(model, rows[r], labels[r], classWeights[labels[r]], settings, state.GradSquares, state.BiasSquares, scores);
        }
    }

    /// <summary>AdaGrad's running sums of squared gradients, per weight and per bias.</summary>
    private sealed class AdaGradState(LinearModel model)
    {
        public float[] GradSquares { get; } = new float[model.Weights.Length];

        public float[] BiasSquares { get; } = new float[model.Classes];
    }

    private static void Step(
        LinearModel model, SparseVector x, int label, float classWeight, TrainerSettings settings,
        float[] gradSquares, float[] biasSquares, float[] scores)
    {
        var k = model.Classes;
        model.Scores(x, scores);
        LinearModel.Softmax(scores, 1f);
        var w = model.Weights;
        for (var c = 0; c < k; c++)
        {
            // d(loss)/d(score_c) = p_c - y_c, scaled by the class weight. Classes the model already rules out
            // contribute next to nothing; skipping them makes later epochs several times cheaper.
            var g = (scores[c] - (c == label ? 1f : 0f)) * classWeight;
            if (MathF.Abs(g) < GradientFloor)
            {
                continue;
            }

            biasSquares[c] += g * g;
            model.Bias[c] -= settings.LearningRate * g / (MathF.Sqrt(biasSquares[c]) + 1e-8f);
            for (var i = 0; i < x.Indices.Length; i++)
            {
                var at = (x.Indices[i] * k) + c;
                var grad = (g * x.Values[i]) + (settings.L2 * w[at]);
                gradSquares[at] += grad * grad;
                w[at] -= settings.LearningRate * grad / (MathF.Sqrt(gradSquares[at]) + 1e-8f);
            }
        }
    }

    private static double Accuracy(LinearModel model, IReadOnlyList<SparseVector> rows, IReadOnlyList<int> labels, int[] which)
    {
        Span<float> scores = stackalloc float[model.Classes];
        var right = 0;
        foreach (var r in which)
        {
            model.Scores(rows[r], scores);
            right += Evaluation.ArgMax(scores) == labels[r] ? 1 : 0;
        }

        return right / (double)which.Length;
    }

    internal static double LogLoss(LinearModel model, IReadOnlyList<SparseVector> rows, IReadOnlyList<int> labels, int[] which, float temperature)
    {
        Span<float> p = stackalloc float[model.Classes];
        double total = 0;
        foreach (var r in which)
        {
            model.Scores(rows[r], p);
            LinearModel.Softmax(p, temperature);
            total -= Math.Log(Math.Max(p[labels[r]], 1e-15f));
        }

        return total / which.Length;
    }

    /// <summary>Golden-section search between <paramref name="lo"/> and <paramref name="hi"/> for the temperature that minimizes held-out log-loss.</summary>
    internal static float FitTemperature(LinearModel model, IReadOnlyList<SparseVector> rows, IReadOnlyList<int> labels, int[] validation, double lo, double hi)
    {
        var phi = (Math.Sqrt(5) - 1) / 2;
        for (var i = 0; i < 30; i++)
        {
            var a = hi - (phi * (hi - lo));
            var b = lo + (phi * (hi - lo));
            if (LogLoss(model, rows, labels, validation, (float)a) <= LogLoss(model, rows, labels, validation, (float)b))
            {
                hi = b;
            }
            else
            {
                lo = a;
            }
        }

        return (float)((lo + hi) / 2);
    }

    /// <summary>Stratified: each class gives the same share to validation, so rare labels are represented on both sides.</summary>
    internal static (int[] Train, int[] Validation) Split(IReadOnlyList<int> labels, int classes, double fraction, Random random)
    {
        var train = new List<int>();
        var validation = new List<int>();
        for (var c = 0; c < classes; c++)
        {
            var members = Enumerable.Range(0, labels.Count).Where(i => labels[i] == c).ToArray();
            Shuffle(members, random);
            var held = members.Length >= 5 ? (int)Math.Round(members.Length * fraction) : 0;
            validation.AddRange(members.Take(held));
            train.AddRange(members.Skip(held));
        }

        train.Sort();
        validation.Sort();
        return ([.. train], [.. validation]);
    }

    private static float[] ClassWeights(IReadOnlyList<int> labels, int[] train, int classes, bool balance)
    {
        var weights = new float[classes];
        Array.Fill(weights, 1f);
        if (!balance)
        {
            return weights;
        }

        var counts = new int[classes];
        foreach (var r in train)
        {
            counts[labels[r]]++;
        }

        for (var c = 0; c < classes; c++)
        {
            weights[c] = counts[c] == 0 ? 1f : (float)train.Length / (classes * counts[c]);
        }

        return weights;
    }

    private static void Shuffle(int[] items, Random random)
    {
        for (var i = items.Length - 1; i > 0; i--)
        {
            var j = random.Next(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }
}
