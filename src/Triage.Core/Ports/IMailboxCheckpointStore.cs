namespace Triage.Core.Ports;

/// <summary>How far a mailbox has been handed over: every UID up to <see cref="LastUid"/> under <see cref="UidValidity"/> is confirmed.</summary>
public sealed record MailboxCheckpoint(uint UidValidity, uint LastUid);

/// <summary>
/// Keeps each mailbox's checkpoint durably, so a restart resumes where the last confirmed mail left off, and counts
/// failed hand-overs per mail, so a mail that keeps failing reaches quarantine even when the process restarts
/// between attempts.
/// </summary>
public interface IMailboxCheckpointStore
{
    /// <summary>The mailbox's checkpoint, or null when it was never polled.</summary>
    Task<MailboxCheckpoint?> GetAsync(string mailbox, CancellationToken cancellationToken);

    /// <summary>Stores the checkpoint; returns once it is durable.</summary>
    Task SetAsync(string mailbox, MailboxCheckpoint checkpoint, CancellationToken cancellationToken);

    /// <summary>Failed hand-overs per UID under <paramref name="uidValidity"/>, for the mails that have any.</summary>
    Task<IReadOnlyDictionary<uint, int>> GetAttemptsAsync(string mailbox, uint uidValidity, CancellationToken cancellationToken);

    /// <summary>Counts one more failed hand-over of a mail; returns the count once it is durable.</summary>
    Task<int> AddAttemptAsync(string mailbox, uint uidValidity, uint uid, CancellationToken cancellationToken);

    /// <summary>Forgets a mail's failed hand-overs (it was delivered or quarantined).</summary>
    Task ClearAttemptsAsync(string mailbox, uint uidValidity, uint uid, CancellationToken cancellationToken);
}
