using System.ComponentModel.DataAnnotations;

namespace Triage.Hosting.Outbox;

/// <summary>The <c>Triage:Outbox</c> section: batching and the retry budget of events and acknowledgements.</summary>
public sealed class OutboxOptions : IValidatableObject
{
    public const string SectionName = "Triage:Outbox";

    /// <summary>Rows handed to the queue (or SMTP) per round.</summary>
    [Range(1, 1000)]
    public int BatchSize { get; set; } = 100;

    /// <summary>Failed attempts before a row is parked as dead-letter (<c>triage outbox dead</c>, <c>resend</c>).</summary>
    [Range(1, 1000)]
    public int MaxAttempts { get; set; } = 10;

    /// <summary>The wait after the first failure; it doubles with each further failure, with jitter.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "01:00:00")]
    public TimeSpan InitialDelay { get; set; } = TimeSpan.FromSeconds(1);

    [Range(typeof(TimeSpan), "00:00:00.001", "1.00:00:00")]
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// The longest wait while the queue is unreachable (a retryable failure of the whole batch). Such failures never
    /// dead-letter an event, and a short cap lets the backlog drain soon after the broker is back.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "01:00:00")]
    public TimeSpan MaxOutageDelay { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>How often the outbox is looked at without a notification (rows whose backoff ended).</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:10:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (MaxDelay < InitialDelay)
        {
            yield return new ValidationResult("Triage:Outbox:MaxDelay must not be below InitialDelay.", [nameof(MaxDelay)]);
        }
    }
}
