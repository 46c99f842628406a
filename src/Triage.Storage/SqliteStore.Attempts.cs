namespace Triage.Storage;

public sealed partial class SqliteStore
{
    /// <summary>Failed hand-overs per UID of one folder incarnation (only mails that have any).</summary>
    public Task<IReadOnlyDictionary<uint, int>> GetAttemptsAsync(string mailbox, uint uidValidity, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(mailbox);
        return ReadAsync<IReadOnlyDictionary<uint, int>>(
            async s => (await s.QueryAsync(
                    "SELECT uid, attempts FROM mailbox_attempts WHERE mailbox = $mailbox AND uid_validity = $validity",
                    r => ((uint)r.GetInt64(0), r.GetInt32(1)),
                    cancellationToken,
                    ("$mailbox", mailbox),
                    ("$validity", uidValidity)).ConfigureAwait(false))
                .ToDictionary(row => row.Item1, row => row.Item2),
            cancellationToken);
    }

    /// <summary>Counts one more failed hand-over of a mail; returns the count once it is on disk.</summary>
    public Task<int> AddAttemptAsync(string mailbox, uint uidValidity, uint uid, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(mailbox);
        return WriteAsync(
            async s => Convert.ToInt32(
                await s.ScalarAsync(
                    """
                    INSERT INTO mailbox_attempts (mailbox, uid_validity, uid, attempts, last_attempt_at) VALUES ($mailbox, $validity, $uid, 1, $now)
                    ON CONFLICT (mailbox, uid_validity, uid) DO UPDATE SET attempts = attempts + 1, last_attempt_at = excluded.last_attempt_at
                    RETURNING attempts
                    """,
                    cancellationToken,
                    ("$mailbox", mailbox),
                    ("$validity", uidValidity),
                    ("$uid", uid),
                    ("$now", Ms(_time.GetUtcNow()))).ConfigureAwait(false),
                System.Globalization.CultureInfo.InvariantCulture),
            cancellationToken,
            flush: true);
    }

    /// <summary>Forgets a mail's failed hand-overs (it was delivered or quarantined).</summary>
    public Task ClearAttemptsAsync(string mailbox, uint uidValidity, uint uid, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(mailbox);
        return WriteAsync(
            s => s.ExecuteAsync(
                "DELETE FROM mailbox_attempts WHERE mailbox = $mailbox AND uid_validity = $validity AND uid = $uid",
                cancellationToken,
                ("$mailbox", mailbox),
                ("$validity", uidValidity),
                ("$uid", uid)),
            cancellationToken);
    }
}
