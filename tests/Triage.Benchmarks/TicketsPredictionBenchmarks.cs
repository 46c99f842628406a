using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Triage.Classification;

namespace Triage.Benchmarks;

/// <summary>
/// Prediction on the peers' ground: a topic model trained on the tickets train split (the evaluation-only corpus,
/// split by tests/tools/split_tickets.py into $TRIAGE_TICKETS_SPLIT, default /tmp/clf), predicting every test row on
/// one thread, as ../shared/peers/text_baselines.py times fastText. Rows/s = test rows / mean.
/// </summary>
[MemoryDiagnoser]
public class TicketsPredictionBenchmarks
{
    private TextClassifier _model = null!;
    private string[] _texts = [];

    [GlobalSetup]
    public void Setup()
    {
        var split = Environment.GetEnvironmentVariable("TRIAGE_TICKETS_SPLIT") ?? "/tmp/clf";
        if (!File.Exists(Path.Combine(split, "train.jsonl")))
        {
            throw new FileNotFoundException($"no tickets split in {split}: run python3 tests/tools/split_tickets.py first");
        }

        var train = Read(Path.Combine(split, "train.jsonl"))
            .Select(e => new LabeledText(null, e.GetProperty("text").GetString()!, e.GetProperty("label").GetString()!)).ToList();
        _model = TextClassifier.Train("topic", train, FeaturizerSettings.Default, TrainerSettings.Default, 0, DateTimeOffset.UnixEpoch);
        _texts = [.. Read(Path.Combine(split, "test.jsonl")).Select(e => e.GetProperty("text").GetString()!)];
    }

    [Benchmark(Description = "predict every test ticket")]
    public int PredictAll()
    {
        var total = 0;
        foreach (var text in _texts)
        {
            total += Evaluation.ArgMax(_model.Probabilities(null, text));
        }

        return total;
    }

    private static IEnumerable<JsonElement> Read(string path) =>
        File.ReadLines(path).Where(l => l.Length > 0).Select(l => JsonDocument.Parse(l).RootElement);
}
