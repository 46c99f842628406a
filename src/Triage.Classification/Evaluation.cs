namespace Triage.Classification;

/// <summary>Precision, recall and F1 of one label.</summary>
public sealed record ClassMetrics(string Label, double Precision, double Recall, double F1, int Support);

/// <summary>Metrics with the names users know from ML.NET and scikit-learn.</summary>
public sealed record Evaluation(
    IReadOnlyList<string> Labels,
    double MicroAccuracy,
    double MacroAccuracy,
    double MacroF1,
    double LogLoss,
    IReadOnlyList<ClassMetrics> PerClass,
    int[][] Confusion,
    int Rows)
{
    /// <summary>Scores predictions against truth. <paramref name="probabilities"/> holds one row of class probabilities per example.</summary>
    public static Evaluation Compute(IReadOnlyList<string> labels, IReadOnlyList<int> truth, IReadOnlyList<float[]> probabilities)
    {
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(truth);
        ArgumentNullException.ThrowIfNull(probabilities);
        var k = labels.Count;
        var confusion = Enumerable.Range(0, k).Select(_ => new int[k]).ToArray();
        double logLoss = 0;
        var correct = 0;
        for (var i = 0; i < truth.Count; i++)
        {
            var p = probabilities[i];
            var predicted = ArgMax(p);
            confusion[truth[i]][predicted]++;
            correct += predicted == truth[i] ? 1 : 0;
            logLoss -= Math.Log(Math.Max(p[truth[i]], 1e-15));
        }

        var perClass = new List<ClassMetrics>(k);
        for (var c = 0; c < k; c++)
        {
            var tp = confusion[c][c];
            var support = confusion[c].Sum();
            var predictedCount = confusion.Sum(row => row[c]);
            var precision = predictedCount == 0 ? 0 : (double)tp / predictedCount;
            var recall = support == 0 ? 0 : (double)tp / support;
            var f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
            perClass.Add(new ClassMetrics(labels[c], precision, recall, f1, support));
        }

        var present = perClass.Where(m => m.Support > 0).ToList();
        var n = Math.Max(1, truth.Count);
        return new Evaluation(
            labels,
            (double)correct / n,
            present.Count == 0 ? 0 : present.Average(m => m.Recall),
            present.Count == 0 ? 0 : present.Average(m => m.F1),
            logLoss / n,
            perClass,
            confusion,
            truth.Count);
    }

    public static int ArgMax(ReadOnlySpan<float> values)
    {
        var best = 0;
        for (var i = 1; i < values.Length; i++)
        {
            if (values[i] > values[best])
            {
                best = i;
            }
        }

        return best;
    }
}
