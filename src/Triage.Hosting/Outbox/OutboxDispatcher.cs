using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Triage.Core.Ports;
using Triage.Hosting.Pipeline;
using Triage.Storage;

namespace Triage.Hosting.Outbox;

/// <summary>
/// Publishes pending ticket events in outbox order through the configured <see cref="IEventPublisher"/> and marks
/// them sent. While the queue is unreachable (a retryable failure) the batch waits with a backoff capped at
/// <see cref="OutboxOptions.MaxOutageDelay"/> and is never dead-lettered for it, so any outage drains soon after the
/// broker returns. An event the publisher rejects for good is parked as dead-letter at once; other permanent failures
/// (refused credentials, say) park the batch after <see cref="OutboxOptions.MaxAttempts"/>. Delivery is at least once:
/// after a crash between publishing and marking, the same events (same ids) are published again.
/// </summary>
public sealed class OutboxDispatcher(
    TriageStore store,
    IEventPublisher publisher,
    OutboxRetry retry,
    IOptions<OutboxOptions> options,
    PipelineStats stats,
    WorkSignal signal,
    ILogger<OutboxDispatcher> logger)
    : OutboxWorker(signal, options.Value, logger)
{
    public override async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        var sqlite = await store.GetAsync(cancellationToken).ConfigureAwait(false);
        var batch = await sqlite.GetPendingAsync(OutboxChannel.Events, options.Value.BatchSize, cancellationToken).ConfigureAwait(false);
        if (batch.Count == 0)
        {
            return 0;
        }

        var start = Stopwatch.GetTimestamp();
        try
        {
            await publisher.PublishAsync([.. batch.Select(ToEvent)], cancellationToken).ConfigureAwait(false);
        }
        catch (PublishException e)
        {
            OutboxLog.PublishFailed(logger, batch.Count, e.Retryable, e.Message);
            if (e.Retryable)
            {
                await DeferAsync(sqlite, batch, e.Message, e.RetryAfter, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await FailAsync(sqlite, batch, e.Message, e.RetryAfter, e.EventId, cancellationToken).ConfigureAwait(false);
            }

            return 0;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // A publisher breaking its contract (anything but PublishException) is treated as a retryable failure.
            OutboxLog.PublishFailed(logger, batch.Count, true, e.Message);
            await DeferAsync(sqlite, batch, e.Message, null, cancellationToken).ConfigureAwait(false);
            return 0;
        }

        await sqlite.MarkSentAsync([.. batch.Select(e => e.EventId)], cancellationToken).ConfigureAwait(false);

        stats.Add(PipelineStage.Publish, Stopwatch.GetTimestamp() - start, batch.Count);
        OutboxLog.Published(logger, batch.Count);
        return batch.Count;
    }

    internal static OutboundEvent ToEvent(OutboxEntry entry) => new()
    {
        EventId = entry.EventId,
        EventType = entry.Type,
        TicketId = entry.TicketId ?? string.Empty,
        OccurredAt = entry.CreatedAt,
        Body = entry.Body,
        Properties = entry.Properties,
    };

    private async Task DeferAsync(SqliteStore sqlite, IReadOnlyList<OutboxEntry> batch, string error, TimeSpan? retryAfter, CancellationToken cancellationToken)
    {
        foreach (var entry in batch)
        {
            await retry.DeferAsync(sqlite, entry, error, retryAfter, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// A permanent failure blamed on one event parks that event only; the others of the batch go again at once. Any
    /// other permanent failure counts against every event of the batch.
    /// </summary>
    private async Task FailAsync(SqliteStore sqlite, IReadOnlyList<OutboxEntry> batch, string error, TimeSpan? retryAfter, string? blamed, CancellationToken cancellationToken)
    {
        if (blamed is not null && batch.FirstOrDefault(e => e.EventId == blamed) is { } culprit)
        {
            await retry.FailAsync(sqlite, culprit, error, retryAfter, permanent: true, cancellationToken).ConfigureAwait(false);
            OutboxLog.Dead(logger, culprit.EventId, culprit.Type, error);
            return;
        }

        foreach (var entry in batch)
        {
            if (await retry.FailAsync(sqlite, entry, error, retryAfter, permanent: false, cancellationToken).ConfigureAwait(false))
            {
                OutboxLog.Dead(logger, entry.EventId, entry.Type, error);
            }
        }
    }
}
