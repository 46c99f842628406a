using Microsoft.Extensions.Logging;
using Triage.Core.Tickets;

namespace Triage.Hosting.Pipeline;

/// <summary>The pipeline's log messages with fixed event ids (5200–5299). Keys and ticket numbers only, never mail content.</summary>
internal static partial class PipelineLog
{
    [LoggerMessage(EventId = 5200, Level = LogLevel.Debug, Message = "Mail {Key} ({Kind}): {Action} {Ticket}: {Reason}")]
    public static partial void Processed(ILogger logger, string key, string kind, ThreadingAction action, string? ticket, string reason);

    [LoggerMessage(EventId = 5201, Level = LogLevel.Warning, Message = "Mail {Key}: processing failed (attempt {Attempt} of {MaxAttempts}), trying again later: {Error}")]
    public static partial void Failed(ILogger logger, string key, int attempt, int maxAttempts, string error);

    [LoggerMessage(EventId = 5202, Level = LogLevel.Error, Message = "Mail {Key}: quarantined after {Attempts} failed attempts, raw copy at {Path}: {Error}")]
    public static partial void Quarantined(ILogger logger, string key, int attempts, string path, string error);

    [LoggerMessage(EventId = 5203, Level = LogLevel.Information, Message = "Acknowledgement of {Ticket} not queued: the recipient's send cap is reached.")]
    public static partial void AcknowledgementCapped(ILogger logger, string? ticket);

    [LoggerMessage(EventId = 5204, Level = LogLevel.Error, Message = "Pipeline round failed; the stored mail stays and is tried again.")]
    public static partial void RoundFailed(ILogger logger, Exception error);
}
