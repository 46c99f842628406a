namespace Triage.Classification;

/// <summary>Multinomial logistic regression over hashed features: weights per (bucket, class), a bias per class, a softmax temperature.</summary>
public sealed class LinearModel
{
    internal LinearModel(int classes, int buckets)
    {
        Classes = classes;
        Buckets = buckets;
        Weights = new float[(long)classes * buckets];
        Bias = new float[classes];
    }

    internal LinearModel(int classes, int buckets, float[] weights, float[] bias, float temperature)
    {
        Classes = classes;
        Buckets = buckets;
        Weights = weights;
        Bias = bias;
        Temperature = temperature;
    }

    public int Classes { get; }

    public int Buckets { get; }

    /// <summary>Bucket-major: the weights of bucket b are [b*Classes, (b+1)*Classes), so one feature touches one cache line.</summary>
    internal float[] Weights { get; }

    internal float[] Bias { get; }

    /// <summary>Softmax temperature fitted on held-out data so probabilities are calibrated.</summary>
    public float Temperature { get; internal set; } = 1f;

    internal void Scores(SparseVector x, Span<float> scores)
    {
        Bias.CopyTo(scores);
        var k = Classes;
        var w = Weights;
        for (var i = 0; i < x.Indices.Length; i++)
        {
            var row = x.Indices[i] * k;
            var v = x.Values[i];
            for (var c = 0; c < k; c++)
            {
                scores[c] += w[row + c] * v;
            }
        }
    }

    /// <summary>Class probabilities (softmax of scores over the temperature).</summary>
    public void Probabilities(SparseVector x, Span<float> probabilities)
    {
        Scores(x, probabilities);
        Softmax(probabilities, Temperature);
    }

    internal static void Softmax(Span<float> scores, float temperature)
    {
        var max = float.NegativeInfinity;
        foreach (var s in scores)
        {
            max = MathF.Max(max, s);
        }

        var sum = 0f;
        for (var c = 0; c < scores.Length; c++)
        {
            scores[c] = MathF.Exp((scores[c] - max) / temperature);
            sum += scores[c];
        }

        for (var c = 0; c < scores.Length; c++)
        {
            scores[c] /= sum;
        }
    }

    internal LinearModel Clone() => new(Classes, Buckets, (float[])Weights.Clone(), (float[])Bias.Clone(), Temperature);
}
