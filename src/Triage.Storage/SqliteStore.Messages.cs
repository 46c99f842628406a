using Microsoft.Data.Sqlite;

namespace Triage.Storage;

/// <summary>A mail as fetched, before anything is made of it. <see cref="ReceivedAt"/> defaults to the time it is stored.</summary>
public sealed record RawMessage(ReadOnlyMemory<byte> Content)
{
    /// <summary>The Message-ID (angle brackets optional), for deduplication across mailboxes; null when unknown.</summary>
    public string? MessageId { get; init; }

    public string? Mailbox { get; init; }

    public uint? UidValidity { get; init; }

    public uint? Uid { get; init; }

    public DateTimeOffset? ReceivedAt { get; init; }
}

public enum RawStoreStatus
{
    /// <summary>Stored now, durably.</summary>
    Stored,

    /// <summary>Stored before (same content, or same Message-ID); nothing was written.</summary>
    Duplicate,
}

/// <summary>The outcome of <see cref="SqliteStore.StoreRawAsync(RawMessage, CancellationToken)"/>; <see cref="MessageKey"/> names the stored message (the earlier one for a duplicate).</summary>
public sealed record RawStoreResult(RawStoreStatus Status, string MessageKey);

/// <summary>A stored mail not yet processed into a ticket, with its bytes.</summary>
public sealed record StoredMessage(string Key, string? MessageId, string? Mailbox, uint? UidValidity, uint? Uid, DateTimeOffset ReceivedAt, ReadOnlyMemory<byte> Content);

public sealed partial class SqliteStore
{
    /// <summary>
    /// Stores a raw mail durably before anything else happens to it; returns once it is on disk. Idempotent: the same
    /// bytes, or (with <see cref="StoreOptions.DeduplicateByMessageId"/>) the same Message-ID, give
    /// <see cref="RawStoreStatus.Duplicate"/> and write nothing.
    /// </summary>
    public Task<RawStoreResult> StoreRawAsync(RawMessage message, CancellationToken cancellationToken) =>
        StoreRawAsync(message, flush: true, cancellationToken);

    /// <summary>
    /// <see cref="StoreRawAsync(RawMessage, CancellationToken)"/> for a caller that stores a run of mails and then
    /// calls <see cref="FlushAsync"/> once before anyone lets go of them (group commit). Without <paramref name="flush"/>
    /// the mail survives a killed process when this returns, and a power cut only after the next flush.
    /// </summary>
    public Task<RawStoreResult> StoreRawAsync(RawMessage message, bool flush, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var key = Sha256Hex(message.Content.Span);
        var messageId = NormalizeMessageId(message.MessageId);
        return WriteAsync(
            async s =>
            {
                var existing = (string?)await s.ScalarAsync("SELECT sha256 FROM messages WHERE sha256 = $key", cancellationToken, ("$key", key)).ConfigureAwait(false);
                if (existing is null && messageId is not null && _options.DeduplicateByMessageId)
                {
                    existing = (string?)await s.ScalarAsync("SELECT sha256 FROM messages WHERE message_id = $id LIMIT 1", cancellationToken, ("$id", messageId)).ConfigureAwait(false);
                }

                if (existing is not null)
                {
                    return new RawStoreResult(RawStoreStatus.Duplicate, existing);
                }

                await s.ExecuteAsync(
                    """
                    INSERT INTO messages (sha256, message_id, mailbox, uid_validity, uid, direction, received_at, raw)
                    VALUES ($key, $id, $mailbox, $uidValidity, $uid, 'inbound', $received, $raw)
                    """,
                    cancellationToken,
                    ("$key", key),
                    ("$id", messageId),
                    ("$mailbox", message.Mailbox),
                    ("$uidValidity", message.UidValidity),
                    ("$uid", message.Uid),
                    ("$received", Ms(message.ReceivedAt ?? _time.GetUtcNow())),
                    ("$raw", message.Content.ToArray())).ConfigureAwait(false);
                return new RawStoreResult(RawStoreStatus.Stored, key);
            },
            cancellationToken,
            flush: flush || !IsWal);
    }

    /// <summary>Stored mail not yet applied, oldest first: what a restarted pipeline picks up again.</summary>
    public Task<IReadOnlyList<StoredMessage>> GetUnprocessedAsync(int max, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(max, 1);
        return ReadAsync<IReadOnlyList<StoredMessage>>(
            async s => await s.QueryAsync(
                """
                SELECT sha256, message_id, mailbox, uid_validity, uid, received_at, raw FROM messages
                WHERE processed_at IS NULL ORDER BY id LIMIT $max
                """,
                r => new StoredMessage(
                    r.GetString(0),
                    NullableString(r, 1),
                    NullableString(r, 2),
                    r.IsDBNull(3) ? null : (uint)r.GetInt64(3),
                    r.IsDBNull(4) ? null : (uint)r.GetInt64(4),
                    Time(r.GetInt64(5)),
                    (byte[])r.GetValue(6)),
                cancellationToken,
                ("$max", max)).ConfigureAwait(false),
            cancellationToken);
    }

    /// <summary>Message-IDs are stored as the parser gives them: without angle brackets or surrounding blanks.</summary>
    internal static string? NormalizeMessageId(string? messageId)
    {
        var id = messageId?.Trim().TrimStart('<').TrimEnd('>').Trim();
        return string.IsNullOrEmpty(id) ? null : id;
    }

    internal static string? NullableString(SqliteDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);
}
