namespace Triage.Storage.Tests;

public sealed class MailboxTests
{
    [Fact]
    public async Task GetCheckpointAsync_NeverSet_Null()
    {
        await using var t = await TestStore.CreateAsync();

        Assert.Null(await t.Store.GetCheckpointAsync("INBOX", CancellationToken.None));
    }

    [Fact]
    public async Task SetCheckpointAsync_Overwritten_LatestSurvivesReopen()
    {
        await using var t = await TestStore.CreateAsync();
        await t.Store.SetCheckpointAsync("INBOX", 7, 100, CancellationToken.None);
        await t.Store.SetCheckpointAsync("INBOX", uint.MaxValue, uint.MaxValue - 1, CancellationToken.None);
        await t.Store.SetCheckpointAsync("Support/Nordic", 3, 1, CancellationToken.None);

        await t.ReopenAsync();

        Assert.Equal((uint.MaxValue, uint.MaxValue - 1), await t.Store.GetCheckpointAsync("INBOX", CancellationToken.None));
        Assert.Equal((3u, 1u), await t.Store.GetCheckpointAsync("Support/Nordic", CancellationToken.None));
    }

    [Fact]
    public async Task TryCountSendAsync_DefaultCaps_TenPerTenMinutesThirtyPerHour()
    {
        await using var t = await TestStore.CreateAsync();
        var caps = Triage.Core.Tickets.SendCap.Defaults;
        var start = new DateTimeOffset(2025, 3, 10, 8, 0, 0, TimeSpan.Zero);

        async Task<int> AllowedAsync(DateTimeOffset at, int tries)
        {
            var allowed = 0;
            for (var i = 0; i < tries; i++)
            {
                allowed += await t.Store.TryCountSendAsync(i % 2 == 0 ? "anna@bergsbageri.example" : "ANNA@Bergsbageri.example", at, caps, CancellationToken.None) ? 1 : 0;
            }

            return allowed;
        }

        Assert.Equal(10, await AllowedAsync(start, 12));
        Assert.Equal(10, await AllowedAsync(start.AddMinutes(10), 12));
        Assert.Equal(10, await AllowedAsync(start.AddMinutes(20), 12));
        Assert.Equal(0, await AllowedAsync(start.AddMinutes(30), 5));
        Assert.Equal(10, await AllowedAsync(start.AddHours(1), 12));
        Assert.True(await t.Store.TryCountSendAsync("other@butik.example", start.AddMinutes(30), caps, CancellationToken.None));
    }

    [Fact]
    public async Task TryCountSendAsync_OldWindows_Removed()
    {
        await using var t = await TestStore.CreateAsync();
        var caps = Triage.Core.Tickets.SendCap.Defaults;
        await t.Store.TryCountSendAsync("anna@bergsbageri.example", ManualClock.Start, caps, CancellationToken.None);

        await t.Store.TryCountSendAsync("anna@bergsbageri.example", ManualClock.Start.AddDays(1), caps, CancellationToken.None);

        Assert.Equal(2, await t.CountAsync("send_counters"));
    }
}
