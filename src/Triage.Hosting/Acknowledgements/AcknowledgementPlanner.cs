using Triage.Core.Hygiene;
using Triage.Core.Mail;
using Triage.Core.Tickets;
using Triage.Hosting.Pipeline;
using Triage.Smtp.Messages;

namespace Triage.Hosting.Acknowledgements;

/// <summary>Decides whether a mail that opens a ticket gets an acknowledgement, and renders it.</summary>
public interface IAcknowledgementPlanner
{
    /// <summary>The acknowledgement to queue with the new ticket, or null when the reply policy forbids one.</summary>
    AcknowledgementRequest? Plan(PreparedMail mail);
}

/// <summary>No acknowledgements (<c>Triage:Acknowledgements:Enabled</c> false).</summary>
public sealed class NoAcknowledgements : IAcknowledgementPlanner
{
    public AcknowledgementRequest? Plan(PreparedMail mail) => null;
}

/// <summary>
/// Acknowledgements from the templates in the ticket's language: the ticket number in the subject, RFC 3834 headers
/// (<c>Auto-Submitted: auto-replied</c>, <c>X-Auto-Response-Suppress: All</c>, <c>Precedence: auto_reply</c>) and
/// our loop header, In-Reply-To/References to the customer's mail, and the Message-ID the store chose, which the
/// threader recognises as ours.
/// </summary>
public sealed class AcknowledgementPlanner(AcknowledgementTemplates templates, MessageComposer composer, Mailbox from, HygieneOptions hygiene, IReadOnlyList<SendCap> caps)
    : IAcknowledgementPlanner
{
    public AcknowledgementRequest? Plan(PreparedMail mail)
    {
        ArgumentNullException.ThrowIfNull(mail);
        if (!mail.Hygiene.Reply.Allowed || ReplyPolicy.ReplyAddress(mail.Mail) is not { } recipient || !CanWrite(recipient))
        {
            return null;
        }

        return new AcknowledgementRequest(recipient, (ticket, messageId) => Render(ticket, messageId, recipient, mail.Mail)) { Caps = caps };
    }

    public ReadOnlyMemory<byte> Render(Ticket ticket, string messageId, string recipient, InboundMail answered)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        ArgumentNullException.ThrowIfNull(answered);
        var template = templates.For(ticket.Assessment.Language);
        var values = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["ticket_number"] = ticket.Number,
            ["customer_name"] = string.IsNullOrWhiteSpace(ticket.Customer.Name) ? recipient : ticket.Customer.Name,
            ["subject"] = ticket.Subject,
        };
        return composer.Compose(new OutgoingMessage
        {
            MessageId = messageId,
            From = from,
            To = [new Mailbox(recipient, ticket.Customer.Name)],
            Subject = AcknowledgementTemplates.Fill(template.Subject, values),
            TextBody = AcknowledgementTemplates.Fill(template.Body, values),
            InReplyTo = answered.MessageId,
            References = [.. answered.References, .. answered.MessageId is { } id ? [id] : Array.Empty<string>()],
            Headers =
            [
                new("Auto-Submitted", "auto-replied"),
                new("X-Auto-Response-Suppress", "All"),
                new("Precedence", "auto_reply"),
                new(hygiene.LoopHeader, from.Address),
            ],
        }).Content;
    }

    /// <summary>
    /// Whether the composer can write this address (local@domain, ASCII local part). Checked here, because the message
    /// is rendered inside the store's transaction, where a refusal would fail the customer's whole mail.
    /// </summary>
    private bool CanWrite(string recipient)
    {
        try
        {
            composer.Compose(new OutgoingMessage { From = from, To = [new Mailbox(recipient)], Subject = string.Empty, TextBody = string.Empty });
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
