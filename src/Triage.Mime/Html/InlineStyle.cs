namespace Triage.Mime.Html;

/// <summary>How an element's inline style changes white-space handling.</summary>
internal enum WhiteSpaceMode
{
    /// <summary>The style does not say; the parent's mode applies.</summary>
    Inherit,
    /// <summary>Runs of white space collapse to one space; newlines are spaces.</summary>
    Normal,
    /// <summary>Spaces and newlines kept as written (pre, pre-wrap, break-spaces).</summary>
    Pre,
    /// <summary>Newlines kept, runs of spaces collapsed (pre-line).</summary>
    PreLine,
}

/// <summary>The few facts of an inline <c>style</c> attribute the text converter acts on.</summary>
internal readonly record struct InlineStyle(bool Hidden, WhiteSpaceMode WhiteSpace, bool NoVerticalMargin)
{
    private const string CssWhiteSpace = " \t\r\n\f";

    /// <summary>
    /// Reads <c>display:none</c> / <c>mso-hide:all</c> (hidden preheaders), <c>white-space</c>, and whether
    /// both vertical margins are zero (Outlook on the web writes its lines as margin-less paragraphs).
    /// Not a CSS parser: declarations are split on ';' and unknown ones ignored; later ones win, as in CSS.
    /// </summary>
    public static InlineStyle Parse(string? style)
    {
        if (string.IsNullOrEmpty(style)) return default;

        bool displayNone = false, msoHide = false;
        var whiteSpace = WhiteSpaceMode.Inherit;
        bool? topZero = null, bottomZero = null;
        var text = style.AsSpan();
        foreach (var range in text.Split(';'))
        {
            var declaration = text[range];
            var colon = declaration.IndexOf(':');
            if (colon < 0) continue;
            var name = declaration[..colon].Trim(CssWhiteSpace);
            var value = declaration[(colon + 1)..];
            var bang = value.IndexOf('!');
            if (bang >= 0) value = value[..bang];
            value = value.Trim(CssWhiteSpace);

            if (Is(name, "display")) displayNone = Is(value, "none");
            else if (Is(name, "mso-hide")) msoHide = Is(value, "all");
            else if (Is(name, "white-space")) whiteSpace = ReadWhiteSpace(value);
            else if (Is(name, "margin")) (topZero, bottomZero) = ReadVerticalMargins(value);
            else if (Is(name, "margin-top")) topZero = IsZeroLength(value);
            else if (Is(name, "margin-bottom")) bottomZero = IsZeroLength(value);
        }

        return new InlineStyle(displayNone || msoHide, whiteSpace, topZero == true && bottomZero == true);
    }

    private static bool Is(ReadOnlySpan<char> text, string word) => text.Equals(word, StringComparison.OrdinalIgnoreCase);

    private static WhiteSpaceMode ReadWhiteSpace(ReadOnlySpan<char> value)
    {
        if (Is(value, "pre") || Is(value, "pre-wrap") || Is(value, "break-spaces")) return WhiteSpaceMode.Pre;
        if (Is(value, "pre-line")) return WhiteSpaceMode.PreLine;
        if (Is(value, "normal") || Is(value, "nowrap")) return WhiteSpaceMode.Normal;
        return WhiteSpaceMode.Inherit;
    }

    // The margin shorthand takes 1–4 values; the first is the top, the third (else the first) the bottom.
    private static (bool Top, bool Bottom) ReadVerticalMargins(ReadOnlySpan<char> value)
    {
        var count = 0;
        bool first = false, third = false;
        foreach (var range in value.SplitAny(CssWhiteSpace))
        {
            var part = value[range];
            if (part.IsEmpty) continue;
            count++;
            if (count == 1) first = IsZeroLength(part);
            else if (count == 3) third = IsZeroLength(part);
        }

        return count >= 3 ? (first, third) : (first, first);
    }

    // "0", "0px", "0.0pt", "-0cm": digits that are all zero, then only a unit.
    private static bool IsZeroLength(ReadOnlySpan<char> value)
    {
        var i = 0;
        if (i < value.Length && value[i] is '+' or '-') i++;
        var sawZero = false;
        for (; i < value.Length && value[i] is '0' or '.'; i++) sawZero |= value[i] == '0';
        if (!sawZero) return false;
        for (; i < value.Length; i++)
        {
            if (!char.IsAsciiLetter(value[i]) && value[i] != '%') return false;
        }

        return true;
    }
}
