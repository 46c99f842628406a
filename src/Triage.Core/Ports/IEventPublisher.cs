namespace Triage.Core.Ports;

/// <summary>
/// One ticket event on its way to downstream systems, as the outbox hands it to a transport.
/// </summary>
public sealed record OutboundEvent
{
    /// <summary>
    /// Stable id, the same on every attempt: it becomes the broker's message id, so consumers (and Service Bus
    /// duplicate detection) can drop repeats. 1–128 characters of <c>A-Z a-z 0-9 . _ -</c>, not starting with a dot.
    /// </summary>
    public required string EventId { get; init; }

    /// <summary><see cref="EventTypes.TicketCreated"/> or <see cref="EventTypes.TicketUpdated"/>.</summary>
    public required string EventType { get; init; }

    /// <summary>The ticket the event is about; the correlation id and session id on brokers that have them.</summary>
    public required string TicketId { get; init; }

    /// <summary>When the event was recorded in the outbox; orders the spool's files.</summary>
    public required DateTimeOffset OccurredAt { get; init; }

    /// <summary>The event document, UTF-8 JSON produced by the ticket event contract.</summary>
    public required ReadOnlyMemory<byte> Body { get; init; }

    public string ContentType { get; init; } = "application/json";

    /// <summary>Routing properties (names in <see cref="EventProperties"/>), sent as broker headers or properties.</summary>
    public IReadOnlyDictionary<string, string> Properties { get; init; } = new Dictionary<string, string>();

    /// <summary>
    /// Where a consumer can fetch the full body when a transport cannot carry it (too large), e.g. a spool path or URL.
    /// Optional; without it a consumer finds the event by <see cref="EventId"/>.
    /// </summary>
    public string? BodyReference { get; init; }
}

/// <summary>The event types of the ticket event contract.</summary>
public static class EventTypes
{
    public const string TicketCreated = "ticket.created";
    public const string TicketUpdated = "ticket.updated";
}

/// <summary>Names of the routing properties in <see cref="OutboundEvent.Properties"/>.</summary>
public static class EventProperties
{
    public const string Topic = "topic";
    public const string Language = "language";
    public const string Priority = "priority";
    public const string Critical = "critical";
    public const string EventType = "eventType";
    public const string Route = "route";
}

/// <summary>Hands ticket events to a broker or spool (RabbitMQ, Azure Service Bus, a folder).</summary>
/// <remarks>
/// <para>
/// Contract: <see cref="PublishAsync"/> returns only when every event of the batch is durably accepted (written and
/// flushed, confirmed by the broker, answered 201). Otherwise it throws <see cref="PublishException"/>:
/// <see cref="PublishException.Retryable"/> says whether trying the same batch again later can succeed (outage,
/// throttling: retry with backoff, no sooner than <see cref="PublishException.RetryAfter"/>) or not (rejected
/// credentials, an invalid event: dead-letter it; <see cref="PublishException.EventId"/> names the event when one is to
/// blame). Cancellation throws <see cref="OperationCanceledException"/>.
/// </para>
/// <para>
/// Delivery is at least once: after a failure some events of the batch may already be accepted, and publishing the
/// batch again sends them again with the same message id. Implementations are safe to call from several threads.
/// </para>
/// </remarks>
public interface IEventPublisher
{
    Task PublishAsync(IReadOnlyList<OutboundEvent> batch, CancellationToken cancellationToken);
}
