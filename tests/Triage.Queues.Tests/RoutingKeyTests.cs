using Triage.Core.Ports;

namespace Triage.Queues.Tests;

public sealed class RoutingKeyTests
{
    [Theory]
    [InlineData(EventTypes.TicketCreated, "billing", "ticket.created.billing")]
    [InlineData(EventTypes.TicketUpdated, "Order", "ticket.updated.order")]
    [InlineData(EventTypes.TicketCreated, "bug.report", "ticket.created.bug_report")]
    [InlineData(EventTypes.TicketCreated, "*#", "ticket.created.__")]
    [InlineData(EventTypes.TicketCreated, "betalning-ö", "ticket.created.betalning-_")]
    [InlineData(EventTypes.TicketCreated, " ", "ticket.created.none")]
    public void RoutingKeyFor_Topic_GivesOneSafeSegmentAfterTheEventType(string type, string topic, string expected)
    {
        Assert.Equal(expected, RabbitMqPublisher.RoutingKeyFor(Events.Ticket(1, type, topic)));
    }

    [Fact]
    public void RoutingKeyFor_NoTopicProperty_UsesNone()
    {
        var item = Events.Ticket(1) with { Properties = new Dictionary<string, string>() };

        Assert.Equal("ticket.created.none", RabbitMqPublisher.RoutingKeyFor(item));
    }
}
