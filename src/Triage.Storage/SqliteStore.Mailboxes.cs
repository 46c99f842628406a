using System.Globalization;
using Triage.Core.Tickets;

namespace Triage.Storage;

public sealed partial class SqliteStore
{
    /// <summary>The mailbox's IMAP checkpoint (UIDVALIDITY and the last UID handed over), or null when never polled.</summary>
    public Task<(uint UidValidity, uint LastUid)?> GetCheckpointAsync(string mailbox, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(mailbox);
        return ReadAsync<(uint, uint)?>(
            async s =>
            {
                var rows = await s.QueryAsync(
                    "SELECT uid_validity, last_uid FROM checkpoints WHERE mailbox = $mailbox",
                    r => ((uint)r.GetInt64(0), (uint)r.GetInt64(1)),
                    cancellationToken,
                    ("$mailbox", mailbox)).ConfigureAwait(false);
                return rows.Count == 0 ? null : rows[0];
            },
            cancellationToken);
    }

    /// <summary>Stores the mailbox's checkpoint; returns once it is on disk.</summary>
    public Task SetCheckpointAsync(string mailbox, uint uidValidity, uint lastUid, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(mailbox);
        return WriteAsync(
            s => s.ExecuteAsync(
                """
                INSERT INTO checkpoints (mailbox, uid_validity, last_uid, updated_at) VALUES ($mailbox, $validity, $uid, $now)
                ON CONFLICT (mailbox) DO UPDATE SET uid_validity = excluded.uid_validity, last_uid = excluded.last_uid, updated_at = excluded.updated_at
                """,
                cancellationToken,
                ("$mailbox", mailbox),
                ("$validity", uidValidity),
                ("$uid", lastUid),
                ("$now", Ms(_time.GetUtcNow()))),
            cancellationToken,
            flush: true);
    }

    /// <summary>
    /// Counts one acknowledgement to <paramref name="recipient"/> when every cap still allows it; false (nothing counted)
    /// when one does not. Windows are fixed and aligned to the epoch, so across a window boundary up to twice a cap can
    /// go out within one window length.
    /// </summary>
    public Task<bool> TryCountSendAsync(string recipient, DateTimeOffset now, IReadOnlyList<SendCap> caps, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(recipient);
        ArgumentNullException.ThrowIfNull(caps);
        return WriteAsync(s => TryCountSendAsync(s, recipient, now, caps, cancellationToken), cancellationToken);
    }

    private static async Task<bool> TryCountSendAsync(Session s, string recipient, DateTimeOffset now, IReadOnlyList<SendCap> caps, CancellationToken cancellationToken)
    {
        var at = Ms(now);
        await s.ExecuteAsync(
            "DELETE FROM send_counters WHERE recipient = $r AND window_start + window_seconds * 1000 <= $now",
            cancellationToken,
            ("$r", recipient),
            ("$now", at)).ConfigureAwait(false);
        var windows = new List<(long Seconds, long Start)>(caps.Count);
        foreach (var cap in caps)
        {
            if (cap.Window < TimeSpan.FromSeconds(1) || cap.Max < 0)
            {
                throw new ArgumentException($"Send cap {cap} needs a window of at least a second and a maximum of at least 0.", nameof(caps));
            }

            var seconds = (long)cap.Window.TotalSeconds;
            var start = at - (at % (seconds * 1000));
            var count = Convert.ToInt64(
                await s.ScalarAsync(
                    "SELECT COALESCE((SELECT count FROM send_counters WHERE recipient = $r AND window_seconds = $w AND window_start = $start), 0)",
                    cancellationToken,
                    ("$r", recipient),
                    ("$w", seconds),
                    ("$start", start)).ConfigureAwait(false),
                CultureInfo.InvariantCulture);
            if (count >= cap.Max)
            {
                return false;
            }

            windows.Add((seconds, start));
        }

        foreach (var (seconds, start) in windows)
        {
            await s.ExecuteAsync(
                """
                INSERT INTO send_counters (recipient, window_seconds, window_start, count) VALUES ($r, $w, $start, 1)
                ON CONFLICT (recipient, window_seconds, window_start) DO UPDATE SET count = count + 1
                """,
                cancellationToken,
                ("$r", recipient),
                ("$w", seconds),
                ("$start", start)).ConfigureAwait(false);
        }

        return true;
    }
}
