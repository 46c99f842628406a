using Triage.Core.Tickets;

namespace Triage.Storage;

/// <summary>How the SQLite store is opened.</summary>
public sealed record StoreOptions
{
    /// <summary>The database file; its folder is created when missing.</summary>
    public required string Path { get; init; }

    /// <summary>How long a write waits for another writer before failing with <see cref="StoreBusyException"/>.</summary>
    public TimeSpan BusyTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// True (default): a mail whose Message-ID is already stored counts as a duplicate even when its bytes differ (the
    /// same mail delivered to two mailboxes). A sender that reuses Message-IDs for different mails would lose mail here;
    /// turn it off for such a mailbox and rely on the content hash alone.
    /// </summary>
    public bool DeduplicateByMessageId { get; init; } = true;

    public TicketNumbering Numbering { get; init; } = new();

    public AcknowledgementIds AcknowledgementIds { get; init; } = new();
}
