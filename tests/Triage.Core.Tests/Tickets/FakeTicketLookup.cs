using Triage.Core.Mail;
using Triage.Core.Tickets;

namespace Triage.Core.Tests.Tickets;

/// <summary>Tickets in memory, found by number and by the Message-IDs of their stored messages.</summary>
internal sealed class FakeTicketLookup : ITicketLookup
{
    private readonly List<(Ticket Ticket, string[] MessageIds)> _tickets = [];

    public static Ticket Ticket(string number, string customer, params string[] others) => new()
    {
        Id = "id-" + number,
        Number = number,
        Customer = new MailAddress(null, customer),
        Subject = "Kassan startar inte",
        Addresses = [customer, .. others],
        CreatedAt = DateTimeOffset.UnixEpoch,
        UpdatedAt = DateTimeOffset.UnixEpoch,
    };

    public FakeTicketLookup Add(Ticket ticket, params string[] messageIds)
    {
        _tickets.Add((ticket, messageIds));
        return this;
    }

    public Task<Ticket?> FindByNumberAsync(string number, CancellationToken cancellationToken) =>
        Task.FromResult<Ticket?>(_tickets.Find(t => string.Equals(t.Ticket.Number, number, StringComparison.OrdinalIgnoreCase)).Ticket);

    public Task<Ticket?> FindByMessageIdAsync(string messageId, CancellationToken cancellationToken) =>
        Task.FromResult<Ticket?>(_tickets.Find(t => t.MessageIds.Contains(messageId)).Ticket);
}
