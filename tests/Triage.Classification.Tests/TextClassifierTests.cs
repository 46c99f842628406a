using Triage.Classification;

namespace Triage.Classification.Tests;

public sealed class TextClassifierTests
{
    private static readonly FeaturizerSettings Small = FeaturizerSettings.Default with { HashBits = 14 };

    private static List<LabeledText> Toy()
    {
        var data = new List<LabeledText>();
        string[] billing = ["faktura fel belopp", "dubbel debitering på kortet", "lasku väärä summa", "rechnung doppelt bezahlt", "invoice charged twice", "factuur klopt niet"];
        string[] bug = ["kassan startar inte", "appen kraschar", "kassa ei käynnisty", "kasse startet nicht", "till crashes on start", "kassa loopt vast"];
        for (var i = 0; i < 5; i++)
        {
            data.AddRange(billing.Select(t => new LabeledText(null, $"{t} {i}", "billing")));
            data.AddRange(bug.Select(t => new LabeledText(null, $"{t} {i}", "bug")));
        }

        return data;
    }

    [Fact]
    public void Train_SeparableData_PredictsHeldOutPhrasings()
    {
        var model = TextClassifier.Train("topic", Toy(), Small, TrainerSettings.Default, folds: 0, DateTimeOffset.UnixEpoch);

        Assert.Equal("bug", model.Predict(null, "kassan kraschar och startar inte").Label);
        Assert.Equal("billing", model.Predict("Faktura", "fel belopp på fakturan").Label);
        var prediction = model.Predict(null, "invoice wrong");
        Assert.Equal(1f, prediction.Scores.Values.Sum(), 3);
    }

    [Fact]
    public void Train_SameSeedTwice_IdenticalWeights()
    {
        var a = TextClassifier.Train("topic", Toy(), Small, TrainerSettings.Default, folds: 0, DateTimeOffset.UnixEpoch);
        var b = TextClassifier.Train("topic", Toy(), Small, TrainerSettings.Default, folds: 0, DateTimeOffset.UnixEpoch);

        Assert.Equal(a.Model.Weights, b.Model.Weights);
        Assert.Equal(a.Model.Temperature, b.Model.Temperature);
    }

    [Fact]
    public void Train_WithFolds_StoresCrossValidationMetrics()
    {
        var model = TextClassifier.Train("topic", Toy(), Small, TrainerSettings.Default, folds: 3, DateTimeOffset.UnixEpoch);

        var cv = Assert.IsType<EvaluationSummary>(model.Metadata.CrossValidation);
        Assert.Equal(60, cv.Rows);
        Assert.InRange(cv.MacroF1, 0.8, 1.0);
    }

    [Fact]
    public void Train_OneLabelOnly_FailsClearly()
    {
        var data = Toy().Where(d => d.Label == "bug").ToList();

        var error = Assert.Throws<ArgumentException>(() => TextClassifier.Train("topic", data, Small, TrainerSettings.Default, 0, DateTimeOffset.UnixEpoch));
        Assert.Contains("at least two labels", error.Message, StringComparison.Ordinal);
    }
}

public sealed class EvaluationTests
{
    [Fact]
    public void Compute_KnownPredictions_GivesTextbookMetrics()
    {
        // Truth a,a,a,b; predicted a,a,b,b.
        float[][] p = [[0.9f, 0.1f], [0.8f, 0.2f], [0.4f, 0.6f], [0.3f, 0.7f]];

        var e = Evaluation.Compute(["a", "b"], [0, 0, 0, 1], p);

        Assert.Equal(0.75, e.MicroAccuracy, 6);
        Assert.Equal((2.0 / 3 + 1) / 2, e.MacroAccuracy, 6);
        Assert.Equal(1.0, e.PerClass[0].Precision, 6);
        Assert.Equal(2.0 / 3, e.PerClass[0].Recall, 6);
        Assert.Equal(0.5, e.PerClass[1].Precision, 6);
        Assert.Equal(((0.8) + (2.0 / 3)) / 2, e.MacroF1, 6);
        Assert.Equal([2, 1], e.Confusion[0]);
        Assert.Equal(-(Math.Log(0.9) + Math.Log(0.8) + Math.Log(0.4) + Math.Log(0.7)) / 4, e.LogLoss, 5);
    }
}

public sealed class FeaturizerTests
{
    [Fact]
    public void Transform_SameTextTwice_SameVector()
    {
        var f = new Featurizer(FeaturizerSettings.Default with { HashBits = 16 });

        var a = f.Transform("Kassan", "Kassan startar inte");
        var b = f.Transform("Kassan", "Kassan startar inte");

        Assert.Equal(a.Indices, b.Indices);
        Assert.Equal(a.Values, b.Values);
        Assert.Equal(a.Indices.Length, a.Indices.Distinct().Count());
    }

    [Fact]
    public void Transform_CaseAndCompatibilityForms_AreFolded()
    {
        var f = new Featurizer(FeaturizerSettings.Default with { HashBits = 16 });

        Assert.Equal(f.Transform(null, "KASSAN ﬁxad").Indices, f.Transform(null, "kassan fixad").Indices);
    }

    [Fact]
    public void Transform_EmptyText_EmptyVector()
    {
        var f = new Featurizer(FeaturizerSettings.Default with { HashBits = 16 });

        Assert.Equal(0, f.Transform(null, "").Count);
    }
}

public sealed class ModelFileTests
{
    private static TextClassifier Trained() => TextClassifier.Train(
        "topic",
        [.. Enumerable.Range(0, 10).SelectMany(i => new[] { new LabeledText(null, $"faktura belopp {i}", "billing"), new LabeledText(null, $"kassan startar inte {i}", "bug") })],
        FeaturizerSettings.Default with { HashBits = 12 }, TrainerSettings.Default, folds: 0, DateTimeOffset.UnixEpoch);

    private static byte[] Bytes(TextClassifier classifier)
    {
        using var stream = new MemoryStream();
        ModelFile.Save(classifier, stream);
        return stream.ToArray();
    }

    [Fact]
    public void SaveLoad_RoundTrip_PredictsTheSame()
    {
        var original = Trained();

        var loaded = ModelFile.Load(new MemoryStream(Bytes(original)));

        Assert.Equal(original.Labels, loaded.Labels);
        Assert.Equal(original.Probabilities(null, "kassan startar inte"), loaded.Probabilities(null, "kassan startar inte"));
        Assert.Equal(original.Metadata.TrainingDataSha256, loaded.Metadata.TrainingDataSha256);
    }

    [Fact]
    public void Save_TrainedTwiceWithSameSeed_ByteIdentical()
    {
        Assert.Equal(Bytes(Trained()), Bytes(Trained()));
    }

    [Fact]
    public void Load_OtherFormatVersion_SaysSoClearly()
    {
        var bytes = Bytes(Trained());
        bytes["TRIAGE-MODEL ".Length] = (byte)'9';

        var error = Assert.Throws<ModelFileException>(() => ModelFile.Load(new MemoryStream(bytes), "topic.model"));

        Assert.Contains("format version 9", error.Message, StringComparison.Ordinal);
        Assert.Contains("Retrain", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(10)]
    [InlineData(40)]
    public void Load_CorruptOrForeignFile_FailsWithModelFileException(int cut)
    {
        var bytes = Bytes(Trained());
        var damaged = cut == 0 ? "PK\u0003\u0004 not a model"u8.ToArray() : bytes[..cut];

        Assert.Throws<ModelFileException>(() => ModelFile.Load(new MemoryStream(damaged)));
    }

    [Fact]
    public void Load_FlippedBytesInBody_NeverThrowsAnythingElse()
    {
        var bytes = Bytes(Trained());
        var random = new Random(3);
        for (var i = 0; i < 200; i++)
        {
            var copy = (byte[])bytes.Clone();
            copy[16 + random.Next(copy.Length - 16)] ^= (byte)(1 + random.Next(255));
            try
            {
                ModelFile.Load(new MemoryStream(copy));
            }
            catch (ModelFileException)
            {
            }
        }
    }
}

public sealed class PredictionPathTests
{
    [Fact]
    public void Probabilities_QuantizedPredictionPath_MatchesTheTrainingPathWithinRounding()
    {
        var data = Enumerable.Range(0, 12).SelectMany(i => new[]
        {
            new LabeledText("Faktura", $"fel belopp på fakturan {i}", "billing"),
            new LabeledText("Kassan", $"kassan startar inte {i}", "bug"),
            new LabeledText(null, $"var är min beställning {i}", "order"),
        }).ToList();
        var model = TextClassifier.Train("topic", data, FeaturizerSettings.Default with { HashBits = 14 }, TrainerSettings.Default, 0, DateTimeOffset.UnixEpoch);
        var reference = new float[model.Labels.Count];

        foreach (var (subject, body) in new[] { ("Hej", "kassan startar inte efter uppdatering"), ((string?)null, "fakturan har fel belopp"), ("Order", "") })
        {
            model.Model.Probabilities(model.Featurizer.Transform(subject, body), reference);
            var predicted = model.Probabilities(subject, body);
            Assert.Equal(Evaluation.ArgMax(reference), Evaluation.ArgMax(predicted));
            Assert.All(reference.Zip(predicted), pair => Assert.Equal(pair.First, pair.Second, 0.01f));
        }
    }
}

public sealed class NgramCountsTests
{
    [Fact]
    public void Add_ManyDistinctBuckets_GrowsAndKeepsEveryCountInFirstSeenOrder()
    {
        var counts = new NgramCounts();
        for (var round = 0; round < 3; round++)
        {
            counts.Reset();
            for (var b = 0; b < 20_000; b++)
            {
                counts.Add(b * 7);
                if (b % 3 == 0)
                {
                    counts.Add(b * 7);
                }
            }

            Assert.Equal(20_000, counts.Distinct);
            Assert.Equal((0, 2), counts.Entry(0));
            Assert.Equal((7, 1), counts.Entry(1));
            Assert.Equal((19_999 * 7, 1), counts.Entry(19_999));
        }
    }
}

public sealed class ManyLabelsPredictionTests
{
    [Fact]
    public void Probabilities_MoreLabelsThanOneRowChunkHolds_MatchTheTrainingPath()
    {
        // 20 labels need two 16-byte chunks per quantized row.
        var data = Enumerable.Range(0, 20).SelectMany(label => Enumerable.Range(0, 4)
            .Select(i => new LabeledText(null, $"ärende{label} text {i} ord{label}x", $"label{label:D2}"))).ToList();
        var model = TextClassifier.Train("topic", data, FeaturizerSettings.Default with { HashBits = 14 }, TrainerSettings.Default, 0, DateTimeOffset.UnixEpoch);
        var reference = new float[model.Labels.Count];

        for (var label = 0; label < 20; label++)
        {
            var body = $"ärende{label} ord{label}x";
            model.Model.Probabilities(model.Featurizer.Transform(null, body), reference);
            var predicted = model.Probabilities(null, body);
            Assert.Equal($"label{label:D2}", model.Labels[Evaluation.ArgMax(predicted)]);
            Assert.All(reference.Zip(predicted), pair => Assert.Equal(pair.First, pair.Second, 0.01f));
        }
    }
}
