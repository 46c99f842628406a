namespace Triage.Queues;

/// <summary>Where ticket events go (<c>Triage:Queue:Kind</c>).</summary>
public enum QueueKind
{
    /// <summary>A spool folder, one JSON file per event (the default: works without a broker).</summary>
    File,
    RabbitMq,
    ServiceBus,
}

/// <summary>The <c>Triage:Queue</c> section.</summary>
public sealed class QueueOptions
{
    public const string SectionName = "Triage:Queue";

    public QueueKind Kind { get; set; } = QueueKind.File;

    public FileQueueOptions File { get; set; } = new();

    public RabbitMqQueueOptions RabbitMq { get; set; } = new();

    public ServiceBusQueueOptions ServiceBus { get; set; } = new();
}

/// <summary><c>Triage:Queue:File</c>.</summary>
public sealed class FileQueueOptions
{
    /// <summary>The spool folder; default <c>{Triage:DataDirectory}/spool</c>. Created when missing.</summary>
    public string? Directory { get; set; }
}

/// <summary><c>Triage:Queue:RabbitMq</c>.</summary>
public sealed class RabbitMqQueueOptions
{
    /// <summary><c>amqp://user:password@host:port/vhost</c>; <c>amqps://</c> for TLS (certificates are verified).</summary>
    public string Uri { get; set; } = "amqp://localhost:5672/";

    /// <summary>The durable topic exchange events are published to; declared on every connect.</summary>
    public string Exchange { get; set; } = "triage.tickets";

    /// <summary>
    /// Publish with the mandatory flag: an event no queue is bound for comes back and the publish fails (retryable),
    /// so it stays in the outbox. Without it the broker drops unroutable events silently.
    /// </summary>
    public bool Mandatory { get; set; } = true;

    /// <summary>How long a batch may wait for the broker's publisher confirms.</summary>
    public TimeSpan ConfirmTimeout { get; set; } = TimeSpan.FromSeconds(30);

    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(10);
}

/// <summary><c>Triage:Queue:ServiceBus</c>.</summary>
public sealed class ServiceBusQueueOptions
{
    /// <summary>The namespace: <c>contoso.servicebus.windows.net</c>, <c>https://…</c> or <c>sb://…</c>.</summary>
    public string? Endpoint { get; set; }

    /// <summary>The queue or topic name (path) events are sent to.</summary>
    public string? EntityPath { get; set; }

    /// <summary>Shared access policy name; with <see cref="SasKey"/> selects SAS authentication.</summary>
    public string? SasKeyName { get; set; }

    public string? SasKey { get; set; }

    /// <summary>How long a generated SAS token is valid; it is renewed when a fifth of this remains.</summary>
    public TimeSpan SasTokenLifetime { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// Entra ID bearer authentication without SAS: a file holding a current access token (audience
    /// <c>https://servicebus.azure.net</c>), kept fresh by whatever issues it; read on every send.
    /// An <see cref="ServiceBus.IServiceBusTokenProvider"/> registered in DI takes precedence.
    /// </summary>
    public string? BearerTokenFile { get; set; }

    /// <summary>Largest message the entity accepts: 256 KiB on the standard tier, up to 100 MiB on premium.</summary>
    public int MaxMessageBytes { get; set; } = 256 * 1024;

    public int MaxBatchMessages { get; set; } = 100;

    /// <summary>Attempts per request for throttling (429), server errors and network errors, before the outbox takes over.</summary>
    public int MaxSendAttempts { get; set; } = 3;

    /// <summary>The longest wait between attempts; a longer Retry-After is handed to the caller instead.</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(30);

    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(60);
}
