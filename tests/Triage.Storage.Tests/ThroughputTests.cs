using System.Diagnostics;
using System.Globalization;
using Triage.Core.Tickets;
using Xunit.Abstractions;

namespace Triage.Storage.Tests;

/// <summary>The store's share of the 200 mails/s end-to-end target, measured on this machine.</summary>
public sealed class ThroughputTests(ITestOutputHelper output)
{
    [Fact]
    public async Task ApplyAsync_ThousandMails_ReportsMailsPerSecond()
    {
        const int Mails = 1000;
        await using var t = await TestStore.CreateAsync();
        var keys = new List<string>(Mails);
        var store = Stopwatch.StartNew();
        for (var i = 0; i < Mails; i++)
        {
            keys.Add(await t.StoreAsync("bench" + i));
        }

        store.Stop();
        var apply = Stopwatch.StartNew();
        for (var i = 0; i < Mails; i++)
        {
            var outcome = TestStore.Outcome(keys[i], TestStore.Open, "bench" + i) with { Acknowledgement = TestStore.Ack($"customer{i}@butik.example") };
            await t.Store.ApplyAsync(outcome, CancellationToken.None);
        }

        apply.Stop();
        var line = string.Create(
            CultureInfo.InvariantCulture,
            $"StoreRawAsync (flushed) {Mails / store.Elapsed.TotalSeconds:F0} mails/s, ApplyAsync (new ticket + event + acknowledgement) {Mails / apply.Elapsed.TotalSeconds:F0} mails/s");
        output.WriteLine(line);
        Console.WriteLine(line);
        Assert.Equal(Mails, (await t.Store.ListTicketsAsync(TicketFilter.All, new Paging(Limit: 1), CancellationToken.None)).Total);
        Assert.Equal(2 * Mails, await t.CountAsync("outbox"));
    }
}
