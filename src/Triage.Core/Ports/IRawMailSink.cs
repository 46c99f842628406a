namespace Triage.Core.Ports;

/// <summary>Where a raw mail came from: enough to find it again on the server and to report it.</summary>
/// <param name="Mailbox">The configured mailbox's name (its checkpoint key).</param>
/// <param name="UidValidity">The folder's UIDVALIDITY when the mail was fetched.</param>
/// <param name="Uid">The mail's UID in that folder.</param>
/// <param name="InternalDate">When the server received it, if known.</param>
public sealed record MailSource(string Mailbox, uint UidValidity, uint Uid, DateTimeOffset? InternalDate);

/// <summary>A mail exactly as the server holds it (RFC 5322 bytes), with its origin.</summary>
public sealed record RawMail(ReadOnlyMemory<byte> Content, MailSource Source);

/// <summary>What became of a mail handed to the pipeline.</summary>
public enum SinkOutcome
{
    /// <summary>Durably stored; the mailbox may let go of it.</summary>
    Stored,

    /// <summary>Already stored before (same Message-ID or content hash); the mailbox may let go of it.</summary>
    Duplicate,

    /// <summary>Will never be accepted (beyond limits, unreadable); it goes to quarantine.</summary>
    Rejected,
}

/// <summary>The sink's answer; <see cref="Reason"/> explains a rejection.</summary>
public sealed record SinkResult(SinkOutcome Outcome, string? Reason = null)
{
    public static SinkResult Stored { get; } = new(SinkOutcome.Stored);

    public static SinkResult Duplicate { get; } = new(SinkOutcome.Duplicate);

    public static SinkResult Rejected(string reason) => new(SinkOutcome.Rejected, reason);
}

/// <summary>
/// The pipeline's entry for raw mail. <see cref="AcceptAsync"/> returns only once the mail is stored so that a killed
/// process keeps it (or known as a duplicate, or rejected for good); an exception means nothing is promised and the
/// mail will be offered again. <see cref="FlushAsync"/> returns once every mail accepted so far also survives a power
/// cut: the mailbox calls it before it checkpoints or lets go of mail, so a batch costs one disk flush, not one per
/// mail. Deduplication (Message-ID, content hash) is the sink's job: after a UIDVALIDITY change the same mail may be
/// offered twice.
/// </summary>
public interface IRawMailSink
{
    Task<SinkResult> AcceptAsync(RawMail mail, CancellationToken cancellationToken);

    /// <summary>Makes every mail accepted so far durable on disk. A sink that flushes in <see cref="AcceptAsync"/> has nothing to do.</summary>
    Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
