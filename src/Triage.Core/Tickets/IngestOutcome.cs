using Triage.Core.Hygiene;
using Triage.Core.Mail;
using Triage.Core.Policies;

namespace Triage.Core.Tickets;

/// <summary>An attachment as the ticket event reports it; <see cref="Sha256"/> is lower-case hex of the decoded content.</summary>
public sealed record TicketAttachment(string Name, string ContentType, long Size, string Sha256);

/// <summary>A per-recipient limit on acknowledgements: at most <see cref="Max"/> in each fixed window of <see cref="Window"/>.</summary>
public sealed record SendCap(TimeSpan Window, int Max)
{
    /// <summary>10 in 10 minutes and 30 in an hour.</summary>
    public static IReadOnlyList<SendCap> Defaults { get; } = [new(TimeSpan.FromMinutes(10), 10), new(TimeSpan.FromHours(1), 30)];
}

/// <summary>Renders the acknowledgement of a new ticket: the complete RFC 5322 message carrying <paramref name="messageId"/>.</summary>
public delegate ReadOnlyMemory<byte> AcknowledgementRenderer(Ticket ticket, string messageId);

/// <summary>Asks for an acknowledgement of the new ticket, sent through the outbox unless a cap says no.</summary>
public sealed record AcknowledgementRequest(string Recipient, AcknowledgementRenderer Render)
{
    public IReadOnlyList<SendCap> Caps { get; init; } = SendCap.Defaults;
}

/// <summary>
/// Everything one processed mail causes, handed to the store in one piece so it is written in one transaction: the
/// threading decision, what the mail says and how it was classified, and an optional acknowledgement.
/// </summary>
public sealed record IngestOutcome
{
    /// <summary>The stored raw message's key (returned when it was stored).</summary>
    public required string MessageKey { get; init; }

    public required ThreadingDecision Decision { get; init; }

    public required MailKind Kind { get; init; }

    /// <summary>The mail's Message-ID without angle brackets.</summary>
    public string? MessageId { get; init; }

    /// <summary>In-Reply-To then References, without repeats.</summary>
    public IReadOnlyList<string> ThreadMessageIds { get; init; } = [];

    /// <summary>Whom a new ticket belongs to: Reply-To when given, else From. The address may be empty when the mail has neither.</summary>
    public required MailAddress Customer { get; init; }

    /// <summary>Further people on the mail who may follow up (From, Reply-To, To, Cc; never our own or robot addresses).</summary>
    public IReadOnlyList<string> Participants { get; init; } = [];

    /// <summary>The subject without reply prefixes and ticket references.</summary>
    public string Subject { get; init; } = string.Empty;

    public string NewText { get; init; } = string.Empty;

    public TicketAssessment Assessment { get; init; } = TicketAssessment.Unknown;

    public IReadOnlyList<TicketAttachment> Attachments { get; init; } = [];

    public required DateTimeOffset ReceivedAt { get; init; }

    /// <summary>Only for <see cref="ThreadingAction.OpenTicket"/>.</summary>
    public AcknowledgementRequest? Acknowledgement { get; init; }

    /// <summary>What the support policies made of a mail that opens a ticket; null when none judged it.</summary>
    public TicketSupport? Support { get; init; }

    /// <summary>
    /// <c>ResendRule.TextHash</c> of <see cref="NewText"/>, kept with a new ticket so the same text sent again while it
    /// is open joins it; empty for none.
    /// </summary>
    public string OpeningTextHash { get; init; } = string.Empty;

    /// <summary>
    /// Only for <see cref="ThreadingAction.OpenTicket"/>: one linked child ticket to open per question, in the same
    /// transaction as the parent, which keeps the mail. Each child's id comes from <see cref="ChildTicketPlan.OpeningKey"/>.
    /// </summary>
    public IReadOnlyList<ChildTicketPlan> ChildTickets { get; init; } = [];

    /// <summary>
    /// What opening <paramref name="child"/> of this mail's ticket amounts to: the child's opening key for a message
    /// key, its subject, its one question as the text, and neither acknowledgement, children nor opening-text hash
    /// (a resend joins the parent).
    /// </summary>
    public IngestOutcome ForChild(ChildTicketPlan child)
    {
        ArgumentNullException.ThrowIfNull(child);
        return this with
        {
            MessageKey = child.OpeningKey(MessageKey),
            Subject = child.Subject,
            NewText = child.Question,
            Assessment = Assessment with { MultiQuestion = false, Questions = [child.Question] },
            Acknowledgement = null,
            ChildTickets = [],
            OpeningTextHash = string.Empty,
        };
    }

    /// <summary>The outcome of a parsed, inspected and threaded mail; the caller adds assessment, attachments and acknowledgement.</summary>
    public static IngestOutcome Create(string messageKey, InboundMail mail, HygieneResult hygiene, ThreadingDecision decision, DateTimeOffset receivedAt, HygieneOptions options)
    {
        ArgumentNullException.ThrowIfNull(mail);
        ArgumentNullException.ThrowIfNull(hygiene);
        ArgumentNullException.ThrowIfNull(options);
        var people = new[] { mail.From }.OfType<MailAddress>().Concat(mail.ReplyTo).Concat(mail.To).Concat(mail.Cc).ToList();
        var replyTo = ReplyPolicy.ReplyAddress(mail);
        var customer = people.Find(a => a.Address == replyTo) ?? new MailAddress(null, string.Empty);
        return new IngestOutcome
        {
            MessageKey = messageKey,
            Decision = decision,
            Kind = hygiene.Verdict.Kind,
            MessageId = mail.MessageId,
            ThreadMessageIds = [.. hygiene.Links.InReplyTo.Concat(hygiene.Links.References).Distinct(StringComparer.Ordinal)],
            Customer = customer,
            Participants =
            [
                .. people.Select(a => a.Address)
                    .Where(a => a.Contains('@', StringComparison.Ordinal) && !ReplyPolicy.IsRobotAddress(a) && !ReplyPolicy.IsOwnAddress(a, options))
                    .Distinct(StringComparer.OrdinalIgnoreCase),
            ],
            Subject = hygiene.Links.NormalizedSubject,
            NewText = hygiene.NewText,
            ReceivedAt = receivedAt,
        };
    }
}

/// <summary>A knowledge-base article suggested for a ticket, as the event reports it.</summary>
public sealed record KbSuggestionRef(string Id, string Title, double Score);

/// <summary>A known incident a ticket matches.</summary>
public sealed record IncidentRef(string Id, string Title);

/// <summary>
/// The support-policy fields of a new ticket, in wire form: priority <c>P1</c>…<c>P4</c>, route <c>oncall</c> or
/// <c>normal</c>, the first-response due time, the customer's account, the fair-use flag, self-help suggestions,
/// matched incidents, the questions to list back and the customer's other open tickets.
/// </summary>
public sealed record TicketSupport(string Priority, string Route, bool Urgent, DateTimeOffset DueAt, string? AccountId, bool FairUseExceeded)
{
    public IReadOnlyList<KbSuggestionRef> KbSuggestions { get; init; } = [];

    public IReadOnlyList<IncidentRef> Incidents { get; init; } = [];

    /// <summary>The numbers of the customer's other tickets that are not closed, oldest first.</summary>
    public IReadOnlyList<string> CustomerOpenTickets { get; init; } = [];
}
