using System.Text;
using System.Text.Json;
using Triage.Core.Ports;
using Triage.Queues.ServiceBus;
using Triage.TestServers;

namespace Triage.Queues.Tests.ServiceBus;

public sealed class ServiceBusPublisherTests : IAsyncDisposable
{
    private const string Entity = "triage-tickets";
    private const string KeyName = "triage-send";
    private const string Key = "c2VjcmV0LWtleS1mb3ItdGVzdHMtb25seQ==";

    private readonly ManualTimeProvider _time = new(DateTimeOffset.UtcNow);
    private readonly ServiceBusTestEndpoint _endpoint;
    private readonly HttpClient _http = new();

    public ServiceBusPublisherTests() => _endpoint = new ServiceBusTestEndpoint(Entity, KeyName, Key, _time);

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await _endpoint.DisposeAsync();
    }

    [Fact]
    public async Task PublishAsync_OneEvent_SendsBodyBrokerPropertiesAndPropertyHeaders()
    {
        var item = Events.Ticket(1, EventTypes.TicketUpdated, topic: "Fakturering & moms, betalning försenad");

        await Publisher().PublishAsync([item], CancellationToken.None);

        var request = Assert.Single(_endpoint.Requests);
        Assert.Equal(201, request.Status);
        var message = Assert.Single(_endpoint.Messages);
        Assert.Equal(("evt-000001", "SUP-100001", "SUP-100001", "ticket.updated"), (message.MessageId, message.CorrelationId, message.SessionId, message.Label));
        Assert.Equal(Encoding.UTF8.GetString(item.Body.Span), message.Body);
        Assert.Equal("application/json", message.ContentType);
        Assert.Equal(item.Properties.OrderBy(p => p.Key), message.Properties.OrderBy(p => p.Key));
    }

    [Fact]
    public async Task PublishAsync_SeveralEvents_SendsOneBatchInTheDocumentedFormat()
    {
        var events = Events.Tickets(3);

        await Publisher().PublishAsync(events, CancellationToken.None);

        var request = Assert.Single(_endpoint.Requests);
        Assert.Equal((ServiceBusTestEndpoint.BatchContentType, 201), (request.ContentType, request.Status));
        Assert.Equal(events.Select(e => e.EventId), _endpoint.Messages.Select(m => m.MessageId));
        Assert.All(_endpoint.Messages, m => Assert.Equal("billing", m.Properties["topic"]));
        Assert.Equal(Encoding.UTF8.GetString(events[2].Body.Span), _endpoint.Messages[2].Body);
    }

    [Fact]
    public async Task PublishAsync_BatchOverTheSizeLimit_SplitsIntoRequestsWithinTheLimit()
    {
        var events = Events.Tickets(12, bodyPadding: 1500);

        await Publisher(o => o.MaxMessageBytes = 8 * 1024).PublishAsync(events, CancellationToken.None);

        Assert.True(_endpoint.Requests.Count >= 3, $"{_endpoint.Requests.Count} requests");
        Assert.All(_endpoint.Requests, r => Assert.InRange(r.BodyBytes, 1, 8 * 1024));
        Assert.Equal(events.Select(e => e.EventId), _endpoint.Messages.Select(m => m.MessageId));
    }

    [Fact]
    public async Task PublishAsync_MoreEventsThanABatchMayHold_SplitsByCount()
    {
        await Publisher(o => o.MaxBatchMessages = 4).PublishAsync(Events.Tickets(9), CancellationToken.None);

        Assert.Equal([ServiceBusTestEndpoint.BatchContentType, ServiceBusTestEndpoint.BatchContentType, "application/json"], _endpoint.Requests.Select(r => r.ContentType));
        Assert.Equal(9, _endpoint.Messages.Count);
    }

    [Fact]
    public async Task PublishAsync_WrongKey_FailsNotRetryableAfterOneRequest()
    {
        var publisher = Publisher(o => o.SasKey = "d3Jvbmcta2V5");

        var ex = await Assert.ThrowsAsync<PublishException>(() => publisher.PublishAsync([Events.Ticket(1)], CancellationToken.None));

        Assert.False(ex.Retryable);
        Assert.Contains("401", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("d3Jvbmcta2V5", ex.Message, StringComparison.Ordinal);
        Assert.Equal("signature mismatch", Assert.Single(_endpoint.Requests).Reason);
        Assert.Empty(_endpoint.Messages);
    }

    [Fact]
    public async Task PublishAsync_WrongEntityPath_FailsNotRetryable()
    {
        await using var other = new ServiceBusTestEndpoint("other-entity", KeyName, Key, _time);
        var options = Options();
        options.Endpoint = other.BaseUri.AbsoluteUri;
        options.EntityPath = "triage-tickets";

        var ex = await Assert.ThrowsAsync<PublishException>(() => new ServiceBusPublisher(_http, options, timeProvider: _time).PublishAsync([Events.Ticket(1)], CancellationToken.None));

        Assert.False(ex.Retryable);
        Assert.Equal(404, Assert.Single(other.Requests).Status);
    }

    [Fact]
    public async Task PublishAsync_Forbidden_IsNeverRetried()
    {
        _endpoint.Script(403);

        var ex = await Assert.ThrowsAsync<PublishException>(() => Publisher().PublishAsync([Events.Ticket(1)], CancellationToken.None));

        Assert.False(ex.Retryable);
        Assert.Single(_endpoint.Requests);
        Assert.Empty(_time.Waits);
    }

    [Fact]
    public async Task PublishAsync_Throttled_WaitsAsRetryAfterSaysThenSucceeds()
    {
        _endpoint.Script(429, retryAfter: "7");

        await Publisher().PublishAsync([Events.Ticket(1)], CancellationToken.None);

        Assert.Equal([429, 201], _endpoint.Requests.Select(r => r.Status));
        Assert.Equal([TimeSpan.FromSeconds(7)], _time.Waits);
        Assert.Single(_endpoint.Messages);
    }

    [Fact]
    public async Task PublishAsync_ServerErrorsOnEveryAttempt_ThrowsRetryableWithRetryAfter()
    {
        _endpoint.Script(503, "2");
        _endpoint.Script(500, "2");
        _endpoint.Script(503, "2");

        var ex = await Assert.ThrowsAsync<PublishException>(() => Publisher().PublishAsync(Events.Tickets(2), CancellationToken.None));

        Assert.True(ex.Retryable);
        Assert.Equal(TimeSpan.FromSeconds(2), ex.RetryAfter);
        Assert.Equal(3, _endpoint.Requests.Count);
        Assert.Empty(_endpoint.Messages);
    }

    [Fact]
    public async Task PublishAsync_RetryAfterLongerThanMaxRetryDelay_LeavesTheWaitToTheCaller()
    {
        _endpoint.Script(429, "120");

        var ex = await Assert.ThrowsAsync<PublishException>(() => Publisher().PublishAsync([Events.Ticket(1)], CancellationToken.None));

        Assert.True(ex.Retryable);
        Assert.Equal(TimeSpan.FromMinutes(2), ex.RetryAfter);
        Assert.Single(_endpoint.Requests);
        Assert.Empty(_time.Waits);
    }

    [Fact]
    public async Task PublishAsync_BadRequest_IsNotRetryableAndBlamesTheEvent()
    {
        _endpoint.Script(400);

        var ex = await Assert.ThrowsAsync<PublishException>(() => Publisher().PublishAsync([Events.Ticket(5)], CancellationToken.None));

        Assert.False(ex.Retryable);
        Assert.Equal("evt-000005", ex.EventId);
    }

    [Fact]
    public async Task PublishAsync_EventTooLarge_SendsAReferenceAndMarksIt()
    {
        var large = Events.Ticket(1, bodyPadding: 20_000) with { BodyReference = "spool/20250314T0926540000000Z-evt-000001.json" };
        var small = Events.Ticket(2);

        await Publisher(o => o.MaxMessageBytes = 16 * 1024).PublishAsync([large, small], CancellationToken.None);

        var sent = _endpoint.Messages;
        Assert.Equal(["evt-000001", "evt-000002"], sent.Select(m => m.MessageId));
        using var reference = JsonDocument.Parse(sent[0].Body);
        Assert.Equal("evt-000001", reference.RootElement.GetProperty("eventId").GetString());
        Assert.Equal("ticket.created", reference.RootElement.GetProperty("type").GetString());
        Assert.Equal("SUP-100001", reference.RootElement.GetProperty("ticketId").GetString());
        Assert.Equal("omitted", reference.RootElement.GetProperty("body").GetString());
        Assert.Equal(large.BodyReference, reference.RootElement.GetProperty("reference").GetString());
        Assert.Equal("true", sent[0].Properties[ServiceBusPublisher.BodyOmittedProperty]);
        Assert.Equal("billing", sent[0].Properties["topic"]);
        Assert.False(sent[1].Properties.ContainsKey(ServiceBusPublisher.BodyOmittedProperty));
        Assert.Equal(Encoding.UTF8.GetString(small.Body.Span), sent[1].Body);
    }

    [Fact]
    public async Task PublishAsync_SasToken_IsReusedThenRenewedBeforeItExpires()
    {
        var publisher = Publisher(o => o.SasTokenLifetime = TimeSpan.FromMinutes(60));

        await publisher.PublishAsync([Events.Ticket(1)], CancellationToken.None);
        _time.Advance(TimeSpan.FromMinutes(40));
        await publisher.PublishAsync([Events.Ticket(2)], CancellationToken.None);
        _time.Advance(TimeSpan.FromMinutes(9));
        await publisher.PublishAsync([Events.Ticket(3)], CancellationToken.None);

        var expiries = _endpoint.Expiries;
        Assert.Equal(expiries[0], expiries[1]);
        Assert.Equal(expiries[0] + (49 * 60), expiries[2]);
        Assert.All(_endpoint.Requests, r => Assert.Equal(201, r.Status));
    }

    [Fact]
    public async Task PublishAsync_BearerTokenProvider_SendsItAsBearer()
    {
        await using var endpoint = new ServiceBusTestEndpoint(Entity, KeyName, Key, _time, bearerToken: "entra-token-1");
        var options = new ServiceBusQueueOptions { Endpoint = endpoint.BaseUri.AbsoluteUri, EntityPath = Entity };

        await new ServiceBusPublisher(_http, options, new FixedToken("entra-token-1"), _time).PublishAsync([Events.Ticket(1)], CancellationToken.None);

        Assert.Equal("Bearer entra-token-1", Assert.Single(endpoint.Requests).Authorization);
        Assert.Single(endpoint.Messages);
    }

    [Fact]
    public async Task PublishAsync_BearerTokenFile_IsReadForEachSend()
    {
        await using var endpoint = new ServiceBusTestEndpoint(Entity, KeyName, Key, _time, bearerToken: "from-file");
        var file = Path.GetTempFileName();
        try
        {
            await File.WriteAllTextAsync(file, "stale\n");
            var options = new ServiceBusQueueOptions { Endpoint = endpoint.BaseUri.AbsoluteUri, EntityPath = Entity, BearerTokenFile = file, MaxSendAttempts = 1 };
            var publisher = new ServiceBusPublisher(_http, options, timeProvider: _time);
            await Assert.ThrowsAsync<PublishException>(() => publisher.PublishAsync([Events.Ticket(1)], CancellationToken.None));

            await File.WriteAllTextAsync(file, "from-file\n");
            await publisher.PublishAsync([Events.Ticket(1)], CancellationToken.None);

            Assert.Equal([401, 201], endpoint.Requests.Select(r => r.Status));
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task PublishAsync_NobodyListening_FailsRetryableAfterEveryAttempt()
    {
        var options = Options();
        options.Endpoint = $"http://127.0.0.1:{FreeTcpPort.Next()}";

        var ex = await Assert.ThrowsAsync<PublishException>(() => new ServiceBusPublisher(_http, options, timeProvider: _time).PublishAsync([Events.Ticket(1)], CancellationToken.None));

        Assert.True(ex.Retryable);
        Assert.Equal(2, _time.Waits.Count);
    }

    [Fact]
    public async Task PublishAsync_PropertyPosingAsAHeader_FailsNotRetryableWithoutSending()
    {
        var item = Events.Ticket(1) with { Properties = new Dictionary<string, string> { ["Authorization"] = "x" } };

        var ex = await Assert.ThrowsAsync<PublishException>(() => Publisher().PublishAsync([item], CancellationToken.None));

        Assert.False(ex.Retryable);
        Assert.Empty(_endpoint.Requests);
    }

    [Theory]
    [InlineData("http://contoso.servicebus.windows.net", "tickets")]
    [InlineData("ftp://contoso.servicebus.windows.net", "tickets")]
    [InlineData("contoso.servicebus.windows.net", "")]
    [InlineData("contoso.servicebus.windows.net", "tick ets")]
    [InlineData("", "tickets")]
    public void Constructor_EndpointOrEntityUnusable_ThrowsNamingTheSetting(string endpoint, string entityPath)
    {
        var options = new ServiceBusQueueOptions { Endpoint = endpoint, EntityPath = entityPath, SasKeyName = KeyName, SasKey = Key };

        var ex = Assert.Throws<ArgumentException>(() => new ServiceBusPublisher(_http, options));

        Assert.Contains("Triage:Queue:ServiceBus", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_NoCredentials_ThrowsSayingWhatIsNeeded()
    {
        var options = new ServiceBusQueueOptions { Endpoint = "contoso.servicebus.windows.net", EntityPath = Entity };

        var ex = Assert.Throws<ArgumentException>(() => new ServiceBusPublisher(_http, options));

        Assert.Contains("SasKeyName and SasKey", ex.Message, StringComparison.Ordinal);
    }

    private ServiceBusQueueOptions Options() => new()
    {
        Endpoint = _endpoint.BaseUri.AbsoluteUri,
        EntityPath = Entity,
        SasKeyName = KeyName,
        SasKey = Key,
    };

    private ServiceBusPublisher Publisher(Action<ServiceBusQueueOptions>? configure = null)
    {
        var options = Options();
        configure?.Invoke(options);
        return new ServiceBusPublisher(_http, options, timeProvider: _time);
    }

    private sealed class FixedToken(string token) : IServiceBusTokenProvider
    {
        public ValueTask<string> GetTokenAsync(CancellationToken cancellationToken) => ValueTask.FromResult(token);
    }
}
