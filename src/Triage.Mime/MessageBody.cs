using System.Text;

namespace Triage.Mime;

/// <summary>
/// Body parts and attachments as RFC 8621 §4.1.4 (JMAP) chooses them, in the variant mail servers use:
/// a non-text leaf is always an attachment, a text part not taken into a body list is an attachment,
/// and "inline" looks at the Content-Type name parameter.
/// </summary>
public sealed class MessageBody
{
    private MessageBody(List<MimeEntity> text, List<MimeEntity> html, List<MimeEntity> attachments)
    {
        TextParts = text;
        HtmlParts = html;
        Attachments = attachments;
    }

    /// <summary>Parts to show as plain text (may include HTML or images when no plain alternative exists).</summary>
    public IReadOnlyList<MimeEntity> TextParts { get; }

    /// <summary>Parts to show as HTML (may include plain text or images when no HTML alternative exists).</summary>
    public IReadOnlyList<MimeEntity> HtmlParts { get; }

    /// <summary>Attachments, inline images and embedded messages included.</summary>
    public IReadOnlyList<MimeEntity> Attachments { get; }

    public bool HasHtml => HtmlParts.Any(p => p.ContentType.Is("text", "html"));

    /// <summary>Inline text/plain body parts joined by a newline; null when there are none.</summary>
    public string? GetPlainText() => Join(TextParts, "plain");

    /// <summary>Inline text/html body parts joined by a newline; null when there are none.</summary>
    public string? GetHtml() => Join(HtmlParts, "html");

    private static string? Join(IReadOnlyList<MimeEntity> parts, string subtype)
    {
        string? single = null;
        StringBuilder? joined = null;
        foreach (var part in parts)
        {
            if (!part.ContentType.Is("text", subtype))
            {
                continue;
            }

            var text = part.GetText();
            if (single is null)
            {
                single = text;
            }
            else
            {
                joined ??= new StringBuilder(single);
                joined.Append('\n').Append(text);
            }
        }

        return joined?.ToString() ?? single;
    }

    internal static MessageBody Classify(MimeEntity root)
    {
        var text = new List<MimeEntity>();
        var html = new List<MimeEntity>();
        var attachments = new List<MimeEntity>();
        if (root.IsMultipart)
        {
            var subtype = root.ContentType.MediaSubtype;
            Walk(root.Children, subtype, subtype == "alternative", needText: true, needHtml: true, text, html, attachments);
        }
        else
        {
            Walk([root], "message", false, needText: true, needHtml: true, text, html, attachments);
        }

        return new MessageBody(text, html, attachments);
    }

    private enum Kind
    {
        Multipart,
        Plain,
        Html,
        OtherText,
        Media,
        Message,
        Other,
    }

    private static Kind KindOf(MimeEntity part)
    {
        var ct = part.ContentType;
        if (ct.IsMultipart)
        {
            // A multipart we could not open (no boundary, too deep) is shown as text, never as a body.
            return part.IsMultipart ? Kind.Multipart : Kind.OtherText;
        }

        return ct.MediaType switch
        {
            "text" => ct.MediaSubtype switch { "plain" => Kind.Plain, "html" => Kind.Html, _ => Kind.OtherText },
            "image" or "audio" or "video" => Kind.Media,
            "message" when ct.MediaSubtype is "rfc822" or "global" => Kind.Message,
            _ => Kind.Other,
        };
    }

    // Iterative over siblings, recursive over nesting; nesting is bounded by MimeParserOptions.MaxDepth.
    private static void Walk(
        IReadOnlyList<MimeEntity> parts, string multipartType, bool inAlternative, bool needText, bool needHtml,
        List<MimeEntity> text, List<MimeEntity> html, List<MimeEntity> attachments)
    {
        var textStart = text.Count;
        var htmlStart = html.Count;
        for (var i = 0; i < parts.Count; i++)
        {
            var part = parts[i];
            var kind = KindOf(part);
            if (kind == Kind.Multipart)
            {
                var subtype = part.ContentType.MediaSubtype;
                Walk(part.Children, subtype, inAlternative || subtype == "alternative", needText, needHtml, text, html, attachments);
                continue;
            }

            if (kind == Kind.Message)
            {
                attachments.Add(part);
                continue;
            }

            var inlineCapable = kind is Kind.Plain or Kind.Html or Kind.Media;
            var isInline = inlineCapable && !part.IsAttachmentDisposition
                && (i == 0 || (multipartType != "related" && (kind == Kind.Media || part.ContentType.Name is null)));

            bool addHtml, addText;
            if (multipartType == "alternative")
            {
                addHtml = kind == Kind.Html;
                addText = kind == Kind.Plain;
            }
            else if (isInline)
            {
                if (inAlternative && (needText || needHtml))
                {
                    if (kind == Kind.Html)
                    {
                        needText = false;
                    }
                    else if (kind == Kind.Plain)
                    {
                        needHtml = false;
                    }
                }

                addHtml = needHtml;
                addText = needText;
            }
            else
            {
                addHtml = addText = false;
            }

            if (addHtml)
            {
                html.Add(part);
            }

            if (addText)
            {
                text.Add(part);
            }

            var isText = kind is Kind.Plain or Kind.Html or Kind.OtherText;
            if (!isText || (!addHtml && kind == Kind.Html) || (!addText && kind != Kind.Html))
            {
                attachments.Add(part);
            }
        }

        if (multipartType == "alternative" && needHtml && needText)
        {
            if (textStart == text.Count && htmlStart != html.Count)
            {
                text.AddRange(html.GetRange(htmlStart, html.Count - htmlStart));
            }

            if (htmlStart == html.Count && textStart != text.Count)
            {
                html.AddRange(text.GetRange(textStart, text.Count - textStart));
            }
        }
    }
}
