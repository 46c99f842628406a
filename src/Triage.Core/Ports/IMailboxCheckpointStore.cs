namespace Triage.Core.Ports;

/// <summary>How far a mailbox has been handed over: every UID up to <see cref="LastUid"/> under <see cref="UidValidity"/> is confirmed.</summary>
public sealed record MailboxCheckpoint(uint UidValidity, uint LastUid);

/// <summary>Keeps each mailbox's checkpoint durably, so a restart resumes where the last confirmed mail left off.</summary>
public interface IMailboxCheckpointStore
{
    /// <summary>The mailbox's checkpoint, or null when it was never polled.</summary>
    Task<MailboxCheckpoint?> GetAsync(string mailbox, CancellationToken cancellationToken);

    /// <summary>Stores the checkpoint; returns once it is durable.</summary>
    Task SetAsync(string mailbox, MailboxCheckpoint checkpoint, CancellationToken cancellationToken);
}
