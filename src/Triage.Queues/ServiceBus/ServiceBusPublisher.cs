using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Triage.Core.Ports;

namespace Triage.Queues.ServiceBus;

/// <summary>
/// Sends events to an Azure Service Bus queue or topic over its REST protocol
/// (<c>POST https://{namespace}/{entityPath}/messages</c>), authenticated with a SAS token or an Entra ID bearer token.
/// </summary>
/// <remarks>
/// <para>
/// A single event is one request: the body as is, <c>BrokerProperties</c> JSON (MessageId = event id, CorrelationId
/// and SessionId = ticket id, Label = event type — "Subject" in the newer SDKs) and one header per routing property,
/// its value a JSON string so the broker keeps it a string. Several events go as batches
/// (<c>application/vnd.microsoft.servicebus.json</c>: <c>[{"Body", "BrokerProperties", "UserProperties"}]</c>), each
/// request within <see cref="ServiceBusQueueOptions.MaxMessageBytes"/> and
/// <see cref="ServiceBusQueueOptions.MaxBatchMessages"/>.
/// </para>
/// <para>
/// An event larger than a message may be is sent with a small reference body instead,
/// <c>{"eventId", "type", "ticketId", "body": "omitted", "reference"}</c> (reference = <see cref="OutboundEvent.BodyReference"/>),
/// and the property <c>bodyOmitted: "true"</c>.
/// </para>
/// <para>
/// 401 and 403 fail at once, not retryable. 408, 429 and 5xx are retried up to
/// <see cref="ServiceBusQueueOptions.MaxSendAttempts"/> times, waiting as Retry-After says (a wait beyond
/// <see cref="ServiceBusQueueOptions.MaxRetryDelay"/> is left to the caller), as are network errors and timeouts;
/// then a retryable <see cref="PublishException"/> carries the Retry-After. Other statuses (400, 404, 410, 413) are not
/// retryable. Certificates are verified by the <see cref="HttpClient"/>'s handler as usual.
/// </para>
/// </remarks>
public sealed partial class ServiceBusPublisher : IEventPublisher
{
    public const string BatchContentType = "application/vnd.microsoft.servicebus.json";

    /// <summary>The property marking an event sent with a reference instead of its body.</summary>
    public const string BodyOmittedProperty = "bodyOmitted";

    // A routing property may not pose as a header the request itself needs.
    private static readonly HashSet<string> ReservedHeaders = new(StringComparer.OrdinalIgnoreCase)
    {
        "Authorization", "BrokerProperties", "Content-Type", "Content-Length", "Host", "Transfer-Encoding", "Connection", "x-ms-retrypolicy",
    };

    private static readonly JsonSerializerOptions HeaderJson = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.Default };

    private readonly HttpClient _http;
    private readonly ServiceBusQueueOptions _options;
    private readonly Uri _messagesUri;
    private readonly SharedAccessSignature? _sas;
    private readonly IServiceBusTokenProvider? _tokens;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    /// <param name="httpClient">From <c>IHttpClientFactory</c> or any handler; its certificate checks stay on.</param>
    /// <param name="options">Endpoint, entity and either SAS settings or bearer settings.</param>
    /// <param name="tokenProvider">Entra ID tokens; used when no SAS key is configured.</param>
    /// <param name="timeProvider">The clock for SAS expiry and retry waits.</param>
    /// <param name="logger">Retries, omitted bodies and refused credentials; never bodies or tokens.</param>
    public ServiceBusPublisher(
        HttpClient httpClient,
        ServiceBusQueueOptions options,
        IServiceBusTokenProvider? tokenProvider = null,
        TimeProvider? timeProvider = null,
        ILogger<ServiceBusPublisher>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        ArgumentNullException.ThrowIfNull(options);
        _http = httpClient;
        _options = options;
        _time = timeProvider ?? TimeProvider.System;
        _logger = logger ?? NullLogger<ServiceBusPublisher>.Instance;
        var entity = ServiceBusEndpoint.TryEntityUri(options.Endpoint, options.EntityPath, out var error)
            ?? throw new ArgumentException($"Triage:Queue:ServiceBus: {error}.", nameof(options));
        _messagesUri = new Uri(entity.AbsoluteUri + "/messages");

        if (!string.IsNullOrEmpty(options.SasKeyName) && !string.IsNullOrEmpty(options.SasKey))
        {
            _sas = new SharedAccessSignature(entity, options.SasKeyName, options.SasKey, options.SasTokenLifetime, _time);
        }
        else
        {
            _tokens = tokenProvider
                ?? (string.IsNullOrEmpty(options.BearerTokenFile) ? null : new FileTokenProvider(options.BearerTokenFile))
                ?? throw new ArgumentException("Triage:Queue:ServiceBus needs SasKeyName and SasKey, or BearerTokenFile, or a registered IServiceBusTokenProvider.", nameof(options));
        }
    }

    public async Task PublishAsync(IReadOnlyList<OutboundEvent> batch, CancellationToken cancellationToken)
    {
        EventChecks.Validate(batch);
        var messages = batch.Select(Prepare).ToList();
        foreach (var chunk in Chunks(messages))
        {
            await SendWithRetriesAsync(chunk, cancellationToken).ConfigureAwait(false);
        }
    }

    private Message Prepare(OutboundEvent item)
    {
        foreach (var name in item.Properties.Keys)
        {
            if (ReservedHeaders.Contains(name) || name.Equals(BodyOmittedProperty, StringComparison.OrdinalIgnoreCase))
            {
                throw new PublishException($"Event {item.EventId} cannot be sent: its property '{name}' collides with a request header.", retryable: false, eventId: item.EventId);
            }
        }

        var message = new Message(item, item.Body, item.ContentType, item.Properties);
        if (message.Size <= _options.MaxMessageBytes)
        {
            return message;
        }

        var reference = new Message(item, ReferenceBody(item), "application/json", new Dictionary<string, string>(item.Properties) { [BodyOmittedProperty] = "true" });
        LogBodyOmitted(_logger, item.EventId, message.Size, _options.MaxMessageBytes);
        return reference.Size <= _options.MaxMessageBytes
            ? reference
            : throw new PublishException($"Event {item.EventId} does not fit in a Service Bus message even without its body ({reference.Size} bytes, limit {_options.MaxMessageBytes}).", retryable: false, eventId: item.EventId);
    }

    private static byte[] ReferenceBody(OutboundEvent item)
    {
        return JsonBytes.Write(256, json =>
        {
            json.WriteStartObject();
            json.WriteString("eventId", item.EventId);
            json.WriteString("type", item.EventType);
            json.WriteString("ticketId", item.TicketId);
            json.WriteString("body", "omitted");
            json.WriteString("reference", item.BodyReference);
            json.WriteEndObject();
        });
    }

    private IEnumerable<List<Message>> Chunks(List<Message> messages)
    {
        var chunk = new List<Message>();
        var size = 2; // the array's brackets
        foreach (var message in messages)
        {
            var added = message.BatchItem.Length + (chunk.Count > 0 ? 1 : 0);
            if (chunk.Count > 0 && (size + added > _options.MaxMessageBytes || chunk.Count >= _options.MaxBatchMessages))
            {
                yield return chunk;
                chunk = [];
                size = 2;
                added = message.BatchItem.Length;
            }

            chunk.Add(message);
            size += added;
        }

        if (chunk.Count > 0)
        {
            yield return chunk;
        }
    }

    private async Task SendWithRetriesAsync(List<Message> chunk, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await SendAsync(chunk, cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (PublishException ex) when (ex.Retryable && attempt < _options.MaxSendAttempts)
            {
                var delay = ex.RetryAfter ?? TimeSpan.FromMilliseconds(200 * Math.Pow(2, attempt - 1));
                if (delay > _options.MaxRetryDelay)
                {
                    throw;
                }

                LogRetry(_logger, attempt, delay, ex.Message);
                await Task.Delay(delay, _time, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private async Task SendAsync(List<Message> chunk, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, _messagesUri);
        request.Headers.TryAddWithoutValidation("Authorization", await AuthorizationAsync(cancellationToken).ConfigureAwait(false));
        if (chunk.Count == 1)
        {
            var message = chunk[0];
            request.Content = new ByteArrayContent(message.Body.ToArray());
            request.Content.Headers.TryAddWithoutValidation("Content-Type", message.ContentType);
            request.Headers.TryAddWithoutValidation("BrokerProperties", message.BrokerProperties);
            foreach (var (name, value) in message.Properties)
            {
                request.Headers.TryAddWithoutValidation(name, JsonSerializer.Serialize(value, HeaderJson));
            }
        }
        else
        {
            request.Content = new ByteArrayContent(BatchBody(chunk));
            request.Content.Headers.ContentType = new MediaTypeHeaderValue(BatchContentType);
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.RequestTimeout);
        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(request, timeout.Token).ConfigureAwait(false);
        }
        catch (HttpRequestException ex)
        {
            throw new PublishException($"Service Bus at {_messagesUri.Host} could not be reached: {ex.Message}", retryable: true, innerException: ex);
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new PublishException($"Service Bus at {_messagesUri.Host} did not answer within {_options.RequestTimeout}.", retryable: true, innerException: ex);
        }

        using (response)
        {
            if (response.IsSuccessStatusCode)
            {
                return;
            }

            throw await FailureAsync(response, chunk, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<string> AuthorizationAsync(CancellationToken cancellationToken)
    {
        if (_sas is not null)
        {
            return _sas.GetToken();
        }

        try
        {
            return "Bearer " + await _tokens!.GetTokenAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            throw new PublishException($"No Service Bus access token: {ex.Message}", retryable: true, innerException: ex);
        }
    }

    private async Task<PublishException> FailureAsync(HttpResponseMessage response, List<Message> chunk, CancellationToken cancellationToken)
    {
        var status = (int)response.StatusCode;
        var detail = await DetailAsync(response, cancellationToken).ConfigureAwait(false);
        var what = $"Service Bus answered {status} {response.ReasonPhrase} for {chunk.Count} event(s) to {_messagesUri.AbsolutePath}{detail}";
        if (response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
        {
            LogRefused(_logger, status, _messagesUri.AbsolutePath);
            var hint = _sas is not null ? "check SasKeyName/SasKey and that the policy has Send rights" : "check the token's audience and its Azure Service Bus Data Sender role";
            return new PublishException($"{what} — refused, not retried: {hint} (403 also means quota exceeded or message too large).", retryable: false);
        }

        var retryable = status is 408 or 429 or >= 500;
        return new PublishException(what, retryable, retryable ? RetryAfter(response) : null, chunk.Count == 1 && !retryable ? chunk[0].EventId : null);
    }

    private static async Task<string> DetailAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        // Service Bus explains errors in a short XML body; a bounded excerpt is enough to act on.
        var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        text = string.Concat(text.Take(300).Select(c => char.IsControl(c) ? ' ' : c)).Trim();
        return text.Length > 0 ? $": {text}" : "";
    }

    private TimeSpan? RetryAfter(HttpResponseMessage response) => response.Headers.RetryAfter switch
    {
        { Delta: { } delta } => delta,
        { Date: { } date } => date > _time.GetUtcNow() ? date - _time.GetUtcNow() : TimeSpan.Zero,
        _ => null,
    };

    private static byte[] BatchBody(List<Message> chunk)
    {
        var body = new List<byte>(chunk.Sum(m => m.BatchItem.Length + 1) + 1) { (byte)'[' };
        for (var i = 0; i < chunk.Count; i++)
        {
            if (i > 0)
            {
                body.Add((byte)',');
            }

            body.AddRange(chunk[i].BatchItem);
        }

        body.Add((byte)']');
        return [.. body];
    }

    [LoggerMessage(EventId = 6301, Level = LogLevel.Information, Message = "Event {EventId} is {Size} bytes, over the {Limit}-byte message limit: sending a reference instead of its body")]
    private static partial void LogBodyOmitted(ILogger logger, string eventId, int size, int limit);

    [LoggerMessage(EventId = 6302, Level = LogLevel.Warning, Message = "Service Bus send attempt {Attempt} failed, retrying in {Delay}: {Reason}")]
    private static partial void LogRetry(ILogger logger, int attempt, TimeSpan delay, string reason);

    [LoggerMessage(EventId = 6303, Level = LogLevel.Error, Message = "Service Bus refused the credentials ({Status}) for {Entity}")]
    private static partial void LogRefused(ILogger logger, int status, string entity);

    // One element of a batch request: the body as a string, broker and user properties as objects.
    private static byte[] BatchItemJson(string body, string brokerProperties, IReadOnlyDictionary<string, string> properties) =>
        JsonBytes.Write(
            body.Length + 256,
            json =>
            {
                json.WriteStartObject();
                json.WriteString("Body", body);
                json.WritePropertyName("BrokerProperties");
                json.WriteRawValue(brokerProperties);
                json.WriteStartObject("UserProperties");
                foreach (var (name, value) in properties)
                {
                    json.WriteString(name, value);
                }

                json.WriteEndObject();
                json.WriteEndObject();
            },
            // Relaxed escaping keeps non-ASCII text as UTF-8 (one to three bytes, not six per character); this is a
            // JSON request body, never HTML.
            System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping);

    /// <summary>One event as sent: the body (or its reference), the broker properties and the batch form.</summary>
    private sealed class Message
    {
        public Message(OutboundEvent item, ReadOnlyMemory<byte> body, string contentType, IReadOnlyDictionary<string, string> properties)
        {
            EventId = item.EventId;
            Body = body;
            ContentType = contentType;
            Properties = properties;
            BrokerProperties = JsonSerializer.Serialize(new Dictionary<string, string>
            {
                ["MessageId"] = item.EventId,
                ["CorrelationId"] = item.TicketId,
                ["SessionId"] = item.TicketId,
                ["Label"] = item.EventType,
            });
            BatchItem = BatchItemJson(Encoding.UTF8.GetString(body.Span), BrokerProperties, properties);
            Size = body.Length + BrokerProperties.Length + properties.Sum(p => p.Key.Length + Encoding.UTF8.GetByteCount(p.Value) + 4);
        }

        public string EventId { get; }

        public ReadOnlyMemory<byte> Body { get; }

        public string ContentType { get; }

        public IReadOnlyDictionary<string, string> Properties { get; }

        public string BrokerProperties { get; }

        public byte[] BatchItem { get; }

        /// <summary>Body plus properties, as Service Bus counts a message against its size limit.</summary>
        public int Size { get; }
    }
}
