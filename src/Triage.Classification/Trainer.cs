namespace Triage.Classification;

/// <summary>One step of training, for progress bars.</summary>
public readonly record struct TrainingProgress(string Stage, int Done, int Total, double ValidationLogLoss);

/// <summary>Fits <see cref="LinearModel"/>: AdaGrad SGD on the softmax loss with L2, seeded shuffles, early stopping.</summary>
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
        var model = new LinearModel(classes, buckets);
        var gradSquares = new float[model.Weights.Length];
        var biasSquares = new float[classes];
        var scores = new float[classes];
        var best = model.Clone();
        var bestLoss = double.PositiveInfinity;
        var sinceBest = 0;
        var bestEpoch = 0;

        for (var epoch = 1; epoch <= settings.MaxEpochs; epoch++)
        {
            Shuffle(train, random);
            foreach (var r in train)
            {
                Step(model, rows[r], labels[r], classWeights[labels[r]], settings, gradSquares, biasSquares, scores);
            }

            var loss = validation.Length > 0 ? LogLoss(model, rows, labels, validation, 1f) : 0;
            if (Environment.GetEnvironmentVariable("TRIAGE_EXP_STOP") == "acc" && validation.Length > 0) loss = -Acc(model, rows, labels, validation) + loss * 1e-3;
            progress?.Report(new TrainingProgress(stage, epoch, settings.MaxEpochs, loss));
            if (validation.Length == 0)
            {
                best = model;
                continue;
            }

            if (loss < bestLoss - 1e-6)
            {
                bestLoss = loss;
                bestEpoch = epoch;
                best = model.Clone();
                sinceBest = 0;
            }
            else if (++sinceBest >= settings.Patience)
            {
                break;
            }
        }

        if (validation.Length > 0)
        {
            best.Temperature = FitTemperature(best, rows, labels, validation);
        }

        if (Environment.GetEnvironmentVariable("TRIAGE_EXP_REFIT") == "1" && validation.Length > 0)
        {
            var epochs = bestEpoch;
            var all = train.Concat(validation).ToArray();
            var refit = new LinearModel(classes, buckets);
            var g2 = new float[refit.Weights.Length];
            var b2 = new float[classes];
            for (var e = 0; e < epochs; e++) { Shuffle(all, random); foreach (var r in all) Step(refit, rows[r], labels[r], classWeights[labels[r]], settings, g2, b2, scores); }
            refit.Temperature = best.Temperature;
            return refit;
        }

        return best;
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

    static double Acc(LinearModel model, IReadOnlyList<SparseVector> rows, IReadOnlyList<int> labels, int[] which)
    {
        Span<float> p = stackalloc float[model.Classes];
        var ok = 0;
        foreach (var r in which) { model.Scores(rows[r], p); if (Evaluation.ArgMax(p) == labels[r]) ok++; }
        return ok / (double)which.Length;
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

    // Golden-section search for the temperature that minimizes held-out log-loss.
    private static float FitTemperature(LinearModel model, IReadOnlyList<SparseVector> rows, IReadOnlyList<int> labels, int[] validation)
    {
        double lo = 0.2, hi = 5.0;
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
