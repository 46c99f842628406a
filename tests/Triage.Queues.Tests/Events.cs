using System.Text;
using Triage.Core.Ports;

namespace Triage.Queues.Tests;

/// <summary>Ticket events as the outbox would hand them over.</summary>
internal static class Events
{
    public static readonly DateTimeOffset Start = new(2025, 3, 14, 9, 26, 53, TimeSpan.Zero);

    public static OutboundEvent Ticket(int number, string type = EventTypes.TicketCreated, string topic = "billing", int bodyPadding = 0)
    {
        var ticketId = $"SUP-{100000 + number}";
        var body = $$"""{"ticket":{"id":"{{ticketId}}","subject":"Faktura {{number}} är fel"},"text":"{{new string('x', bodyPadding)}}"}""";
        return new OutboundEvent
        {
            EventId = $"evt-{number:D6}",
            EventType = type,
            TicketId = ticketId,
            OccurredAt = Start.AddSeconds(number),
            Body = Encoding.UTF8.GetBytes(body),
            Properties = new Dictionary<string, string>
            {
                [EventProperties.Topic] = topic,
                [EventProperties.Language] = "sv",
                [EventProperties.Priority] = "high",
                [EventProperties.Critical] = "true",
                [EventProperties.EventType] = type,
                [EventProperties.Route] = "support-se",
            },
        };
    }

    public static List<OutboundEvent> Tickets(int count, int bodyPadding = 0) =>
        Enumerable.Range(1, count).Select(n => Ticket(n, bodyPadding: bodyPadding)).ToList();
}
