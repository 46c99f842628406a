using Xunit.Abstractions;

namespace Triage.Mime.Tests.Adversarial;

/// <summary>The long fuzz run, outside the unit suite: <c>./run.sh fuzz [COUNT]</c> (TRIAGE_FUZZ_COUNT, default 100,000).</summary>
public sealed class MutationFuzzTests(ITestOutputHelper output)
{
    [CorpusFact]
    [Trait("Category", "Fuzz")]
    public void Parse_ManyMutatedCorpusMails_NeverThrows()
    {
        var requested = Environment.GetEnvironmentVariable("TRIAGE_FUZZ_COUNT");
        if (requested is null)
        {
            // Inside the ordinary suite this only proves the harness; the real run sets the count.
            requested = "100";
        }

        var count = int.Parse(requested, System.Globalization.CultureInfo.InvariantCulture);
        var seed = int.TryParse(Environment.GetEnvironmentVariable("TRIAGE_FUZZ_SEED"), out var s) ? s : 20261121;

        Assert.Equal(count, MutationFuzz.Run(count, seed, output.WriteLine));
    }
}
