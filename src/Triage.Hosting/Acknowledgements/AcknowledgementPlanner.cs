using Triage.Core.Hygiene;
using Triage.Core.Mail;
using Triage.Core.Tickets;
using Triage.Hosting.Pipeline;
using Triage.Hosting.Policies;
using Triage.Smtp.Messages;

namespace Triage.Hosting.Acknowledgements;

/// <summary>Decides whether a mail that opens a ticket gets an acknowledgement, and renders it.</summary>
public interface IAcknowledgementPlanner
{
    /// <summary>
    /// The acknowledgement to queue with the new ticket, or null when the reply policy forbids one.
    /// <paramref name="support"/> adds the on-call, incident, questions and self-help blocks.
    /// </summary>
    AcknowledgementRequest? Plan(PreparedMail mail, SupportJudgement? support);
}

/// <summary>No acknowledgements (<c>Triage:Acknowledgements:Enabled</c> false).</summary>
public sealed class NoAcknowledgements : IAcknowledgementPlanner
{
    public AcknowledgementRequest? Plan(PreparedMail mail, SupportJudgement? support) => null;
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
    public AcknowledgementRequest? Plan(PreparedMail mail, SupportJudgement? support)
    {
        ArgumentNullException.ThrowIfNull(mail);
        if (!mail.Hygiene.Reply.Allowed || ReplyPolicy.ReplyAddress(mail.Mail) is not { } recipient || !CanWrite(recipient))
        {
            return null;
        }

        return new AcknowledgementRequest(recipient, (ticket, messageId) => Render(ticket, messageId, recipient, mail.Mail, support)) { Caps = caps };
    }

    public ReadOnlyMemory<byte> Render(Ticket ticket, string messageId, string recipient, InboundMail answered, SupportJudgement? support = null)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        ArgumentNullException.ThrowIfNull(answered);
        var language = ticket.Assessment.Language;
        var template = templates.For(language);
        var values = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["ticket_number"] = ticket.Number,
            ["customer_name"] = string.IsNullOrWhiteSpace(ticket.Customer.Name) ? recipient : ticket.Customer.Name,
            ["subject"] = ticket.Subject,
        };
        foreach (var (name, fill) in Blocks(support))
        {
            values[name] = fill is null ? string.Empty : AcknowledgementTemplates.Fill(templates.Block(language, name), fill) + "\n\n";
        }

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

    /// <summary>Each block's own placeholder values, or null when the block does not apply.</summary>
    private static IEnumerable<(string Name, Dictionary<string, string>? Values)> Blocks(SupportJudgement? support)
    {
        static Dictionary<string, string>? When(bool applies, string key, Func<string> value) =>
            applies ? new(StringComparer.Ordinal) { [key] = value() } : null;

        yield return ("oncall_block", When(support?.Decision.OnCallPhone is not null, "oncall_phone", () => support!.Decision.OnCallPhone!));
        yield return ("incident_block", When(support?.SelfHelp.Incidents.Count > 0, "incident", () => string.Join(", ", support!.SelfHelp.Incidents.Select(i => i.Title))));
        yield return ("questions_block", When(support?.Questions.AcknowledgedQuestions.Count > 1, "questions", () => Bullets(support!.Questions.AcknowledgedQuestions)));
        yield return ("selfhelp_block", When(support?.SelfHelp.Articles.Count > 0, "articles", () => Bullets(support!.SelfHelp.Articles.Take(3).Select(a => a.Title))));
    }

    private static string Bullets(IEnumerable<string> lines) => string.Join("\n", lines.Select(l => "- " + l));

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
