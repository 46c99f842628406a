using Triage.Core.Tickets;

namespace Triage.Storage.Tests;

public sealed class OutboxTests
{
    private static Task<IReadOnlyList<OutboxEntry>> PendingAsync(TestStore t) => t.Store.GetPendingAsync(OutboxChannel.Events, 100, CancellationToken.None);

    [Fact]
    public async Task GetPendingAsync_SeveralTickets_InSequenceOrderUpToMax()
    {
        await using var t = await TestStore.CreateAsync();
        for (var i = 0; i < 5; i++)
        {
            await t.NewTicketAsync("m" + i);
        }

        var firstThree = await t.Store.GetPendingAsync(OutboxChannel.Events, 3, CancellationToken.None);

        Assert.Equal(3, firstThree.Count);
        Assert.True(firstThree[0].Sequence < firstThree[1].Sequence && firstThree[1].Sequence < firstThree[2].Sequence);
        Assert.Equal(["SUP-100001", "SUP-100002", "SUP-100003"], firstThree.Select(e => TicketEvent.FromJson(e.Body.Span).TicketNumber));
        Assert.Empty(await t.Store.GetPendingAsync(OutboxChannel.Mail, 10, CancellationToken.None));
    }

    [Fact]
    public async Task MarkSentAsync_Pending_NotListedAgainAndSecondMarkReportsFalse()
    {
        await using var t = await TestStore.CreateAsync();
        var eventId = (await t.NewTicketAsync("m1")).EventIds[0];

        Assert.True(await t.Store.MarkSentAsync(eventId, CancellationToken.None));

        Assert.Empty(await PendingAsync(t));
        Assert.False(await t.Store.MarkSentAsync(eventId, CancellationToken.None));
        var sent = Assert.Single(await t.Store.ListOutboxAsync(OutboxStatus.Sent, 10, CancellationToken.None));
        Assert.Equal((1, ManualClock.Start), (sent.Attempts, sent.SentAt));
    }

    [Fact]
    public async Task MarkSentAsync_Batch_MarksEveryPendingRowInOneCallAndSkipsOthers()
    {
        await using var t = await TestStore.CreateAsync();
        var ids = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            ids.Add((await t.NewTicketAsync("m" + i)).EventIds[0]);
        }

        Assert.True(await t.Store.MarkSentAsync(ids[0], CancellationToken.None));

        Assert.Equal(2, await t.Store.MarkSentAsync([.. ids, "no-such-event"], CancellationToken.None));
        Assert.Empty(await PendingAsync(t));
        Assert.All(await t.Store.ListOutboxAsync(OutboxStatus.Sent, 10, CancellationToken.None), e => Assert.Equal(1, e.Attempts));
    }

    [Fact]
    public async Task MarkFailedAsync_BacksOffUntilNextAttemptAndCountsAttempts()
    {
        await using var t = await TestStore.CreateAsync();
        var eventId = (await t.NewTicketAsync("m1")).EventIds[0];

        Assert.Equal(1, await t.Store.MarkFailedAsync(eventId, "broker down", ManualClock.Start.AddSeconds(30), CancellationToken.None));
        Assert.Empty(await PendingAsync(t));
        t.Clock.Advance(TimeSpan.FromSeconds(30));
        var due = Assert.Single(await PendingAsync(t));
        Assert.Equal((1, "broker down"), (due.Attempts, due.LastError));
        Assert.Equal(2, await t.Store.MarkFailedAsync(eventId, "still down", t.Clock.GetUtcNow(), CancellationToken.None));
        Assert.Null(await t.Store.MarkFailedAsync("no-such-event", "x", t.Clock.GetUtcNow(), CancellationToken.None));
    }

    [Fact]
    public async Task GetPendingAsync_EarlierEventOfTicketBackingOff_HoldsThatTicketOnly()
    {
        await using var t = await TestStore.CreateAsync();
        var first = (await t.NewTicketAsync("m1")).Ticket!;
        await t.NewTicketAsync("m2");
        var key = await t.StoreAsync("m3");
        await t.Store.ApplyAsync(TestStore.Outcome(key, new ThreadingDecision(ThreadingAction.FollowUp, first, "ref"), "m3"), CancellationToken.None);
        var created = (await PendingAsync(t))[0];

        await t.Store.MarkFailedAsync(created.EventId, "rejected for now", ManualClock.Start.AddMinutes(1), CancellationToken.None);

        var pending = await PendingAsync(t);
        Assert.Equal(["SUP-100002"], pending.Select(e => TicketEvent.FromJson(e.Body.Span).TicketNumber));
        t.Clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal([TicketEvent.Created, TicketEvent.Created, TicketEvent.Updated], (await PendingAsync(t)).Select(e => e.Type));
    }

    [Fact]
    public async Task MarkDeadAsync_Pending_ParkedWithErrorAndOutOfPending()
    {
        await using var t = await TestStore.CreateAsync();
        var eventId = (await t.NewTicketAsync("m1")).EventIds[0];

        Assert.True(await t.Store.MarkDeadAsync(eventId, "401 Unauthorized", CancellationToken.None));

        Assert.Empty(await PendingAsync(t));
        var dead = Assert.Single(await t.Store.ListDeadAsync(10, CancellationToken.None));
        Assert.Equal((eventId, OutboxStatus.Dead, "401 Unauthorized"), (dead.EventId, dead.Status, dead.LastError));
    }

    [Fact]
    public async Task RequeueAsync_Dead_PendingAgainWithFreshBudget()
    {
        await using var t = await TestStore.CreateAsync();
        var eventId = (await t.NewTicketAsync("m1")).EventIds[0];
        await t.Store.MarkFailedAsync(eventId, "timeout", ManualClock.Start, CancellationToken.None);
        await t.Store.MarkDeadAsync(eventId, "timeout", CancellationToken.None);

        Assert.True(await t.Store.RequeueAsync(eventId, CancellationToken.None));

        var again = Assert.Single(await PendingAsync(t));
        Assert.Equal((OutboxStatus.Pending, 0), (again.Status, again.Attempts));
        Assert.Empty(await t.Store.ListDeadAsync(10, CancellationToken.None));
        Assert.False(await t.Store.RequeueAsync(eventId, CancellationToken.None));
    }

    [Fact]
    public async Task MarkFailedAsync_HugeError_KeptShortened()
    {
        await using var t = await TestStore.CreateAsync();
        var eventId = (await t.NewTicketAsync("m1")).EventIds[0];

        await t.Store.MarkFailedAsync(eventId, new string('x', 50_000), ManualClock.Start, CancellationToken.None);

        Assert.Equal(SqliteStore.MaxErrorLength, (await PendingAsync(t))[0].LastError?.Length);
    }
}
