namespace Triage.Core.Ports;

/// <summary>
/// An <see cref="IEventPublisher"/> could not get a batch accepted. Shaped by what the caller does next: retry later
/// (<see cref="Retryable"/>, not before <see cref="RetryAfter"/>) or park the event as dead-letter.
/// </summary>
public sealed class PublishException : Exception
{
    public PublishException()
        : this("Publishing the events failed.")
    {
    }

    /// <summary>A retryable failure: the safe default, because the outbox dead-letters after its retry budget.</summary>
    public PublishException(string message)
        : this(message, retryable: true)
    {
    }

    public PublishException(string message, Exception innerException)
        : this(message, retryable: true, innerException: innerException)
    {
    }

    public PublishException(string message, bool retryable, TimeSpan? retryAfter = null, string? eventId = null, Exception? innerException = null)
        : base(message, innerException)
    {
        Retryable = retryable;
        RetryAfter = retryAfter;
        EventId = eventId;
    }

    /// <summary>True when the same batch may succeed later (outage, throttling, timeout); false when it never will.</summary>
    public bool Retryable { get; }

    /// <summary>The earliest sensible retry, when the broker said (Retry-After).</summary>
    public TimeSpan? RetryAfter { get; }

    /// <summary>The event to blame, when one event (not the transport) caused the failure.</summary>
    public string? EventId { get; }
}
