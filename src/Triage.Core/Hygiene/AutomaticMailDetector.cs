using Triage.Core.Hygiene.Automatic;
using Triage.Core.Mail;

namespace Triage.Core.Hygiene;

/// <summary>What kind of sender a mail came from, with the evidence.</summary>
public sealed record AutomaticMailVerdict(
    MailKind Kind,
    bool OutOfOffice,
    IReadOnlyList<string> BouncedRecipients,
    string? ReturnedMessageId,
    string? ReturnedSubject,
    IReadOnlyList<string> Signals);

/// <summary>
/// Tells human mail from robots' mail so that no ticket is opened for a robot and no mail loop starts. Report
/// structure (RFC 3464, RFC 5965) and headers (RFC 3834, list and vendor headers) decide first; subject and body words
/// only decide together with a structural hint or as an unmistakable subject prefix, so that a person writing
/// "I'll be out of office next week" stays human.
/// </summary>
public sealed class AutomaticMailDetector(HygieneOptions options)
{
    /// <summary>How much of a body is searched for words: responders and MTAs say what they are at the top.</summary>
    private const int CueWindow = 4 * 1024;

    public HygieneOptions Options { get; } = options;

    public AutomaticMailVerdict Detect(InboundMail mail)
    {
        ArgumentNullException.ThrowIfNull(mail);
        var signals = new List<string>();
        var headers = HeaderEvidence.Read(mail, Options.LoopHeader);
        var body = mail.TextBody ?? mail.HtmlText ?? string.Empty;
        var top = body.AsSpan(0, Math.Min(body.Length, CueWindow));
        var subject = mail.Subject?.Trim() ?? string.Empty;

        if (mail.FeedbackReport is not null || IsReportType(mail, "feedback-report"))
        {
            signals.Add(mail.FeedbackReport is not null ? "message/feedback-report" : "report-type=feedback-report");
            return new(MailKind.FeedbackReport, false, [], mail.Returned?.MessageId, mail.Returned?.Subject, signals);
        }

        if (IsBounce(mail, headers, subject, top, signals))
        {
            return Bounce(mail, headers, body, signals);
        }

        if (IsSystem(mail, headers, signals))
        {
            return new(MailKind.System, false, [], null, null, signals);
        }

        var kind = AutomaticKind(mail, headers, subject, top, signals);
        if (kind is null)
        {
            return new(MailKind.Human, false, [], null, null, signals);
        }

        var outOfOffice = kind == MailKind.AutoReply && !IsReportType(mail, "disposition-notification") && IsOutOfOffice(subject, top, signals);
        return new(kind.Value, outOfOffice, [], null, null, signals);
    }

    private bool IsBounce(InboundMail mail, HeaderEvidence headers, string subject, ReadOnlySpan<char> top, List<string> signals)
    {
        if (mail.DeliveryStatus is not null || IsReportType(mail, "delivery-status"))
        {
            signals.Add(mail.DeliveryStatus is not null ? "message/delivery-status" : "report-type=delivery-status");
            return true;
        }

        if (headers.FailedRecipients is not null)
        {
            signals.Add("X-Failed-Recipients");
            return true;
        }

        if (headers.ExchangeNdr)
        {
            signals.Add("X-MS-Exchange-Message-Is-Ndr");
            return true;
        }

        // Mailer daemons and postmaster (RFC 5321 §4.5.1: the mail system's own role address) write only reports.
        var sender = Senders.Classify(mail.From);
        if (sender != SenderRole.Other)
        {
            signals.Add("sender: " + (mail.From?.Address is { Length: > 0 } address ? address : mail.From?.Name));
            return true;
        }

        var subjectCue = Senders.LooksLikeReplyOrForward(subject) ? null : Cues.BounceSubject.Find(subject);
        var robotSender = mail.From is { } from && ReplyPolicy.IsRobotAddress(from.Address);
        var automaticSender = headers.NullReturnPath || headers.DaemonReturnPath || robotSender;
        if (!automaticSender && subjectCue is null)
        {
            // Nothing below can hold without one of these; spares the body scan for ordinary mail.
            return false;
        }

        var bodyCue = Cues.BounceBody.Find(top);
        if (automaticSender && (subjectCue is not null || bodyCue is not null))
        {
            signals.Add(robotSender ? "robot sender: " + mail.From!.Address : headers.NullReturnPath ? "Return-Path: <>" : "Return-Path: MAILER-DAEMON");
            AddCues(signals, subjectCue, bodyCue);
            return true;
        }

        // A robot we do not know by name: the subject (not a reply or forward) and the body must both name a failure,
        // the body must not open like a letter, and the mail must have a report's layout: Auto-Submitted, an SMTP
        // status, the returned message (quoted as text, or attached without a file name as MTAs do, or ours), or the
        // failed addresses listed one per line. A customer who forwards a bounce writes "Fwd:" or greets us.
        if (subjectCue is not null && bodyCue is not null && !Cues.OpensWithGreeting(top)
            && (headers.AutoSubmitted is not null || SmtpStatus.Contains(top) || BounceTextReader.QuotesReturnedHeaders(top)
                || ReturnsOurMessage(mail) || AttachesUnnamedMessage(mail) || BounceTextReader.ListsAddressLine(top)))
        {
            AddCues(signals, subjectCue, bodyCue);
            return true;
        }

        return false;
    }

    private static bool AttachesUnnamedMessage(InboundMail mail) =>
        mail.Returned is not null && mail.Parts.Any(p => p.ContentType is "message/rfc822" or "text/rfc822-headers" && p.FileName is null);

    private bool ReturnsOurMessage(InboundMail mail) =>
        mail.Returned is { } returned
        && (returned.From.Any(a => ReplyPolicy.IsOwnAddress(a.Address, Options)) || (returned.MessageId is { } id && IsOwnDomain(MessageIdDomain(id))));

    private AutomaticMailVerdict Bounce(InboundMail mail, HeaderEvidence headers, string body, List<string> signals)
    {
        var recipients = new List<string>();
        if (mail.DeliveryStatus is not null)
        {
            recipients = DeliveryStatusReader.FailedRecipients(mail.DeliveryStatus);
            if (recipients.Count > 0)
            {
                signals.Add("DSN Final-Recipient");
            }
        }

        if (recipients.Count == 0 && headers.FailedRecipients is not null)
        {
            foreach (var address in AddressScanner.Find(headers.FailedRecipients, 0, headers.FailedRecipients.Length))
            {
                AddOnce(recipients, address);
            }
        }

        if (recipients.Count == 0)
        {
            var excluded = ExcludedAddresses(mail, headers);
            recipients = BounceTextReader.Recipients(body, mail.Returned?.To.Select(a => a.Address) ?? [], excluded.Contains);
            if (recipients.Count > 0)
            {
                signals.Add("report text recipients");
            }
        }

        var returnedId = mail.Returned?.MessageId ?? BounceTextReader.ReturnedMessageId(body);
        return new(MailKind.Bounce, false, recipients, returnedId, mail.Returned?.Subject, signals);
    }

    /// <summary>Addresses in a bounce that are never the failed recipient: the bounce's own parties and ours.</summary>
    private HashSet<string> ExcludedAddresses(InboundMail mail, HeaderEvidence headers)
    {
        var excluded = new HashSet<string>(Options.OwnAddresses, StringComparer.OrdinalIgnoreCase);
        excluded.UnionWith(Options.NoReplyAddresses);
        foreach (var address in mail.To.Concat(mail.Cc).Concat(mail.ReplyTo))
        {
            excluded.Add(address.Address);
        }

        if (mail.From is not null)
        {
            excluded.Add(mail.From.Address);
        }

        if (headers.ReturnPath is { } returnPath && AddressScanner.FromField(returnPath) is { } envelope)
        {
            excluded.Add(envelope);
        }

        return excluded;
    }

    private bool IsSystem(InboundMail mail, HeaderEvidence headers, List<string> signals)
    {
        if (headers.OwnLoopHeader)
        {
            signals.Add(Options.LoopHeader);
            return true;
        }

        if (mail.From is { } from && ReplyPolicy.IsOwnAddress(from.Address, Options))
        {
            signals.Add("own sender address");
            return true;
        }

        if (mail.MessageId is { } id && IsOwnDomain(MessageIdDomain(id)))
        {
            signals.Add("own Message-ID domain");
            return true;
        }

        return false;
    }

    private MailKind? AutomaticKind(InboundMail mail, HeaderEvidence headers, string subject, ReadOnlySpan<char> top, List<string> signals)
    {
        if (headers.AutoSubmitted is { } autoSubmitted)
        {
            signals.Add("Auto-Submitted: " + autoSubmitted);

            // Newsletters and notification mailings mark themselves auto-generated as well; their list headers say which.
            if (headers.ListHeader is { } list && !autoSubmitted.Equals("auto-replied", StringComparison.OrdinalIgnoreCase))
            {
                signals.Add(list);
                return MailKind.List;
            }

            return MailKind.AutoReply;
        }

        if (headers.AutoReplyHeader is { } autoReply)
        {
            signals.Add(autoReply);
            return MailKind.AutoReply;
        }

        if (IsReportType(mail, "disposition-notification"))
        {
            signals.Add("report-type=disposition-notification");
            return MailKind.AutoReply;
        }

        if (headers.Precedence == "auto_reply")
        {
            signals.Add("Precedence: auto_reply");
            return MailKind.AutoReply;
        }

        if (headers.InboxRulesLoop && headers.SuppressesAll)
        {
            signals.Add("X-MS-Exchange-Inbox-Rules-Loop with X-Auto-Response-Suppress: All");
            return MailKind.AutoReply;
        }

        if (headers.XLoop)
        {
            signals.Add("X-Loop");
            return MailKind.AutoReply;
        }

        var prefix = SubjectPrefix(subject);
        if (headers.ListHeader is not null || headers.Precedence is not null)
        {
            // vacation(1) and some responders mark their replies Precedence: junk/bulk; the words tell them from newsletters.
            if (headers.ListHeader is null && (prefix is not null || Cues.OutOfOfficeBody.Find(top) is not null || Cues.AutoReplyBody.Find(top) is not null))
            {
                signals.Add("Precedence: " + headers.Precedence);
                signals.Add(prefix is null ? "body cue" : "subject cue: " + prefix);
                return MailKind.AutoReply;
            }

            signals.Add(headers.ListHeader ?? "Precedence: " + headers.Precedence);
            return MailKind.List;
        }

        if (prefix is not null)
        {
            signals.Add("subject cue: " + prefix);
            return MailKind.AutoReply;
        }

        if (headers.NullReturnPath || headers.DaemonReturnPath)
        {
            signals.Add("Return-Path: <>");
            return MailKind.AutoReply;
        }

        // A responder that names itself in front of the subject it answers ("Name - vacation response RE: …", "Out of
        // office [#SUP-100300] …") and says so in the body as well. A person's own reply or forward never counts, nor a
        // subject that merely talks about out-of-office ("How do I set an out of office reply?").
        if (!Senders.LooksLikeReplyOrForward(subject) && Cues.OutOfOfficeInSubject.Find(subject) is { } inSubject
            && EmbedsAnsweredSubject(subject.AsSpan(subject.IndexOf(inSubject, StringComparison.OrdinalIgnoreCase) + inSubject.Length))
            && (Cues.OutOfOfficeBody.Find(top) ?? Cues.AutoReplyBody.Find(top)) is { } inBody)
        {
            signals.Add("subject cue: " + inSubject);
            signals.Add("body cue: " + inBody);
            return MailKind.AutoReply;
        }

        return null;
    }

    private bool EmbedsAnsweredSubject(ReadOnlySpan<char> rest) =>
        Senders.ContainsReplyPrefix(rest) || Options.TicketReference.IsMatch(rest);

    /// <summary>An auto-reply or out-of-office prefix opening the subject: "Autosvar:", "[Out of Office]", "Poissa".</summary>
    private static string? SubjectPrefix(string subject)
    {
        var text = subject.AsSpan();
        var bracketed = text.Length > 0 && text[0] is '[' or '(';
        if (bracketed)
        {
            text = text[1..].TrimStart();
        }

        var phrase = Cues.AutoReplyPrefixes.PhraseAt(text) ?? Cues.OutOfOfficePrefixes.PhraseAt(text);
        if (phrase is null)
        {
            return null;
        }

        var rest = text[phrase.Length..].TrimStart();
        var closed = rest.IsEmpty || rest[0] is ':' or '：' || (bracketed && rest[0] is ']' or ')');
        return closed ? phrase : null;
    }

    private static bool IsOutOfOffice(string subject, ReadOnlySpan<char> top, List<string> signals)
    {
        var cue = Cues.OutOfOfficePrefixes.PhraseAt(subject.AsSpan().TrimStart("[( ")) is { } prefix ? prefix
            : Cues.OutOfOfficeInSubject.Find(subject) is { } inSubject && Cues.AutoReplyPrefixes.PhraseAt(subject) is null ? inSubject
            : Cues.OutOfOfficeBody.Find(top);
        if (cue is not null)
        {
            signals.Add("out-of-office cue: " + cue);
        }

        return cue is not null;
    }

    private bool IsOwnDomain(ReadOnlySpan<char> domain)
    {
        foreach (var own in Options.OwnDomains)
        {
            if (domain.Equals(own, StringComparison.OrdinalIgnoreCase)
                || (domain.Length > own.Length && domain[^(own.Length + 1)] == '.' && domain.EndsWith(own, StringComparison.OrdinalIgnoreCase)))
            {
                return true;
            }
        }

        return false;
    }

    private static ReadOnlySpan<char> MessageIdDomain(string messageId)
    {
        var at = messageId.LastIndexOf('@');
        return at < 0 ? [] : messageId.AsSpan(at + 1).TrimEnd("> \t");
    }

    private static bool IsReportType(InboundMail mail, string type) => string.Equals(mail.ReportType, type, StringComparison.OrdinalIgnoreCase);

    private static void AddCues(List<string> signals, string? subjectCue, string? bodyCue)
    {
        if (subjectCue is not null)
        {
            signals.Add("subject cue: " + subjectCue);
        }

        if (bodyCue is not null)
        {
            signals.Add("body cue: " + bodyCue);
        }
    }

    private static void AddOnce(List<string> addresses, string address)
    {
        if (!addresses.Exists(a => string.Equals(a, address, StringComparison.OrdinalIgnoreCase)))
        {
            addresses.Add(address);
        }
    }
}
