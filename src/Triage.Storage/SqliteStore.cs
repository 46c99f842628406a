using System.Globalization;
using System.Security.Cryptography;
using Microsoft.Data.Sqlite;
using Triage.Core.Tickets;

namespace Triage.Storage;

/// <summary>
/// The embedded store: raw mail, tickets, the outbox, IMAP checkpoints and acknowledgement counters in one SQLite file
/// in WAL mode. Every write is one transaction (BEGIN IMMEDIATE, so writers queue for the busy timeout instead of
/// failing on lock upgrade). Safe to use from several threads and processes.
/// </summary>
/// <remarks>
/// Every commit survives a killed process. Raw mail and checkpoints are also on disk before the mailbox lets go of a
/// mail: flushed by the call (synchronous=FULL), or, for a batch stored without flush, by <see cref="FlushAsync"/>. Everything else commits with
/// synchronous=NORMAL: a power cut may lose the last of those commits, and the pipeline then redoes them from the
/// durable raw mail with the same ticket and event ids (a flush also covers every earlier commit).
/// </remarks>
public sealed partial class SqliteStore : IDisposable
{
    private static readonly Lazy<bool> NativeLibrary = new(() =>
    {
        SQLitePCL.Batteries_V2.Init();
        return true;
    });

    private readonly StoreOptions _options;
    private readonly TimeProvider _time;
    private readonly string _connectionString;
    private readonly string _pragmas;

    private SqliteStore(StoreOptions options, TimeProvider time)
    {
        _options = options;
        _time = time;
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = options.Path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            // Microsoft.Data.Sqlite retries busy statements for the command timeout, in whole seconds.
            DefaultTimeout = Math.Max(1, (int)Math.Ceiling(options.BusyTimeout.TotalSeconds)),
        }.ToString();
        _pragmas = string.Create(CultureInfo.InvariantCulture, $"PRAGMA busy_timeout = {(long)options.BusyTimeout.TotalMilliseconds}; PRAGMA foreign_keys = ON;");
    }

    /// <summary>The journal mode in force: <c>wal</c>, unless the file system cannot share memory for it.</summary>
    public string JournalMode { get; private set; } = string.Empty;

    private bool IsWal => JournalMode.Equals("wal", StringComparison.OrdinalIgnoreCase);

    /// <summary>The schema version after migrations.</summary>
    public int SchemaVersion { get; private set; }

    /// <summary>Opens (creating when missing) the database and applies pending migrations in one transaction.</summary>
    public static Task<SqliteStore> OpenAsync(StoreOptions options, TimeProvider timeProvider, CancellationToken cancellationToken) =>
        OpenAsync(options, timeProvider, Migrations.All, cancellationToken);

    internal static async Task<SqliteStore> OpenAsync(StoreOptions options, TimeProvider timeProvider, IReadOnlyList<Migration> migrations, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.Path);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.BusyTimeout, TimeSpan.Zero);
        _ = NativeLibrary.Value;
        if (Path.GetDirectoryName(Path.GetFullPath(options.Path)) is { Length: > 0 } folder)
        {
            Directory.CreateDirectory(folder);
        }

        var store = new SqliteStore(options, timeProvider);
        try
        {
            await using var session = await store.ConnectAsync(cancellationToken).ConfigureAwait(false);
            // journal_mode is kept in the file, and cannot change inside a transaction.
            store.JournalMode = (string?)await session.ScalarAsync("PRAGMA journal_mode = WAL", cancellationToken).ConfigureAwait(false) ?? string.Empty;
            store.SchemaVersion = await Migrations.ApplyAsync(session, migrations, timeProvider.GetUtcNow(), cancellationToken).ConfigureAwait(false);
            return store;
        }
        catch (SqliteException e) when (IsBusy(e))
        {
            store.Dispose();
            throw Busy(e);
        }
        catch
        {
            store.Dispose();
            throw;
        }
    }

    /// <summary>Closes the pooled connections, releasing the file.</summary>
    public void Dispose()
    {
        using var connection = new SqliteConnection(_connectionString);
        SqliteConnection.ClearPool(connection);
    }

    /// <summary>
    /// Puts every commit made so far on disk, so a power cut keeps it too. In WAL mode a commit is an append to the
    /// write-ahead log, and a checkpoint syncs the database file before the log is reused; syncing the log therefore
    /// covers every earlier commit, whichever connection made it. Outside WAL mode raw mail is flushed as it is stored.
    /// </summary>
    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        if (!IsWal)
        {
            return;
        }

        await Task.Run(
            () =>
            {
                try
                {
                    using var log = new FileStream(_options.Path + "-wal", FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite | FileShare.Delete);
                    log.Flush(flushToDisk: true);
                }
                catch (FileNotFoundException)
                {
                    // No log: the last connection closed and checkpointed it into the database file, synced then.
                }
            },
            cancellationToken).ConfigureAwait(false);
    }

    internal static bool IsBusy(SqliteException e) => e.SqliteErrorCode is 5 or 6; // SQLITE_BUSY, SQLITE_LOCKED

    private static StoreBusyException Busy(SqliteException e) =>
        new("The database stayed locked by another writer beyond the busy timeout; nothing was written, retry later.", e);

    internal static string Sha256Hex(ReadOnlySpan<byte> content) => Convert.ToHexStringLower(SHA256.HashData(content));

    internal static long Ms(DateTimeOffset time) => time.ToUnixTimeMilliseconds();

    internal static DateTimeOffset Time(long milliseconds) => DateTimeOffset.FromUnixTimeMilliseconds(milliseconds);

    private async Task<Session> ConnectAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            var session = new Session(connection);
            await session.ExecuteAsync(_pragmas, cancellationToken).ConfigureAwait(false);
            return session;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private async Task<T> ReadAsync<T>(Func<Session, Task<T>> work, CancellationToken cancellationToken)
    {
        try
        {
            await using var session = await ConnectAsync(cancellationToken).ConfigureAwait(false);
            return await work(session).ConfigureAwait(false);
        }
        catch (SqliteException e) when (IsBusy(e))
        {
            throw Busy(e);
        }
    }

    /// <summary>
    /// Runs <paramref name="work"/> in one write transaction: all of it is committed, or none of it. A
    /// <paramref name="flush"/> commit is on disk when this returns, not only in the operating system's cache.
    /// </summary>
    private async Task<T> WriteAsync<T>(Func<Session, Task<T>> work, CancellationToken cancellationToken, bool flush = false)
    {
        try
        {
            await using var session = await ConnectAsync(cancellationToken).ConfigureAwait(false);
            await session.ExecuteAsync(flush ? "PRAGMA synchronous = FULL" : "PRAGMA synchronous = NORMAL", cancellationToken).ConfigureAwait(false);
            session.Begin();
            var result = await work(session).ConfigureAwait(false);
            await session.CommitAsync(cancellationToken).ConfigureAwait(false);
            return result;
        }
        catch (SqliteException e) when (IsBusy(e))
        {
            throw Busy(e);
        }
    }
}
