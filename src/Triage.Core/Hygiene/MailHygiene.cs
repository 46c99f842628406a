using Triage.Core.Mail;

namespace Triage.Core.Hygiene;

/// <summary>Everything hygiene found out about one mail.</summary>
public sealed record HygieneResult(
    AutomaticMailVerdict Verdict,
    bool SentToNoReply,
    ReplyDecision Reply,
    string NewText,
    string FullText,
    ThreadLinks Links);

/// <summary>The hygiene step: kind of mail, reply policy, no-reply handling, new text and thread links. No I/O.</summary>
public sealed class MailHygiene(HygieneOptions options)
{
    private readonly AutomaticMailDetector _detector = new(options);

    public HygieneOptions Options { get; } = options;

    public HygieneResult Inspect(InboundMail mail, IAcknowledgementRateLimiter? rateLimiter = null, DateTimeOffset? now = null)
    {
        ArgumentNullException.ThrowIfNull(mail);
        var verdict = _detector.Detect(mail);
        var sentToNoReply = mail.To.Concat(mail.Cc).Any(a => Options.NoReplyAddresses.Any(n => string.Equals(n, a.Address, StringComparison.OrdinalIgnoreCase)));
        var reply = ReplyPolicy.Decide(mail, verdict.Kind, Options, rateLimiter, now);
        var fullText = mail.BodyText;
        var source = mail.TextBody ?? mail.HtmlNewText ?? mail.HtmlText ?? string.Empty;
        var newText = ReplyTrimmer.Trim(source).NewText;
        var links = ThreadReferences.Find(mail, newText, Options);
        return new HygieneResult(verdict, sentToNoReply, reply, newText, fullText, links);
    }
}
