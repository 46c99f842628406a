using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Triage.Hosting.Pipeline;

namespace Triage.Hosting.Outbox;

/// <summary>
/// The loop of an outbox channel: a round while there is work, else a wait for the pipeline's notification or the
/// poll interval. A failed round is logged and the rows stay pending; the service keeps running.
/// </summary>
public abstract class OutboxWorker(WorkSignal signal, OutboxOptions options, ILogger logger) : BackgroundService
{
    /// <summary>One round: handles the due rows; returns how many went out (0 means: wait).</summary>
    public abstract Task<int> RunOnceAsync(CancellationToken cancellationToken);

    /// <summary>Rounds until no due row is left or a round sends nothing (the rest is backing off); for <c>triage ingest</c>.</summary>
    public async Task<int> DrainAsync(CancellationToken cancellationToken)
    {
        var total = 0;
        for (var sent = await RunOnceAsync(cancellationToken).ConfigureAwait(false); sent > 0; sent = await RunOnceAsync(cancellationToken).ConfigureAwait(false))
        {
            total += sent;
        }

        return total;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var sent = 0;
            try
            {
                sent = await RunOnceAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // A failed round (database busy) must not stop the service; the rows stay pending.
            catch (Exception e)
#pragma warning restore CA1031
            {
                OutboxLog.RoundFailed(logger, GetType().Name, e);
            }

            if (sent == 0)
            {
                await signal.WaitAsync(options.PollInterval, stoppingToken).ConfigureAwait(false);
            }
        }
    }
}
