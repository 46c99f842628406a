namespace Triage.Core.Mail;

/// <summary>A mailbox as written in an address header.</summary>
public sealed record MailAddress(string? Name, string Address);

/// <summary>One header field: name as written, value unfolded and decoded.</summary>
public sealed record MailHeader(string Name, string Value);

/// <summary>A leaf part of the mail as the pipeline needs to know it: no content, only what it is.</summary>
public sealed record MailPart(string ContentType, string? FileName, long Size, bool IsAttachment);

/// <summary>The headers of a message returned inside a bounce (message/rfc822 or text/rfc822-headers).</summary>
public sealed record ReturnedMessage(string? MessageId, string? Subject, IReadOnlyList<string> References, IReadOnlyList<MailAddress> To, IReadOnlyList<MailAddress> From);

/// <summary>
/// An incoming mail as the domain sees it, independent of how it was parsed. Built by an adapter from the MIME parser
/// (or, for tests and <c>inspect --jsonl-in</c>, from a bare text or HTML body).
/// </summary>
public sealed record InboundMail
{
    public required string Id { get; init; }

    public IReadOnlyList<MailHeader> Headers { get; init; } = [];

    public MailAddress? From { get; init; }

    public IReadOnlyList<MailAddress> To { get; init; } = [];

    public IReadOnlyList<MailAddress> Cc { get; init; } = [];

    public IReadOnlyList<MailAddress> ReplyTo { get; init; } = [];

    public string? Subject { get; init; }

    public string? MessageId { get; init; }

    public IReadOnlyList<string> InReplyTo { get; init; } = [];

    public IReadOnlyList<string> References { get; init; } = [];

    public DateTimeOffset? Date { get; init; }

    /// <summary>Root media type, e.g. <c>multipart/report</c>, lower-case.</summary>
    public string ContentType { get; init; } = "text/plain";

    /// <summary>The <c>report-type</c> parameter of a multipart/report, lower-case.</summary>
    public string? ReportType { get; init; }

    /// <summary>The plain-text body, when the mail has one.</summary>
    public string? TextBody { get; init; }

    /// <summary>The HTML body converted to text, quoted blocks prefixed with "&gt; ".</summary>
    public string? HtmlText { get; init; }

    /// <summary>The HTML body converted to text with client quote containers (gmail_quote, divRplyFwdMsg…) removed.</summary>
    public string? HtmlNewText { get; init; }

    public IReadOnlyList<MailPart> Parts { get; init; } = [];

    /// <summary>The text of a message/delivery-status part (RFC 3464), if any.</summary>
    public string? DeliveryStatus { get; init; }

    /// <summary>The text of a message/feedback-report part (RFC 5965), if any.</summary>
    public string? FeedbackReport { get; init; }

    /// <summary>The message a bounce carries back, if it carries one.</summary>
    public ReturnedMessage? Returned { get; init; }

    /// <summary>The first header with this name (case-insensitive), or null.</summary>
    public string? Header(string name)
    {
        foreach (var header in Headers)
        {
            if (string.Equals(header.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return header.Value;
            }
        }

        return null;
    }

    /// <summary>All headers with this name (case-insensitive).</summary>
    public IEnumerable<string> HeaderValues(string name) =>
        Headers.Where(h => string.Equals(h.Name, name, StringComparison.OrdinalIgnoreCase)).Select(h => h.Value);

    /// <summary>The body to read: plain text, else the HTML as text.</summary>
    public string BodyText => TextBody ?? HtmlText ?? string.Empty;
}
