using Microsoft.Extensions.Logging;

namespace Triage.Hosting.Outbox;

/// <summary>The outbox's log messages with fixed event ids (5300–5399). Ids and errors only, never bodies or credentials.</summary>
internal static partial class OutboxLog
{
    [LoggerMessage(EventId = 5300, Level = LogLevel.Debug, Message = "Published {Count} events.")]
    public static partial void Published(ILogger logger, int count);

    [LoggerMessage(EventId = 5301, Level = LogLevel.Warning, Message = "Publishing {Count} events failed (retryable: {Retryable}); they wait for the next attempt: {Error}")]
    public static partial void PublishFailed(ILogger logger, int count, bool retryable, string error);

    [LoggerMessage(EventId = 5302, Level = LogLevel.Error, Message = "Outbox row {EventId} ({Type}) parked as dead-letter: {Error}")]
    public static partial void Dead(ILogger logger, string eventId, string type, string error);

    [LoggerMessage(EventId = 5303, Level = LogLevel.Error, Message = "{Worker}: round failed; pending rows stay for the next round.")]
    public static partial void RoundFailed(ILogger logger, string worker, Exception error);

    [LoggerMessage(EventId = 5304, Level = LogLevel.Information, Message = "Acknowledgement {EventId} of {Ticket} sent.")]
    public static partial void AcknowledgementSent(ILogger logger, string eventId, string? ticket);

    [LoggerMessage(EventId = 5305, Level = LogLevel.Warning, Message = "Acknowledgement {EventId} failed (permanent: {Permanent}): {Error}")]
    public static partial void AcknowledgementFailed(ILogger logger, string eventId, bool permanent, string error);
}
