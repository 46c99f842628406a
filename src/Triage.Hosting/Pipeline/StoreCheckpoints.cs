using Triage.Core.Ports;

namespace Triage.Hosting.Pipeline;

/// <summary>The IMAP pollers' checkpoints and failed hand-over counts, kept in the store beside the mail they cover.</summary>
public sealed class StoreCheckpoints(TriageStore store) : IMailboxCheckpointStore
{
    public async Task<MailboxCheckpoint?> GetAsync(string mailbox, CancellationToken cancellationToken)
    {
        var sqlite = await store.GetAsync(cancellationToken).ConfigureAwait(false);
        return await sqlite.GetCheckpointAsync(mailbox, cancellationToken).ConfigureAwait(false) is { } c
            ? new MailboxCheckpoint(c.UidValidity, c.LastUid)
            : null;
    }

    public async Task SetAsync(string mailbox, MailboxCheckpoint checkpoint, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        var sqlite = await store.GetAsync(cancellationToken).ConfigureAwait(false);
        await sqlite.SetCheckpointAsync(mailbox, checkpoint.UidValidity, checkpoint.LastUid, cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyDictionary<uint, int>> GetAttemptsAsync(string mailbox, uint uidValidity, CancellationToken cancellationToken)
    {
        var sqlite = await store.GetAsync(cancellationToken).ConfigureAwait(false);
        return await sqlite.GetAttemptsAsync(mailbox, uidValidity, cancellationToken).ConfigureAwait(false);
    }

    public async Task<int> AddAttemptAsync(string mailbox, uint uidValidity, uint uid, CancellationToken cancellationToken)
    {
        var sqlite = await store.GetAsync(cancellationToken).ConfigureAwait(false);
        return await sqlite.AddAttemptAsync(mailbox, uidValidity, uid, cancellationToken).ConfigureAwait(false);
    }

    public async Task ClearAttemptsAsync(string mailbox, uint uidValidity, uint uid, CancellationToken cancellationToken)
    {
        var sqlite = await store.GetAsync(cancellationToken).ConfigureAwait(false);
        await sqlite.ClearAttemptsAsync(mailbox, uidValidity, uid, cancellationToken).ConfigureAwait(false);
    }
}
