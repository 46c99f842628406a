using Triage.Classification;
using Triage.Mime.Tests;

namespace Triage.Cli.Tests;

/// <summary>The models in models/ are exactly what models/train.sh makes from the repository's training data.</summary>
public sealed class ShippedModelTests : IDisposable
{
    private readonly string _out = Directory.CreateTempSubdirectory("triage-models-").FullName;

    public void Dispose() => Directory.Delete(_out, recursive: true);

    private static string Repo => RepoPaths.Root;

    [CorpusFact]
    public void TrainScript_RetrainsEveryShippedModel_ByteIdentical()
    {
        var triage = $"dotnet {Path.Combine(AppContext.BaseDirectory, "triage.dll")}";

        var (exit, stdout, stderr) = TriageProcess.Run("bash", [Path.Combine(Repo, "models", "train.sh"), triage, _out], Repo);

        Assert.True(exit == 0, stdout + stderr);
        foreach (var name in new[] { "topic.model", "critical.model", "language.model" })
        {
            var shipped = File.ReadAllBytes(Path.Combine(Repo, "models", name));
            var retrained = File.ReadAllBytes(Path.Combine(_out, name));
            Assert.True(shipped.AsSpan().SequenceEqual(retrained), $"{name}: retraining gave different bytes ({retrained.Length} vs {shipped.Length})");
        }
    }

    [Theory]
    [InlineData("topic.model", "topic")]
    [InlineData("critical.model", "critical")]
    [InlineData("language.model", "language")]
    public void ShippedModel_Loads_AndDescribesItself(string file, string task)
    {
        var model = ModelFile.Load(Path.Combine(Repo, "models", file));

        Assert.Equal(task, model.Metadata.Task);
        Assert.True(model.Metadata.TrainingRows > 600);
        Assert.Equal(64, model.Metadata.TrainingDataSha256.Length);
    }
}
