namespace Triage.Core.Tickets;

/// <summary>What threading needs to know about existing tickets; the store implements it.</summary>
public interface ITicketLookup
{
    /// <summary>The ticket with this number (case-insensitive), or null.</summary>
    Task<Ticket?> FindByNumberAsync(string number, CancellationToken cancellationToken);

    /// <summary>The ticket a stored message with this Message-ID (without angle brackets) belongs to, or null.</summary>
    Task<Ticket?> FindByMessageIdAsync(string messageId, CancellationToken cancellationToken);
}
