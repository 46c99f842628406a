using Triage.Storage;

namespace Triage.Hosting.Outbox;

/// <summary>
/// What happens to an outbox row that failed: tried again after an exponential backoff with jitter (never sooner
/// than the other side asked), or parked as dead-letter once the budget is spent or the failure is permanent.
/// </summary>
public sealed class OutboxRetry(OutboxOptions options, TimeProvider time, Random random)
{
    /// <summary>
    /// The wait after failure number <paramref name="failures"/> (1 = the first): InitialDelay × 2^(failures-1) capped
    /// at <paramref name="cap"/> (default MaxDelay), then jittered down by up to a half so that many rows failing
    /// together do not retry together; at least <paramref name="retryAfter"/>.
    /// </summary>
    public TimeSpan Delay(int failures, TimeSpan? retryAfter, TimeSpan? cap = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(failures, 1);
        var exponential = options.InitialDelay.TotalMilliseconds * Math.Pow(2, Math.Min(failures - 1, 30));
        var capped = Math.Min(exponential, (cap ?? options.MaxDelay).TotalMilliseconds);
        var jittered = TimeSpan.FromMilliseconds(capped * (0.5 + (random.NextDouble() / 2)));
        return retryAfter is { } after && after > jittered ? after : jittered;
    }

    /// <summary>
    /// Records that <paramref name="entry"/> could not be sent because the other side was unreachable: tried again after
    /// the usual backoff capped at <see cref="OutboxOptions.MaxOutageDelay"/>, and never dead-lettered for it.
    /// </summary>
    public async Task DeferAsync(SqliteStore store, OutboxEntry entry, string error, TimeSpan? retryAfter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(entry);
        var delay = Delay(entry.Attempts + 1, retryAfter, options.MaxOutageDelay);
        await store.MarkFailedAsync(entry.EventId, error, time.GetUtcNow() + delay, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Records the failure of <paramref name="entry"/>; true when the row is now dead-letter.</summary>
    public async Task<bool> FailAsync(SqliteStore store, OutboxEntry entry, string error, TimeSpan? retryAfter, bool permanent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(entry);
        var failures = entry.Attempts + 1;
        if (permanent || failures >= options.MaxAttempts)
        {
            await store.MarkDeadAsync(entry.EventId, error, cancellationToken).ConfigureAwait(false);
            return true;
        }

        await store.MarkFailedAsync(entry.EventId, error, time.GetUtcNow() + Delay(failures, retryAfter), cancellationToken).ConfigureAwait(false);
        return false;
    }
}
