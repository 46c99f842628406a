using System.Text.Json;
using Microsoft.Data.Sqlite;
using Triage.Core.Tickets;

namespace Triage.Storage;

/// <summary>Which dispatcher takes an outbox row: ticket events to the queue, or mail to SMTP.</summary>
public enum OutboxChannel
{
    Events,
    Mail,
}

public enum OutboxStatus
{
    Pending,
    Sent,
    Dead,
}

/// <summary>Outbox row types besides the ticket events, and the properties of an acknowledgement row.</summary>
public static class OutboxTypes
{
    /// <summary>An acknowledgement mail: the body is the complete RFC 5322 message.</summary>
    public const string Acknowledgement = "mail.acknowledgement";

    public const string RecipientProperty = "recipient";

    public const string MessageIdProperty = "message_id";

    public const string TicketNumberProperty = "ticket_number";
}

/// <summary>
/// One outbox row. <see cref="Sequence"/> orders rows as they were written. <see cref="Body"/> is the event JSON, or the
/// message bytes of an acknowledgement; <see cref="Properties"/> the routing properties (or the recipient).
/// </summary>
public sealed record OutboxEntry(
    long Sequence,
    string EventId,
    OutboxChannel Channel,
    string Type,
    string? TicketId,
    ReadOnlyMemory<byte> Body,
    IReadOnlyDictionary<string, string> Properties,
    OutboxStatus Status,
    int Attempts,
    string? LastError,
    DateTimeOffset NextAttemptAt,
    DateTimeOffset CreatedAt,
    DateTimeOffset? SentAt);

public sealed partial class SqliteStore
{
    /// <summary>Errors are kept for operators; a whole stack trace or response body is cut to this length.</summary>
    public const int MaxErrorLength = 2000;

    private const string OutboxColumns =
        "SELECT seq, event_id, channel, type, ticket_id, body, properties, status, attempts, last_error, next_attempt_at, created_at, sent_at FROM outbox o";

    /// <summary>
    /// Pending rows of <paramref name="channel"/> that are due, in sequence order. A row waits while an earlier pending
    /// row of the same ticket is backing off, so a ticket's events never overtake each other; other tickets go on.
    /// </summary>
    public Task<IReadOnlyList<OutboxEntry>> GetPendingAsync(OutboxChannel channel, int max, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(max, 1);
        return ReadAsync<IReadOnlyList<OutboxEntry>>(
            async s => await s.QueryAsync(
                OutboxColumns + """
                 WHERE o.status = 'pending' AND o.channel = $channel AND o.next_attempt_at <= $now
                   AND NOT EXISTS (SELECT 1 FROM outbox p WHERE p.status = 'pending' AND p.ticket_id = o.ticket_id
                                   AND p.channel = o.channel AND p.seq < o.seq AND p.next_attempt_at > $now)
                 ORDER BY o.seq LIMIT $max
                """,
                ReadEntry,
                cancellationToken,
                ("$channel", WireNames.Of(channel)),
                ("$now", Ms(_time.GetUtcNow())),
                ("$max", max)).ConfigureAwait(false),
            cancellationToken);
    }

    /// <summary>Rows in <paramref name="status"/>, oldest first (for <c>triage outbox</c>).</summary>
    public Task<IReadOnlyList<OutboxEntry>> ListOutboxAsync(OutboxStatus status, int max, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(max, 1);
        return ReadAsync<IReadOnlyList<OutboxEntry>>(
            async s => await s.QueryAsync(
                OutboxColumns + " WHERE o.status = $status ORDER BY o.seq LIMIT $max",
                ReadEntry,
                cancellationToken,
                ("$status", WireNames.Of(status)),
                ("$max", max)).ConfigureAwait(false),
            cancellationToken);
    }

    public Task<IReadOnlyList<OutboxEntry>> ListDeadAsync(int max, CancellationToken cancellationToken) => ListOutboxAsync(OutboxStatus.Dead, max, cancellationToken);

    /// <summary>Marks a pending row published. False when it is not pending (already sent, dead or unknown).</summary>
    public async Task<bool> MarkSentAsync(string eventId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(eventId);
        return await MarkSentAsync([eventId], cancellationToken).ConfigureAwait(false) == 1;
    }

    /// <summary>Marks a published batch sent in one statement; returns how many of the rows were still pending.</summary>
    public Task<int> MarkSentAsync(IReadOnlyList<string> eventIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(eventIds);
        return WriteAsync(
            s => s.ExecuteAsync(
                """
                UPDATE outbox SET status = 'sent', attempts = attempts + 1, sent_at = $now
                WHERE status = 'pending' AND event_id IN (SELECT value FROM json_each($ids))
                """,
                cancellationToken,
                ("$ids", JsonSerializer.Serialize(eventIds, StorageJson.Default.IReadOnlyListString)),
                ("$now", Ms(_time.GetUtcNow()))),
            cancellationToken);
    }

    /// <summary>Records a failed attempt and when to try again; returns the attempts so far, or null when the row is not pending.</summary>
    public async Task<int?> MarkFailedAsync(string eventId, string error, DateTimeOffset nextAttempt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(error);
        return await WriteAsync(
            async s =>
            {
                var changed = await UpdatePendingAsync(s, eventId, "attempts = attempts + 1, last_error = $error, next_attempt_at = $next", error, nextAttempt, cancellationToken).ConfigureAwait(false);
                return changed
                    ? Convert.ToInt32(await s.ScalarAsync("SELECT attempts FROM outbox WHERE event_id = $id", cancellationToken, ("$id", eventId)).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture)
                    : (int?)null;
            },
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Parks a pending row as dead-letter with its error; it stays until <see cref="RequeueAsync"/>.</summary>
    public Task<bool> MarkDeadAsync(string eventId, string error, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(error);
        return UpdatePendingAsync(eventId, "status = 'dead', attempts = attempts + 1, last_error = $error", error, null, cancellationToken);
    }

    /// <summary>Sends a dead-lettered row again: pending now, with a fresh retry budget. False when it is not dead.</summary>
    public Task<bool> RequeueAsync(string eventId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(eventId);
        return WriteAsync(
            async s => await s.ExecuteAsync(
                "UPDATE outbox SET status = 'pending', attempts = 0, next_attempt_at = $now WHERE event_id = $id AND status = 'dead'",
                cancellationToken,
                ("$id", eventId),
                ("$now", Ms(_time.GetUtcNow()))).ConfigureAwait(false) == 1,
            cancellationToken);
    }

    private static Task<int> EnqueueAsync(
        Session s, string eventId, OutboxChannel channel, string type, string? ticketId, byte[] body, IReadOnlyDictionary<string, string> properties, DateTimeOffset now, CancellationToken cancellationToken) =>
        s.ExecuteAsync(
            """
            INSERT INTO outbox (event_id, channel, type, ticket_id, body, properties, status, next_attempt_at, created_at)
            VALUES ($id, $channel, $type, $ticket, $body, $properties, 'pending', $now, $now)
            ON CONFLICT (event_id) DO NOTHING
            """,
            cancellationToken,
            ("$id", eventId),
            ("$channel", WireNames.Of(channel)),
            ("$type", type),
            ("$ticket", ticketId),
            ("$body", body),
            ("$properties", JsonSerializer.Serialize(properties, StorageJson.Default.IReadOnlyDictionaryStringString)),
            ("$now", Ms(now)));

    private Task<bool> UpdatePendingAsync(string eventId, string assignments, string? error, DateTimeOffset? next, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(eventId);
        return WriteAsync(s => UpdatePendingAsync(s, eventId, assignments, error, next, cancellationToken), cancellationToken);
    }

    private async Task<bool> UpdatePendingAsync(Session s, string eventId, string assignments, string? error, DateTimeOffset? next, CancellationToken cancellationToken) =>
        await s.ExecuteAsync(
            "UPDATE outbox SET " + assignments + " WHERE event_id = $id AND status = 'pending'",
            cancellationToken,
            ("$id", eventId),
            ("$now", Ms(_time.GetUtcNow())),
            ("$error", error is null ? null : error.Length > MaxErrorLength ? error[..MaxErrorLength] : error),
            ("$next", next is { } n ? Ms(n) : null)).ConfigureAwait(false) == 1;

    private static OutboxEntry ReadEntry(SqliteDataReader r) => new(
        r.GetInt64(0),
        r.GetString(1),
        WireNames.Parse<OutboxChannel>(r.GetString(2)),
        r.GetString(3),
        NullableString(r, 4),
        (byte[])r.GetValue(5),
        JsonSerializer.Deserialize(r.GetString(6), StorageJson.Default.IReadOnlyDictionaryStringString) ?? new Dictionary<string, string>(),
        WireNames.Parse<OutboxStatus>(r.GetString(7)),
        r.GetInt32(8),
        NullableString(r, 9),
        Time(r.GetInt64(10)),
        Time(r.GetInt64(11)),
        r.IsDBNull(12) ? null : Time(r.GetInt64(12)));
}
