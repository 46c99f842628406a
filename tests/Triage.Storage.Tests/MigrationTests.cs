using Microsoft.Data.Sqlite;

namespace Triage.Storage.Tests;

public sealed class MigrationTests
{
    private static readonly int Next = Migrations.All.Count + 1;

    private static readonly Migration AddNotes = new(Next, "notes column", "ALTER TABLE tickets ADD COLUMN notes TEXT");

    [Fact]
    public async Task OpenAsync_EmptyFolder_CreatesNewestSchemaInWalMode()
    {
        await using var t = await TestStore.CreateAsync();

        Assert.Equal("wal", t.Store.JournalMode);
        Assert.Equal(Migrations.All.Count, t.Store.SchemaVersion);
        Assert.Equal(Migrations.All.Count, await t.CountAsync("schema_version"));
        Assert.Equal(0, await t.CountAsync("tickets"));
    }

    [Fact]
    public async Task OpenAsync_Reopen_KeepsDataAndAppliesNothingTwice()
    {
        await using var t = await TestStore.CreateAsync();
        await t.NewTicketAsync("m1");

        await t.ReopenAsync();

        Assert.Equal(Migrations.All.Count, await t.CountAsync("schema_version"));
        Assert.NotNull(await t.Store.GetTicketAsync("SUP-100001", CancellationToken.None));
    }

    [Fact]
    public async Task OpenAsync_NewMigration_UpgradesExistingDatabaseKeepingData()
    {
        await using var t = await TestStore.CreateAsync();
        await t.NewTicketAsync("m1");
        t.Store.Dispose();

        using var upgraded = await SqliteStore.OpenAsync(new StoreOptions { Path = t.DatabasePath }, t.Clock, [.. Migrations.All, AddNotes], CancellationToken.None);

        Assert.Equal(Next, upgraded.SchemaVersion);
        Assert.Equal(Next, await t.CountAsync("schema_version"));
        Assert.NotNull(await upgraded.GetTicketAsync("SUP-100001", CancellationToken.None));
    }

    [Fact]
    public async Task OpenAsync_FailingMigration_RollsBackToPreviousVersion()
    {
        await using var t = await TestStore.CreateAsync();
        t.Store.Dispose();
        var broken = new Migration(Next, "half a migration", "CREATE TABLE half (a INTEGER); ALTER TABLE no_such_table ADD COLUMN b TEXT;");

        var e = await Assert.ThrowsAsync<StoreSchemaException>(() => SqliteStore.OpenAsync(new StoreOptions { Path = t.DatabasePath }, t.Clock, [.. Migrations.All, broken], CancellationToken.None));

        Assert.Contains($"migration {Next}", e.Message, StringComparison.Ordinal);
        await t.ReopenAsync();
        Assert.Equal(Migrations.All.Count, t.Store.SchemaVersion);
        await using var connection = new SqliteConnection($"Data Source={t.DatabasePath};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM sqlite_master WHERE name = 'half'";
        Assert.Equal(0L, await command.ExecuteScalarAsync());
    }

    [Fact]
    public async Task OpenAsync_DatabaseNewerThanBuild_FailsWithSchemaError()
    {
        await using var t = await TestStore.CreateAsync();
        t.Store.Dispose();
        using (await SqliteStore.OpenAsync(new StoreOptions { Path = t.DatabasePath }, t.Clock, [.. Migrations.All, AddNotes], CancellationToken.None))
        {
        }

        var e = await Assert.ThrowsAsync<StoreSchemaException>(() => t.OpenAnotherAsync());

        Assert.Contains($"schema version {Next}", e.Message, StringComparison.Ordinal);
    }
}
