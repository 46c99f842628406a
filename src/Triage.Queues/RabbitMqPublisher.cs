using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;
using Triage.Core.Ports;
using RabbitPublishException = RabbitMQ.Client.Exceptions.PublishException;

namespace Triage.Queues;

/// <summary>
/// Publishes events to a durable RabbitMQ topic exchange with routing key <c>ticket.&lt;event&gt;.&lt;topic&gt;</c>
/// (the event type plus the topic property: <c>ticket.created.billing</c>), persistent, with publisher confirms.
/// </summary>
/// <remarks>
/// Each message: MessageId = event id, CorrelationId = ticket id, Type = event type, content type from the event,
/// Timestamp = occurred time, headers = routing properties. A batch returns when the broker has confirmed every
/// message; a nack, a message returned as unroutable (mandatory flag: no queue bound for its key) or a lost connection
/// throws a retryable <see cref="Triage.Core.Ports.PublishException"/>. The connection is not recovered in the
/// background: after a failure the next call connects afresh and declares the exchange again.
/// Refused credentials or an exchange of another type are not retryable.
/// </remarks>
public sealed partial class RabbitMqPublisher : IEventPublisher, IAsyncDisposable
{
    private readonly RabbitMqQueueOptions _options;
    private readonly ConnectionFactory _factory;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private IConnection? _connection;
    private IChannel? _channel;

    public RabbitMqPublisher(RabbitMqQueueOptions options, ILogger<RabbitMqPublisher>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _logger = logger ?? NullLogger<RabbitMqPublisher>.Instance;
        _factory = new ConnectionFactory
        {
            Uri = new Uri(options.Uri),
            AutomaticRecoveryEnabled = false,
            TopologyRecoveryEnabled = false,
            RequestedConnectionTimeout = options.ConnectTimeout,
            ClientProvidedName = "triage-publisher",
        };
    }

    /// <summary>The routing key for an event: its type, a dot, and its topic made safe for topic matching.</summary>
    public static string RoutingKeyFor(OutboundEvent item)
    {
        ArgumentNullException.ThrowIfNull(item);
        item.Properties.TryGetValue(EventProperties.Topic, out var topic);

        // Dots, * and # mean something in topic bindings; a topic keeps only what cannot.
        var segment = string.IsNullOrWhiteSpace(topic)
            ? "none"
            : string.Concat(topic.Trim().ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' ? c : '_'));
        return item.EventType + "." + segment;
    }

    public async Task PublishAsync(IReadOnlyList<OutboundEvent> batch, CancellationToken cancellationToken)
    {
        EventChecks.Validate(batch);
        if (batch.Count == 0)
        {
            return;
        }

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var channel = await ChannelAsync(cancellationToken).ConfigureAwait(false);
            await PublishConfirmedAsync(channel, batch, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not Triage.Core.Ports.PublishException && !(ex is OperationCanceledException && cancellationToken.IsCancellationRequested))
        {
            var failure = Classify(ex);
            LogPublishFailed(_logger, batch.Count, _options.Exchange, failure.Retryable, ex);
            if (ex is not RabbitPublishException)
            {
                // The connection may be half dead; the next call starts from a fresh one.
                await CloseAsync().ConfigureAwait(false);
            }

            throw failure;
        }
        finally
        {
            _gate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            await CloseAsync().ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
            _gate.Dispose();
        }
    }

    private async Task<IChannel> ChannelAsync(CancellationToken cancellationToken)
    {
        if (_channel is { IsOpen: true } && _connection is { IsOpen: true })
        {
            return _channel;
        }

        await CloseAsync().ConfigureAwait(false);
        _connection = await _factory.CreateConnectionAsync(cancellationToken).ConfigureAwait(false);
        _channel = await _connection.CreateChannelAsync(
            new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true),
            cancellationToken).ConfigureAwait(false);
        await _channel.ExchangeDeclareAsync(_options.Exchange, ExchangeType.Topic, durable: true, autoDelete: false, cancellationToken: cancellationToken).ConfigureAwait(false);
        LogConnected(_logger, _factory.HostName, _factory.Port, _options.Exchange);
        return _channel;
    }

    private async Task PublishConfirmedAsync(IChannel channel, IReadOnlyList<OutboundEvent> batch, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.ConfirmTimeout);

        // All messages go out before the first confirm is awaited, so a batch costs one round trip, not one per event.
        var confirms = new List<Task>(batch.Count);
        foreach (var item in batch)
        {
            var properties = new BasicProperties
            {
                Persistent = true,
                MessageId = item.EventId,
                CorrelationId = item.TicketId,
                Type = item.EventType,
                ContentType = item.ContentType,
                Timestamp = new AmqpTimestamp(item.OccurredAt.ToUnixTimeSeconds()),
                Headers = item.Properties.ToDictionary(p => p.Key, p => (object?)p.Value),
            };
            confirms.Add(channel.BasicPublishAsync(_options.Exchange, RoutingKeyFor(item), _options.Mandatory, properties, item.Body, timeout.Token).AsTask());
        }

        try
        {
            await Task.WhenAll(confirms).ConfigureAwait(false);
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"The broker did not confirm the batch within {_options.ConfirmTimeout}.", ex);
        }
    }

    private Triage.Core.Ports.PublishException Classify(Exception ex)
    {
        var where = $"RabbitMQ {_factory.HostName}:{_factory.Port}, exchange {_options.Exchange}";
        return ex switch
        {
            RabbitPublishException { IsReturn: true } => new($"{where}: an event was returned as unroutable (no queue bound for its routing key); bind a queue, e.g. to ticket.#.", ex),
            RabbitPublishException => new($"{where}: the broker refused (nacked) an event.", ex),
            AuthenticationFailureException or BrokerUnreachableException { InnerException: AuthenticationFailureException } =>
                new($"{where}: the broker refused the credentials in Triage:Queue:RabbitMq:Uri.", retryable: false, innerException: ex),
            OperationInterruptedException { ShutdownReason.ReplyCode: 403 or 406 } operation =>
                new($"{where}: {operation.ShutdownReason.ReplyText} (access refused or an exchange of another type).", retryable: false, innerException: ex),
            _ => new($"{where}: {ex.GetType().Name}: {ex.Message}", ex),
        };
    }

    private async Task CloseAsync()
    {
        var channel = _channel;
        var connection = _connection;
        _channel = null;
        _connection = null;
        foreach (var disposable in new IAsyncDisposable?[] { channel, connection })
        {
            try
            {
                if (disposable is not null)
                {
                    await disposable.DisposeAsync().ConfigureAwait(false);
                }
            }
            catch (Exception ex) when (ex is RabbitMQClientException or IOException or ObjectDisposedException)
            {
                // A connection the broker already dropped cannot be closed politely; it is abandoned.
                LogCloseFailed(_logger, ex);
            }
        }
    }

    [LoggerMessage(EventId = 6201, Level = LogLevel.Information, Message = "Connected to RabbitMQ {Host}:{Port}, exchange {Exchange} declared")]
    private static partial void LogConnected(ILogger logger, string host, int port, string exchange);

    [LoggerMessage(EventId = 6202, Level = LogLevel.Warning, Message = "Publishing {Count} event(s) to exchange {Exchange} failed (retryable: {Retryable})")]
    private static partial void LogPublishFailed(ILogger logger, int count, string exchange, bool retryable, Exception exception);

    [LoggerMessage(EventId = 6203, Level = LogLevel.Debug, Message = "Closing a broken RabbitMQ connection failed")]
    private static partial void LogCloseFailed(ILogger logger, Exception exception);
}
