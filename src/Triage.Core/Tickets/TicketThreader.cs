using Triage.Core.Hygiene;
using Triage.Core.Mail;

namespace Triage.Core.Tickets;

public enum ThreadingAction
{
    /// <summary>A human mail that threads nowhere: a new ticket.</summary>
    OpenTicket,

    /// <summary>A human mail joining <see cref="ThreadingDecision.Ticket"/>; it reopens the ticket.</summary>
    FollowUp,

    /// <summary>Automatic mail about <see cref="ThreadingDecision.Ticket"/>, kept as a note; the ticket is not touched.</summary>
    Note,

    /// <summary>Kept as a message only: automatic mail about no ticket, or mail the no-reply policy only notifies about.</summary>
    StoreOnly,
}

/// <summary>Where a mail goes, and why (for logs and <c>triage tickets</c>).</summary>
public sealed record ThreadingDecision(ThreadingAction Action, Ticket? Ticket, string Reason);

/// <summary>
/// Decides whether an incoming mail joins an existing ticket. A mail joins when In-Reply-To, References or a bounce's
/// returned Message-ID name a stored message or one of our acknowledgements, or when its subject or body carries a
/// ticket reference and it comes from an address on that ticket (a stranger quoting a number opens a ticket of their
/// own). Automatic mail never opens or reopens a ticket.
/// </summary>
public sealed class TicketThreader(AcknowledgementIds acknowledgementIds, HygieneOptions options)
{
    /// <summary>Long References chains are looked up newest first and only this far back.</summary>
    public const int MaxHeaderLookups = 20;

    public async Task<ThreadingDecision> DecideAsync(InboundMail mail, HygieneResult hygiene, ITicketLookup lookup, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(mail);
        ArgumentNullException.ThrowIfNull(hygiene);
        ArgumentNullException.ThrowIfNull(lookup);
        var byHeader = await FindByHeadersAsync(mail, hygiene, lookup, cancellationToken).ConfigureAwait(false);
        var byReference = byHeader is null && ReferenceOf(hygiene) is { } number
            ? await lookup.FindByNumberAsync(number, cancellationToken).ConfigureAwait(false)
            : null;
        return Decide(mail, hygiene, byHeader, byReference);
    }

    private ThreadingDecision Decide(InboundMail mail, HygieneResult hygiene, Ticket? byHeader, Ticket? byReference)
    {
        var automatic = hygiene.Verdict.Kind.IsAutomatic();
        var (ticket, why) = byHeader is not null
            ? (byHeader, $"In-Reply-To/References name a message of {byHeader.Number}")
            : byReference is not null && MayReference(mail, hygiene, byReference)
                ? (byReference, $"reference {byReference.Number} from an address on the ticket")
                : ((Ticket?)null, string.Empty);
        if (ticket is not null)
        {
            return automatic
                ? new(ThreadingAction.Note, ticket, $"{hygiene.Verdict.Kind.ToWireName()} about {ticket.Number}: {why}")
                : new(ThreadingAction.FollowUp, ticket, why);
        }

        var stranger = byReference is not null ? $"reference {byReference.Number} from a sender not on the ticket; " : string.Empty;
        if (automatic)
        {
            return new(ThreadingAction.StoreOnly, null, $"{stranger}{hygiene.Verdict.Kind.ToWireName()} about no ticket");
        }

        return hygiene.SentToNoReply && options.NoReplyPolicy == NoReplyPolicy.NotifyOnly
            ? new(ThreadingAction.StoreOnly, null, stranger + "sent to a no-reply address (notify only)")
            : new(ThreadingAction.OpenTicket, null, stranger + "new ticket");
    }

    // A bounce names its ticket in the returned message's subject rather than its own.
    private string? ReferenceOf(HygieneResult hygiene) =>
        hygiene.Links.TicketRef
        ?? (hygiene.Verdict.ReturnedSubject is { } returned && options.TicketReference.Match(returned) is { Success: true } match
            ? match.Groups[1].Value.ToUpperInvariant()
            : null);

    // A bounce comes from the MTA, not the customer, so a failed recipient on the ticket counts as well.
    private static bool MayReference(InboundMail mail, HygieneResult hygiene, Ticket ticket) =>
        ticket.HasAddress(mail.From?.Address) || hygiene.Verdict.BouncedRecipients.Any(ticket.HasAddress);

    private async Task<Ticket?> FindByHeadersAsync(InboundMail mail, HygieneResult hygiene, ITicketLookup lookup, CancellationToken cancellationToken)
    {
        IEnumerable<string?> ids = [.. hygiene.Links.InReplyTo, .. hygiene.Links.References.Reverse(), hygiene.Verdict.ReturnedMessageId];
        foreach (var id in ids.OfType<string>().Where(i => i.Length > 0 && i != mail.MessageId).Distinct(StringComparer.Ordinal).Take(MaxHeaderLookups))
        {
            var ticket = acknowledgementIds.TicketNumberOf(id) is { } number
                ? await lookup.FindByNumberAsync(number, cancellationToken).ConfigureAwait(false)
                : await lookup.FindByMessageIdAsync(id, cancellationToken).ConfigureAwait(false);
            if (ticket is not null)
            {
                return ticket;
            }
        }

        return null;
    }
}
