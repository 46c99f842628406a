using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Triage.Hosting.Pipeline;

/// <summary>
/// Runs the pipeline whenever mail is stored, and at start (mail stored before a crash or stop is processed then).
/// The periodic look also retries mail whose processing failed.
/// </summary>
public sealed class PipelineWorker(IngestPipeline pipeline, ILogger<PipelineWorker> logger) : BackgroundService
{
    /// <summary>How often stored mail is looked at without a notification (retries of failed mail).</summary>
    public static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(2);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await pipeline.ProcessPendingAsync(null, stoppingToken).ConfigureAwait(false);
                await pipeline.Stored.WaitAsync(PollInterval, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // A failed round (database busy, disk full) must not stop the service; the mail stays stored.
            catch (Exception e)
#pragma warning restore CA1031
            {
                PipelineLog.RoundFailed(logger, e);
                await Task.Delay(PollInterval, stoppingToken).ConfigureAwait(false);
            }
        }
    }
}
