using Triage.Hosting.Outbox;

namespace Triage.Hosting.Tests.Outbox;

public sealed class OutboxRetryTests
{
    private static readonly OutboxOptions Options = new() { InitialDelay = TimeSpan.FromSeconds(1), MaxDelay = TimeSpan.FromSeconds(60) };

    [Theory]
    [InlineData(1, 0.5, 1)]
    [InlineData(4, 4, 8)]
    [InlineData(20, 30, 60)]
    public void Delay_NthFailure_IsExponentialCappedAndJitteredDownByAtMostHalf(int failures, double minSeconds, double maxSeconds)
    {
        var retry = new OutboxRetry(Options, TimeProvider.System, new Random(7));

        var delays = Enumerable.Range(0, 200).Select(_ => retry.Delay(failures, null).TotalSeconds).ToList();

        Assert.All(delays, d => Assert.InRange(d, minSeconds, maxSeconds));
        Assert.True(delays.Distinct().Count() > 100, "jitter spreads the retries");
    }

    [Fact]
    public void Delay_RetryAfterLongerThanBackoff_WaitsRetryAfter()
    {
        var retry = new OutboxRetry(Options, TimeProvider.System, new Random(7));

        Assert.Equal(TimeSpan.FromMinutes(5), retry.Delay(1, TimeSpan.FromMinutes(5)));
    }
}
