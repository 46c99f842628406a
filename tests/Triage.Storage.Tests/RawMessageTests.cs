namespace Triage.Storage.Tests;

public sealed class RawMessageTests
{
    [Fact]
    public async Task StoreRawAsync_SameBytesTwice_SecondIsDuplicateOfFirst()
    {
        await using var t = await TestStore.CreateAsync();
        var raw = new RawMessage(TestStore.Raw("m1"));

        var first = await t.Store.StoreRawAsync(raw, CancellationToken.None);
        var second = await t.Store.StoreRawAsync(raw with { Mailbox = "Other", Uid = 99 }, CancellationToken.None);

        Assert.Equal(RawStoreStatus.Stored, first.Status);
        Assert.Equal(RawStoreStatus.Duplicate, second.Status);
        Assert.Equal(first.MessageKey, second.MessageKey);
        Assert.Equal(1, await t.CountAsync("messages"));
    }

    [Fact]
    public async Task StoreRawAsync_GroupCommitThenFlush_CommittedForOtherProcessesAndDeduplicated()
    {
        await using var t = await TestStore.CreateAsync();
        var first = await t.Store.StoreRawAsync(new RawMessage(TestStore.Raw("m1")), flush: false, CancellationToken.None);
        await t.Store.StoreRawAsync(new RawMessage(TestStore.Raw("m2")), flush: false, CancellationToken.None);
        var again = await t.Store.StoreRawAsync(new RawMessage(TestStore.Raw("m1")), flush: false, CancellationToken.None);

        await t.Store.FlushAsync(CancellationToken.None);

        Assert.Equal((RawStoreStatus.Duplicate, first.MessageKey), (again.Status, again.MessageKey));
        using var other = await t.OpenAnotherAsync();
        Assert.Equal(2, (await other.GetUnprocessedAsync(10, CancellationToken.None)).Count);
    }

    [Fact]
    public async Task StoreRawAsync_SameMessageIdOtherBytes_Duplicate()
    {
        await using var t = await TestStore.CreateAsync();
        await t.Store.StoreRawAsync(new RawMessage(TestStore.Raw("m1")) { MessageId = "<m1@bergsbageri.example>" }, CancellationToken.None);

        var other = await t.Store.StoreRawAsync(new RawMessage(TestStore.Raw("m1-copy")) { MessageId = "m1@bergsbageri.example" }, CancellationToken.None);

        Assert.Equal(RawStoreStatus.Duplicate, other.Status);
        Assert.Equal(1, await t.CountAsync("messages"));
    }

    [Fact]
    public async Task StoreRawAsync_MessageIdDeduplicationOff_StoresBoth()
    {
        await using var t = await TestStore.CreateAsync(o => o with { DeduplicateByMessageId = false });
        await t.Store.StoreRawAsync(new RawMessage(TestStore.Raw("m1")) { MessageId = "m1@bergsbageri.example" }, CancellationToken.None);

        var other = await t.Store.StoreRawAsync(new RawMessage(TestStore.Raw("m1-copy")) { MessageId = "m1@bergsbageri.example" }, CancellationToken.None);

        Assert.Equal(RawStoreStatus.Stored, other.Status);
        Assert.Equal(2, await t.CountAsync("messages"));
    }

    [Fact]
    public async Task GetUnprocessedAsync_AfterStore_ReturnsExactBytesAndOriginOldestFirst()
    {
        await using var t = await TestStore.CreateAsync();
        var received = ManualClock.Start.AddMinutes(-5);
        await t.Store.StoreRawAsync(new RawMessage(TestStore.Raw("m1")) { Mailbox = "INBOX", UidValidity = 42, Uid = uint.MaxValue, ReceivedAt = received }, CancellationToken.None);
        await t.Store.StoreRawAsync(new RawMessage(TestStore.Raw("m2")), CancellationToken.None);

        var pending = await t.Store.GetUnprocessedAsync(10, CancellationToken.None);

        Assert.Equal(2, pending.Count);
        Assert.Equal(TestStore.Raw("m1"), pending[0].Content.ToArray());
        Assert.Equal(("INBOX", 42u, uint.MaxValue, received), (pending[0].Mailbox, pending[0].UidValidity, pending[0].Uid, pending[0].ReceivedAt));
        Assert.Equal(ManualClock.Start, pending[1].ReceivedAt);
        Assert.Null(pending[1].Mailbox);
    }

    [Fact]
    public async Task GetUnprocessedAsync_AfterApply_NoLongerListed()
    {
        await using var t = await TestStore.CreateAsync();
        await t.NewTicketAsync("m1");
        await t.StoreAsync("m2");

        var pending = await t.Store.GetUnprocessedAsync(10, CancellationToken.None);

        Assert.Equal("m2@bergsbageri.example", Assert.Single(pending).MessageId);
    }
}
