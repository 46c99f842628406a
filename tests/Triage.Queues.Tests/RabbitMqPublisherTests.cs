using System.Diagnostics;
using System.Text;
using RabbitMQ.Client;
using Triage.Core.Ports;
using Triage.TestServers;
using Xunit.Abstractions;

namespace Triage.Queues.Tests;

[Collection(RabbitMqBroker.Name)]
public sealed class RabbitMqPublisherTests(RabbitMqFixture fixture, ITestOutputHelper output)
{
    private readonly RabbitMqServer _server = fixture.Server;
    private readonly string _exchange = "triage-test-" + Guid.NewGuid().ToString("N")[..8];

    [Fact]
    public async Task PublishAsync_Events_ArriveOnABoundQueueWithRoutingKeyIdsPersistenceAndHeaders()
    {
        output.WriteLine($"broker startup: {_server.StartupTime.TotalSeconds:F1} s");
        await using var consumer = await Consumer.ConnectAsync(_server.AmqpUri);
        var queue = await consumer.BindAsync(_exchange, "ticket.#");
        await using var publisher = Publisher();
        var created = Events.Ticket(1);
        var updated = Events.Ticket(2, EventTypes.TicketUpdated, topic: "Bug.Report#1");

        await publisher.PublishAsync([created, updated], CancellationToken.None);

        // No waiting: PublishAsync returned after the confirms, so the broker has already queued both.
        var first = await consumer.GetAsync(queue);
        var second = await consumer.GetAsync(queue);
        Assert.Equal("ticket.created.billing", first.RoutingKey);
        Assert.Equal("ticket.updated.bug_report_1", second.RoutingKey);
        Assert.Equal(("evt-000001", "SUP-100001", "ticket.created", "application/json"), (first.BasicProperties.MessageId, first.BasicProperties.CorrelationId, first.BasicProperties.Type, first.BasicProperties.ContentType));
        Assert.Equal(DeliveryModes.Persistent, first.BasicProperties.DeliveryMode);
        Assert.Equal(created.Body.ToArray(), first.Body.ToArray());
        // RabbitMQ.Client adds x-dotnet-pub-seq-no to match returns to publishes; the rest are the routing properties.
        var headers = first.BasicProperties.Headers!.Where(h => h.Key != "x-dotnet-pub-seq-no").ToDictionary(h => h.Key, h => Encoding.UTF8.GetString((byte[])h.Value!));
        Assert.Equal(created.Properties.OrderBy(p => p.Key), headers.OrderBy(p => p.Key));
        Assert.Equal("evt-000002", second.BasicProperties.MessageId);
    }

    [Fact]
    public async Task PublishAsync_NoQueueBoundForTheRoutingKey_FailsRetryableAsUnroutable()
    {
        await using var consumer = await Consumer.ConnectAsync(_server.AmqpUri);
        var queue = await consumer.BindAsync(_exchange, "ticket.*.billing");
        await using var publisher = Publisher();

        var ex = await Assert.ThrowsAsync<PublishException>(() => publisher.PublishAsync([Events.Ticket(1, topic: "order")], CancellationToken.None));
        await publisher.PublishAsync([Events.Ticket(2, topic: "billing")], CancellationToken.None);

        Assert.True(ex.Retryable);
        Assert.Contains("unroutable", ex.Message, StringComparison.Ordinal);
        Assert.Equal("evt-000002", (await consumer.GetAsync(queue)).BasicProperties.MessageId);
        Assert.Null(await consumer.TryGetAsync(queue));
    }

    [Fact]
    public async Task PublishAsync_QueueRefusesTheMessage_FailsRetryableAsNacked()
    {
        await using var consumer = await Consumer.ConnectAsync(_server.AmqpUri);
        await consumer.BindAsync(_exchange, "ticket.#", new Dictionary<string, object?> { ["x-max-length"] = 1, ["x-overflow"] = "reject-publish" });
        await using var publisher = Publisher();

        var ex = await Assert.ThrowsAsync<PublishException>(() => publisher.PublishAsync(Events.Tickets(3), CancellationToken.None));

        Assert.True(ex.Retryable);
        Assert.Contains("nacked", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PublishAsync_BrokerKilled_FailsRetryableThenDeliversEverythingAfterRestart()
    {
        string queue;
        await using (var consumer = await Consumer.ConnectAsync(_server.AmqpUri))
        {
            queue = await consumer.BindAsync(_exchange, "ticket.#");
        }

        await using var publisher = Publisher();
        await publisher.PublishAsync([Events.Ticket(1)], CancellationToken.None);

        var watch = Stopwatch.StartNew();
        await _server.KillNodeAsync();
        var stopped = watch.Elapsed;
        var ex = await Assert.ThrowsAsync<PublishException>(() => publisher.PublishAsync([Events.Ticket(2)], CancellationToken.None));
        var failed = watch.Elapsed - stopped;
        await _server.StartNodeAsync();
        await publisher.PublishAsync([Events.Ticket(2)], CancellationToken.None);
        output.WriteLine($"kill {stopped.TotalSeconds:F1} s, failed publish {failed.TotalSeconds:F2} s, restart {_server.StartupTime.TotalSeconds:F1} s");

        Assert.True(ex.Retryable);
        await using var after = await Consumer.ConnectAsync(_server.AmqpUri);
        Assert.Equal("evt-000001", (await after.GetAsync(queue)).BasicProperties.MessageId);
        Assert.Equal("evt-000002", (await after.GetAsync(queue)).BasicProperties.MessageId);
        Assert.Null(await after.TryGetAsync(queue));
    }

    [Fact]
    public async Task PublishAsync_WrongPassword_FailsNotRetryable()
    {
        await using var publisher = new RabbitMqPublisher(new RabbitMqQueueOptions { Uri = $"amqp://guest:wrong@127.0.0.1:{_server.Port}/", Exchange = _exchange });

        var ex = await Assert.ThrowsAsync<PublishException>(() => publisher.PublishAsync([Events.Ticket(1)], CancellationToken.None));

        Assert.False(ex.Retryable);
        Assert.DoesNotContain("wrong", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PublishAsync_ExchangeExistsWithAnotherType_FailsNotRetryable()
    {
        await using (var consumer = await Consumer.ConnectAsync(_server.AmqpUri))
        {
            await consumer.Channel.ExchangeDeclareAsync(_exchange, ExchangeType.Direct, durable: true);
        }

        await using var publisher = Publisher();

        var ex = await Assert.ThrowsAsync<PublishException>(() => publisher.PublishAsync([Events.Ticket(1)], CancellationToken.None));

        Assert.False(ex.Retryable);
        Assert.Contains("PRECONDITION_FAILED", ex.Message, StringComparison.Ordinal);
    }

    private RabbitMqPublisher Publisher() => new(new RabbitMqQueueOptions
    {
        Uri = _server.AmqpUri.AbsoluteUri,
        Exchange = _exchange,
        ConnectTimeout = TimeSpan.FromSeconds(5),
        ConfirmTimeout = TimeSpan.FromSeconds(10),
    });

    /// <summary>A downstream consumer: binds a durable queue to the exchange and reads it.</summary>
    private sealed class Consumer(IConnection connection, IChannel channel) : IAsyncDisposable
    {
        public IChannel Channel => channel;

        public static async Task<Consumer> ConnectAsync(Uri uri)
        {
            var connection = await new ConnectionFactory { Uri = uri }.CreateConnectionAsync();
            return new Consumer(connection, await connection.CreateChannelAsync());
        }

        public async Task<string> BindAsync(string exchange, string bindingKey, IDictionary<string, object?>? arguments = null)
        {
            await channel.ExchangeDeclareAsync(exchange, ExchangeType.Topic, durable: true);
            var queue = await channel.QueueDeclareAsync(exchange + "-queue", durable: true, exclusive: false, autoDelete: false, arguments);
            await channel.QueueBindAsync(queue.QueueName, exchange, bindingKey);
            return queue.QueueName;
        }

        public async Task<BasicGetResult> GetAsync(string queue) =>
            await TryGetAsync(queue) ?? throw new Xunit.Sdk.XunitException($"queue {queue} is empty");

        public Task<BasicGetResult?> TryGetAsync(string queue) => channel.BasicGetAsync(queue, autoAck: true);

        public async ValueTask DisposeAsync()
        {
            await channel.DisposeAsync();
            await connection.DisposeAsync();
        }
    }
}
