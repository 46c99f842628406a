using Triage.Core.Mail;
using Triage.Mime;
using Triage.Mime.Html;

namespace Triage.Hosting.Mail;

/// <summary>Builds the domain's <see cref="InboundMail"/> from what the MIME parser read.</summary>
public static class MimeMailAdapter
{
    public static InboundMail FromRaw(string id, ReadOnlyMemory<byte> raw) => FromMessage(id, MimeParser.Parse(raw));

    public static InboundMail FromMessage(string id, MimeMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var (htmlText, htmlNewText) = HtmlTexts(message.HtmlBody);
        var (deliveryStatus, feedbackReport, returned) = ReportParts(message);
        return new InboundMail
        {
            Id = id,
            Headers = [.. message.Headers.Select(h => new MailHeader(h.Name, h.Value))],
            From = message.From.Count > 0 ? ToDomain(message.From[0]) : null,
            To = [.. message.To.Select(ToDomain)],
            Cc = [.. message.Cc.Select(ToDomain)],
            ReplyTo = [.. message.ReplyTo.Select(ToDomain)],
            Subject = message.Subject,
            MessageId = message.MessageId,
            InReplyTo = message.InReplyTo,
            References = message.References,
            Date = message.Date,
            ContentType = message.Root.ContentType.MimeType,
            ReportType = message.Root.ContentType.Parameters.TryGetValue("report-type", out var reportType) ? reportType.ToLowerInvariant() : null,
            TextBody = message.TextBody,
            HtmlText = htmlText,
            HtmlNewText = htmlNewText,
            Parts = [.. Leaves(message).Select(p => new MailPart(p.Part.ContentType.MimeType, p.Part.FileName, p.Part.DecodedLength, p.IsAttachment))],
            DeliveryStatus = deliveryStatus,
            FeedbackReport = feedbackReport,
            Returned = returned,
        };
    }

    /// <summary>A bare body, as <c>inspect --jsonl-in</c> gives it: plain text or HTML.</summary>
    public static InboundMail FromBody(string id, string? text, string? html)
    {
        var (htmlText, htmlNewText) = HtmlTexts(html);
        return new InboundMail
        {
            Id = id,
            TextBody = text,
            HtmlText = htmlText,
            HtmlNewText = htmlNewText,
            ContentType = html is null ? "text/plain" : "text/html",
        };
    }

    private static (string? Full, string? WithoutQuotes) HtmlTexts(string? html) =>
        html is null ? (null, null) : HtmlToText.ConvertWithAndWithoutQuotes(html);

    private static MailAddress ToDomain(MailboxAddress a) => new(a.Name, a.Address);

    private static IEnumerable<(MimeEntity Part, bool IsAttachment)> Leaves(MimeMessage message)
    {
        var attachments = message.Body.Attachments.ToHashSet();
        foreach (var part in message.Root.IsMultipart ? Flatten(message.Root) : [message.Root])
        {
            yield return (part, attachments.Contains(part));
        }
    }

    // Leaves of this message only: an embedded message counts as one part, its inside is not ours.
    private static IEnumerable<MimeEntity> Flatten(MimeEntity entity)
    {
        var stack = new Stack<MimeEntity>();
        stack.Push(entity);
        while (stack.Count > 0)
        {
            var e = stack.Pop();
            if (!e.IsMultipart)
            {
                yield return e;
                continue;
            }

            for (var i = e.Children.Count - 1; i >= 0; i--)
            {
                stack.Push(e.Children[i]);
            }
        }
    }

    private static (string? DeliveryStatus, string? FeedbackReport, ReturnedMessage? Returned) ReportParts(MimeMessage message)
    {
        string? deliveryStatus = null, feedbackReport = null;
        ReturnedMessage? returned = null;
        foreach (var part in message.Root.IsMultipart ? Flatten(message.Root) : [])
        {
            var type = part.ContentType;
            if (type.MediaType == "message" && type.MediaSubtype is "delivery-status" or "global-delivery-status")
            {
                deliveryStatus ??= part.GetText();
            }
            else if (type.Is("message", "feedback-report"))
            {
                feedbackReport ??= part.GetText();
            }
            else if (returned is null && part.EmbeddedMessage is { } inner)
            {
                returned = Returned(inner);
            }
            else if (returned is null && type.Is("text", "rfc822-headers"))
            {
                returned = Returned(MimeParser.Parse(part.GetDecodedContent()));
            }
        }

        return (deliveryStatus, feedbackReport, returned);
    }

    private static ReturnedMessage Returned(MimeMessage inner) =>
        new(inner.MessageId, inner.Subject, inner.References, [.. inner.To.Select(ToDomain)], [.. inner.From.Select(ToDomain)]);
}
