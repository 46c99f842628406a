using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;
using Triage.Core.Mail;
using Triage.Core.Tickets;

namespace Triage.Storage.Tests;

/// <summary>A real SQLite store in a fresh temp folder, deleted afterwards, and builders for what the tests feed it.</summary>
internal sealed class TestStore : IAsyncDisposable
{
    private TestStore(string folder, ManualClock clock, SqliteStore store)
    {
        Folder = folder;
        Clock = clock;
        Store = store;
    }

    public string Folder { get; }

    public string DatabasePath => Path.Combine(Folder, "triage.db");

    public ManualClock Clock { get; }

    public SqliteStore Store { get; private set; }

    public static async Task<TestStore> CreateAsync(Func<StoreOptions, StoreOptions>? configure = null)
    {
        var folder = Path.Combine(Path.GetTempPath(), "triage-store-" + Guid.NewGuid().ToString("N"));
        var clock = new ManualClock(ManualClock.Start);
        var options = new StoreOptions { Path = Path.Combine(folder, "triage.db") };
        var store = await SqliteStore.OpenAsync(configure?.Invoke(options) ?? options, clock, CancellationToken.None);
        return new TestStore(folder, clock, store);
    }

    public Task<SqliteStore> OpenAnotherAsync(Func<StoreOptions, StoreOptions>? configure = null)
    {
        var options = new StoreOptions { Path = DatabasePath };
        return SqliteStore.OpenAsync(configure?.Invoke(options) ?? options, Clock, CancellationToken.None);
    }

    public async Task ReopenAsync()
    {
        Store.Dispose();
        Store = await OpenAnotherAsync();
    }

    /// <summary>A distinct small mail.</summary>
    public static byte[] Raw(string id, string from = "anna@bergsbageri.example") =>
        Encoding.UTF8.GetBytes($"From: {from}\r\nTo: support@kassasystem.example\r\nSubject: Kassan {id}\r\nMessage-ID: <{id}@bergsbageri.example>\r\n\r\nKassan startar inte ({id}).\r\n");

    public async Task<string> StoreAsync(string id, string from = "anna@bergsbageri.example")
    {
        var result = await Store.StoreRawAsync(new RawMessage(Raw(id, from)) { MessageId = $"<{id}@bergsbageri.example>", Mailbox = "INBOX", UidValidity = 7, Uid = 1 }, CancellationToken.None);
        return result.MessageKey;
    }

    public static IngestOutcome Outcome(string key, ThreadingDecision decision, string id, string from = "anna@bergsbageri.example", MailKind kind = MailKind.Human) => new()
    {
        MessageKey = key,
        Decision = decision,
        Kind = kind,
        MessageId = $"{id}@bergsbageri.example",
        Customer = new MailAddress("Anna Berg", from),
        Participants = [from, "kalle@bergsbageri.example"],
        Subject = "Kassan startar inte",
        NewText = "Kassan startar inte. Vad gör jag? Kan ni ringa?",
        Assessment = new TicketAssessment
        {
            Language = "sv",
            Topic = "bug",
            TopicScores = new Dictionary<string, double> { ["bug"] = 0.8, ["billing"] = 0.2 },
            MultiQuestion = true,
            Questions = ["Vad gör jag?", "Kan ni ringa?"],
        },
        ReceivedAt = ManualClock.Start,
    };

    public static ThreadingDecision Open { get; } = new(ThreadingAction.OpenTicket, null, "new ticket");

    /// <summary>Stores a new mail and applies it as a new ticket.</summary>
    public async Task<ApplyResult> NewTicketAsync(string id, string from = "anna@bergsbageri.example", AcknowledgementRequest? ack = null)
    {
        var key = await StoreAsync(id, from);
        return await Store.ApplyAsync(Outcome(key, Open, id, from) with { Acknowledgement = ack }, CancellationToken.None);
    }

    public static AcknowledgementRequest Ack(string to, params SendCap[] caps) =>
        new(to, (ticket, messageId) => Encoding.UTF8.GetBytes($"Message-ID: <{messageId}>\r\nTo: {to}\r\nSubject: [#{ticket.Number}] Tack\r\n\r\nTack!\r\n"))
        {
            Caps = caps.Length > 0 ? caps : SendCap.Defaults,
        };

    /// <summary>Row count of a table, read over a separate plain connection.</summary>
    public async Task<long> CountAsync(string table)
    {
        await using var connection = new SqliteConnection($"Data Source={DatabasePath};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = table switch
        {
            "messages" => "SELECT COUNT(*) FROM messages",
            "tickets" => "SELECT COUNT(*) FROM tickets",
            "linked_child_tickets" => "SELECT COUNT(*) FROM tickets c JOIN tickets p ON p.id = c.parent_ticket_id",
            "ticket_addresses" => "SELECT COUNT(*) FROM ticket_addresses",
            "outbox" => "SELECT COUNT(*) FROM outbox",
            "send_counters" => "SELECT COUNT(*) FROM send_counters",
            "schema_version" => "SELECT COUNT(*) FROM schema_version",
            _ => throw new ArgumentOutOfRangeException(nameof(table)),
        };
        return Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }

    public async ValueTask DisposeAsync()
    {
        Store.Dispose();
        await Task.Yield();
        Directory.Delete(Folder, recursive: true);
    }
}
