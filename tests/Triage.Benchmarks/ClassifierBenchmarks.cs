using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Triage.Classification;

namespace Triage.Benchmarks;

/// <summary>
/// Prediction cost per mail with the shipped topic model over our held-out mails (models/eval), split into
/// featurization and scoring. Rows/s = 285 / mean.
/// </summary>
[MemoryDiagnoser]
public class ClassifierBenchmarks
{
    private TextClassifier _topic = null!;
    private (string? Subject, string Body)[] _mails = [];
    private SparseVector[] _vectors = [];
    private float[] _probabilities = [];

    [GlobalSetup]
    public void Setup()
    {
        _topic = ModelFile.Load(Path.Combine(RepoPaths.Find("models"), "topic.model"));
        _mails = [.. Directory.GetFiles(Path.Combine(RepoPaths.Find("models"), "eval"), "*.jsonl").Order(StringComparer.Ordinal)
            .SelectMany(File.ReadLines)
            .Select(line => JsonDocument.Parse(line).RootElement)
            .Select(e => (e.GetProperty("subject").GetString(), e.GetProperty("text").GetString()!))];
        _vectors = [.. _mails.Select(m => _topic.Featurizer.Transform(m.Subject, m.Body))];
        _probabilities = new float[_topic.Labels.Count];
    }

    [Benchmark(Description = "featurize")]
    public int Featurize()
    {
        var total = 0;
        foreach (var (subject, body) in _mails)
        {
            total += _topic.Featurizer.Transform(subject, body).Count;
        }

        return total;
    }

    [Benchmark(Description = "score (vectors ready)")]
    public float Score()
    {
        var total = 0f;
        foreach (var vector in _vectors)
        {
            _topic.Model.Probabilities(vector, _probabilities);
            total += _probabilities[0];
        }

        return total;
    }

    [Benchmark(Description = "predict (featurize + score)")]
    public int Predict()
    {
        var total = 0;
        foreach (var (subject, body) in _mails)
        {
            total += _topic.Predict(subject, body).Label.Length;
        }

        return total;
    }
}
