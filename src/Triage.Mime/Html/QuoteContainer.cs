using AngleSharp.Dom;

namespace Triage.Mime.Html;

/// <summary>What an element means for <see cref="HtmlToTextOptions.DropQuotedReplies"/>.</summary>
internal enum QuoteRole
{
    None,

    /// <summary>The element holds quoted history: leave it out.</summary>
    Quote,

    /// <summary>Like <see cref="Quote"/>, and the blockquote right after it is the quote it introduces.</summary>
    QuoteIntro,

    /// <summary>A client's separator above the quoted message: leave it and everything after it in its container out.</summary>
    HistoryStart,
}

/// <summary>
/// Recognises the markup mail clients wrap around quoted history: Gmail's gmail_quote, Apple Mail's and
/// Thunderbird's blockquote type=cite (with Thunderbird's moz-cite-prefix above it), Yahoo's yahoo_quoted, and
/// Outlook's separators (divRplyFwdMsg, appendonsend, OutlookMessageHeader, the border-top line above the
/// "From:" block). Gmail's gmail_signature is not history and is kept.
/// </summary>
internal static class QuoteContainer
{
    // Outlook draws the line above its "From:/Sent:" block with one of these colours (Office 2013+ / 2007–2010).
    private static readonly string[] OutlookSeparatorColours = ["#E1E1E1", "#B5C4DF"];

    public static QuoteRole Classify(IElement element)
    {
        var id = element.Id;
        if (id is not null)
        {
            if (id is "divRplyFwdMsg" or "appendonsend" or "OLK_SRC_BODY_SECTION" or "mail-editor-reference-message-container") return QuoteRole.HistoryStart;
            if (id == "reply-intro") return QuoteRole.QuoteIntro;
            if (id.StartsWith("yahoo_quoted", StringComparison.Ordinal)) return QuoteRole.Quote;
        }

        var classes = element.GetAttribute("class");
        if (classes is not null)
        {
            foreach (var range in classes.AsSpan().SplitAny(" \t\r\n\f"))
            {
                var name = classes.AsSpan(range);
                if (name.Equals("gmail_quote", StringComparison.Ordinal) || name.Equals("gmail_quote_container", StringComparison.Ordinal) ||
                    name.Equals("yahoo_quoted", StringComparison.Ordinal))
                {
                    return QuoteRole.Quote;
                }

                if (name.Equals("moz-cite-prefix", StringComparison.Ordinal)) return QuoteRole.QuoteIntro;
                if (name.Equals("OutlookMessageHeader", StringComparison.Ordinal)) return QuoteRole.HistoryStart;
            }
        }

        if (element.LocalName == "blockquote" && string.Equals(element.GetAttribute("type"), "cite", StringComparison.OrdinalIgnoreCase))
        {
            return QuoteRole.Quote;
        }

        return element.LocalName == "div" && IsOutlookSeparator(element.GetAttribute("style")) ? QuoteRole.HistoryStart : QuoteRole.None;
    }

    // "border:none;border-top:solid #E1E1E1 1.0pt;padding:3.0pt 0cm 0cm 0cm" (Word may wrap it over lines).
    private static bool IsOutlookSeparator(string? style)
    {
        if (string.IsNullOrEmpty(style)) return false;
        var text = style.AsSpan();
        foreach (var range in text.Split(';'))
        {
            var declaration = text[range];
            var colon = declaration.IndexOf(':');
            if (colon < 0 || !declaration[..colon].Trim().Equals("border-top", StringComparison.OrdinalIgnoreCase)) continue;
            var value = declaration[(colon + 1)..];
            if (!value.Contains("solid", StringComparison.OrdinalIgnoreCase)) continue;
            foreach (var colour in OutlookSeparatorColours)
            {
                if (value.Contains(colour, StringComparison.OrdinalIgnoreCase)) return true;
            }
        }

        return false;
    }
}
