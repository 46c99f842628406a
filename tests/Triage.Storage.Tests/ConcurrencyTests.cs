using Microsoft.Data.Sqlite;
using Triage.Core.Tickets;

namespace Triage.Storage.Tests;

public sealed class ConcurrencyTests
{
    [Fact]
    public async Task ApplyAsync_TwoStoresWritingAtOnce_EveryMailOneTicketNumbersUnique()
    {
        await using var t = await TestStore.CreateAsync();
        using var other = await t.OpenAnotherAsync();

        async Task WriteAsync(SqliteStore store, string prefix)
        {
            for (var i = 0; i < 60; i++)
            {
                var id = $"{prefix}{i}";
                var stored = await store.StoreRawAsync(new RawMessage(TestStore.Raw(id)) { MessageId = id + "@bergsbageri.example" }, CancellationToken.None);
                await store.ApplyAsync(TestStore.Outcome(stored.MessageKey, TestStore.Open, id), CancellationToken.None);
            }
        }

        await Task.WhenAll(Task.Run(() => WriteAsync(t.Store, "a")), Task.Run(() => WriteAsync(other, "b")));

        var all = await t.Store.ListTicketsAsync(TicketFilter.All, new Paging(Limit: 1000), CancellationToken.None);
        Assert.Equal(120, all.Total);
        Assert.Equal(Enumerable.Range(100001, 120).Select(n => "SUP-" + n), all.Tickets.Select(x => x.Number).Order(StringComparer.Ordinal));
        Assert.Equal(120, (await t.Store.GetPendingAsync(OutboxChannel.Events, 1000, CancellationToken.None)).Count);
    }

    [Fact]
    public async Task StoreRawAsync_OtherWriterHoldsLockBriefly_WaitsAndSucceeds()
    {
        await using var t = await TestStore.CreateAsync();
        await using var blocker = await HoldWriteLockAsync(t.DatabasePath);
        var release = Task.Run(async () =>
        {
            await Task.Delay(300);
            await blocker.Transaction.CommitAsync();
        });

        var result = await t.Store.StoreRawAsync(new RawMessage(TestStore.Raw("m1")), CancellationToken.None);

        await release;
        Assert.Equal(RawStoreStatus.Stored, result.Status);
    }

    [Fact]
    public async Task StoreRawAsync_LockHeldBeyondBusyTimeout_StoreBusyAndNothingWritten()
    {
        await using var t = await TestStore.CreateAsync(o => o with { BusyTimeout = TimeSpan.FromMilliseconds(500) });
        await using (var blocker = await HoldWriteLockAsync(t.DatabasePath))
        {
            await Assert.ThrowsAsync<StoreBusyException>(() => t.Store.StoreRawAsync(new RawMessage(TestStore.Raw("m1")), CancellationToken.None));
        }

        Assert.Equal(0, await t.CountAsync("messages"));
        Assert.Equal(RawStoreStatus.Stored, (await t.Store.StoreRawAsync(new RawMessage(TestStore.Raw("m1")), CancellationToken.None)).Status);
    }

    [Fact]
    public async Task GetTicketAsync_WhileAnotherWriterHoldsLock_ReadsCommittedState()
    {
        await using var t = await TestStore.CreateAsync(o => o with { BusyTimeout = TimeSpan.FromMilliseconds(500) });
        await t.NewTicketAsync("m1");
        await using var blocker = await HoldWriteLockAsync(t.DatabasePath);

        // WAL: readers do not wait for the writer.
        Assert.NotNull(await t.Store.GetTicketAsync("SUP-100001", CancellationToken.None));
    }

    private static async Task<HeldLock> HoldWriteLockAsync(string path)
    {
        var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        await connection.OpenAsync();
        var transaction = connection.BeginTransaction(deferred: false);
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "INSERT INTO checkpoints (mailbox, uid_validity, last_uid, updated_at) VALUES ('lock', 1, 1, 0)";
        await command.ExecuteNonQueryAsync();
        return new HeldLock(connection, transaction);
    }

    private sealed record HeldLock(SqliteConnection Connection, SqliteTransaction Transaction) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await Transaction.DisposeAsync();
            await Connection.DisposeAsync();
        }
    }
}
