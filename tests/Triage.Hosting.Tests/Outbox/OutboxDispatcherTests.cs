using Microsoft.Extensions.DependencyInjection;
using Moq;
using Triage.Core.Ports;
using Triage.Storage;

namespace Triage.Hosting.Tests.Outbox;

public sealed class OutboxDispatcherTests : IDisposable
{
    private readonly Mock<IEventPublisher> _publisher = new();
    private readonly PipelineFixture _fixture;

    public OutboxDispatcherTests()
    {
        _fixture = new PipelineFixture(
            new Dictionary<string, string?>
            {
                ["Triage:Outbox:MaxAttempts"] = "3",
                ["Triage:Outbox:InitialDelay"] = "00:00:10",
                ["Triage:Outbox:MaxDelay"] = "00:01:00",
            },
            services => services.AddSingleton(_publisher.Object));
    }

    public void Dispose() => _fixture.Dispose();

    [Fact]
    public async Task RunOnceAsync_PublisherAccepts_PublishesInOutboxOrderAndMarksSent()
    {
        var published = new List<string>();
        _publisher.Setup(p => p.PublishAsync(It.IsAny<IReadOnlyList<OutboundEvent>>(), It.IsAny<CancellationToken>()))
            .Callback<IReadOnlyList<OutboundEvent>, CancellationToken>((batch, _) => published.AddRange(batch.Select(e => e.EventType)))
            .Returns(Task.CompletedTask);
        await _fixture.IngestAsync(
            Mails.Human("anna@shop.example", "Help", "x", "m1@shop.example"),
            Mails.Human("anna@shop.example", "Re: Help", "y", "m2@shop.example", inReplyTo: "m1@shop.example"));

        var sent = await _fixture.Dispatcher.RunOnceAsync(CancellationToken.None);

        Assert.Equal(2, sent);
        Assert.Equal(["ticket.created", "ticket.updated"], published);
        Assert.Empty(await PendingAsync());
        Assert.Equal(0, await _fixture.Dispatcher.RunOnceAsync(CancellationToken.None));
    }

    [Fact]
    public async Task RunOnceAsync_QueueUnreachable_WaitsHonouringRetryAfterAndNeverDeadLetters()
    {
        _publisher.Setup(p => p.PublishAsync(It.IsAny<IReadOnlyList<OutboundEvent>>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new PublishException("broker down", retryable: true, retryAfter: TimeSpan.FromMinutes(2)));
        await _fixture.IngestAsync(Mails.Human("anna@shop.example", "Help", "x", "m1@shop.example"));
        var start = _fixture.Time.GetUtcNow();

        Assert.Equal(0, await _fixture.Dispatcher.RunOnceAsync(CancellationToken.None));
        var row = Assert.Single(await PendingAsync());
        Assert.Equal(1, row.Attempts);
        Assert.Equal(start + TimeSpan.FromMinutes(2), row.NextAttemptAt);
        Assert.Equal(0, await _fixture.Dispatcher.RunOnceAsync(CancellationToken.None));
        _publisher.Verify(p => p.PublishAsync(It.IsAny<IReadOnlyList<OutboundEvent>>(), It.IsAny<CancellationToken>()), Times.Once);

        // A long outage: far more failures than MaxAttempts (3 here), and the event is still waiting, not dead.
        for (var i = 0; i < 6; i++)
        {
            _fixture.Time.Advance(TimeSpan.FromMinutes(2));
            await _fixture.Dispatcher.RunOnceAsync(CancellationToken.None);
        }

        var store = await _fixture.StoreAsync();
        Assert.Empty(await store.ListDeadAsync(10, CancellationToken.None));
        Assert.Equal(7, Assert.Single(await PendingAsync()).Attempts);
    }

    [Fact]
    public async Task RunOnceAsync_QueueUnreachableWithoutRetryAfter_WaitsNoLongerThanTheOutageCap()
    {
        _publisher.Setup(p => p.PublishAsync(It.IsAny<IReadOnlyList<OutboundEvent>>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new PublishException("broker down", retryable: true));
        await _fixture.IngestAsync(Mails.Human("anna@shop.example", "Help", "x", "m1@shop.example"));

        for (var i = 0; i < 12; i++)
        {
            var before = _fixture.Time.GetUtcNow();
            await _fixture.Dispatcher.RunOnceAsync(CancellationToken.None);
            var row = Assert.Single(await PendingAsync());
            Assert.InRange(row.NextAttemptAt - before, TimeSpan.Zero, new Triage.Hosting.Outbox.OutboxOptions().MaxOutageDelay);
            _fixture.Time.Advance(new Triage.Hosting.Outbox.OutboxOptions().MaxOutageDelay);
        }
    }

    [Fact]
    public async Task RunOnceAsync_PermanentFailureOfTheWholeBatch_DeadLettersAfterMaxAttempts()
    {
        _publisher.Setup(p => p.PublishAsync(It.IsAny<IReadOnlyList<OutboundEvent>>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new PublishException("access refused", retryable: false));
        await _fixture.IngestAsync(Mails.Human("anna@shop.example", "Help", "x", "m1@shop.example"));

        for (var i = 0; i < 3; i++)
        {
            await _fixture.Dispatcher.RunOnceAsync(CancellationToken.None);
            _fixture.Time.Advance(TimeSpan.FromMinutes(10));
        }

        var store = await _fixture.StoreAsync();
        var dead = Assert.Single(await store.ListDeadAsync(10, CancellationToken.None));
        Assert.Equal(3, dead.Attempts);
        Assert.Equal("access refused", dead.LastError);
        Assert.Empty(await PendingAsync());
    }

    [Fact]
    public async Task RunOnceAsync_PermanentFailureBlamingOneEvent_DeadLettersOnlyThatEvent()
    {
        await _fixture.IngestAsync(
            Mails.Human("anna@shop.example", "One", "x", "m1@shop.example"),
            Mails.Human("bert@shop.example", "Two", "x", "m2@shop.example"));
        var rows = await PendingAsync();
        var blamed = rows[0].EventId;
        _publisher.SetupSequence(p => p.PublishAsync(It.IsAny<IReadOnlyList<OutboundEvent>>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new PublishException("too large", retryable: false, eventId: blamed))
            .Returns(Task.CompletedTask)
            .Returns(Task.CompletedTask);

        await _fixture.Dispatcher.RunOnceAsync(CancellationToken.None);
        var sent = await _fixture.Dispatcher.RunOnceAsync(CancellationToken.None);

        var store = await _fixture.StoreAsync();
        Assert.Equal(blamed, Assert.Single(await store.ListDeadAsync(10, CancellationToken.None)).EventId);
        Assert.Equal(1, sent);
        Assert.True(await store.RequeueAsync(blamed, CancellationToken.None));
        Assert.Equal(1, await _fixture.Dispatcher.RunOnceAsync(CancellationToken.None));
    }

    private async Task<IReadOnlyList<OutboxEntry>> PendingAsync() =>
        await (await _fixture.StoreAsync()).ListOutboxAsync(OutboxStatus.Pending, 100, CancellationToken.None) is var all
            ? [.. all.Where(e => e.Channel == OutboxChannel.Events)]
            : [];
}
