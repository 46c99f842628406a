using System.Text;

namespace Triage.Core.Hygiene.Trimming;

/// <summary>
/// Splits a plain-text body into lines and says what each line is. Every line is looked at a bounded number of
/// times (an attribution may be joined with at most <see cref="MaxAttributionLines"/> - 1 following lines, a header
/// block looks ahead at most two lines), so the whole pass is linear in the text.
/// </summary>
internal static class ReplyLayout
{
    // Clients wrap a long attribution over up to three lines; Polymail adds a blank one and a lone "<" (five).
    private const int MaxAttributionLines = 5;

    // A wrapped header value ("Subject: Two\nline subject") continues for at most this many lines.
    private const int MaxHeaderContinuation = 2;

    public static List<Line> Read(string text)
    {
        var lines = Split(text);
        ClassifyLines(text, lines);
        MendWrappedLinks(text, lines);
        JoinWrappedAttributions(text, lines);
        MarkHeaderBlocks(text, lines);
        return lines;
    }

    private static List<Line> Split(string text)
    {
        var lines = new List<Line>();
        var start = 0;
        while (start <= text.Length)
        {
            var newline = text.IndexOf('\n', start);
            var end = newline < 0 ? text.Length : newline;
            var length = end - start;
            if (length > 0 && text[end - 1] == '\r') length--;
            lines.Add(new Line(start, length, LineKind.Text));
            if (newline < 0) break;
            start = newline + 1;
        }

        return lines;
    }

    private static void ClassifyLines(string text, List<Line> lines)
    {
        var inCode = false;
        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i];
            var s = line.In(text);

            // Markdown code fences: "####" or "> x" inside are code, not a delimiter or a quote.
            if (s.StartsWith("```", StringComparison.Ordinal))
            {
                inCode = !inCode;
                continue;
            }

            if (inCode) continue;
            var kind = Classify(s);
            if (kind == LineKind.Attribution)
            {
                // "reply On Wed, Apr 4, 2012 at 3:59 PM, bob@example.com wrote:": the customer's words stay.
                var at = Attribution.StartInside(s);
                if (at > 0)
                {
                    var before = s[..at].TrimEnd(" \t-").Length;
                    lines[i] = line with { Length = before, Kind = LineKind.Text };
                    lines.Insert(++i, new Line(line.Start + at, line.Length - at, LineKind.Attribution));
                    continue;
                }
            }

            lines[i] = line with { Kind = kind };
        }
    }

    /// <summary>
    /// A quoting client that wraps a long link leaves its tail on a line without the "&gt;"
    /// (" (http://example.com/c/YzOTYzMmE) &gt;", "_nonce=3dd518)"); between two quoted lines it belongs to the quote.
    /// </summary>
    private static void MendWrappedLinks(string text, List<Line> lines)
    {
        for (var i = 1; i + 1 < lines.Count; i++)
        {
            if (lines[i].Kind == LineKind.Text && lines[i - 1].Kind == LineKind.Quote && lines[i + 1].Kind == LineKind.Quote &&
                IsLinkPiece(Scan.TrimBlank(lines[i].In(text))))
            {
                lines[i] = lines[i] with { Kind = LineKind.Quote };
            }
        }
    }

    private static bool IsLinkPiece(ReadOnlySpan<char> s)
    {
        if (s.IsEmpty || s[^1] is not (')' or '>')) return false;
        if (s.Contains("://", StringComparison.Ordinal)) return Scan.WordCount(s) <= 2;
        return Scan.WordCount(s) == 1 && s.IndexOfAny("=&%/") >= 0;
    }

    private static LineKind Classify(ReadOnlySpan<char> s)
    {
        if (Scan.IsBlank(s)) return LineKind.Empty;
        if (IsQuote(s)) return LineKind.Quote;
        if (IsDelimiter(s)) return LineKind.Delimiter;
        if (ForwardMarker.Is(s)) return LineKind.ForwardMarker;
        if (Attribution.Is(s)) return LineKind.Attribution;
        if (MobileFooter.Is(s)) return LineKind.MobileFooter;
        return LineKind.Text;
    }

    /// <summary>"&gt; text", and supercite's "Name&gt; text" / "C&gt;" (a short word of letters right before the '&gt;').</summary>
    private static bool IsQuote(ReadOnlySpan<char> s)
    {
        var i = 0;
        while (i < s.Length && s[i] is ' ' or '\t') i++;
        if (i < s.Length && s[i] == '>') return true;
        var word = i;
        while (i < s.Length && i - word <= 10 && char.IsLetter(s[i])) i++;
        return i > word && i - word <= 10 && i < s.Length && s[i] == '>' && (i + 1 == s.Length || s[i + 1] is ' ' or '>');
    }

    /// <summary>A line of only separator characters: "--" (the signature marker, trailing space trimmed), "____", "=====", Gmail's "ᐧ".</summary>
    private static bool IsDelimiter(ReadOnlySpan<char> s)
    {
        var t = Scan.TrimBlank(s);
        if (t.IsEmpty) return false;
        foreach (var c in t)
        {
            if (c is not ('-' or '_' or '=' or '+' or '~' or '#' or '*' or ',' or 'ᐧ' or '—' or '–')) return false;
        }

        return t.Length >= 2 || t[0] is 'ᐧ' or '—';
    }

    private static void JoinWrappedAttributions(string text, List<Line> lines)
    {
        var joined = new StringBuilder(Attribution.MaxLength);
        for (var i = 0; i < lines.Count; i++)
        {
            if (lines[i].Kind != LineKind.Text || !Attribution.MayStart(lines[i].In(text))) continue;
            joined.Clear().Append(Scan.TrimBlank(lines[i].In(text)));
            var blanks = 0;
            for (var j = i + 1; j < lines.Count && j - i < MaxAttributionLines && joined.Length <= Attribution.MaxLength; j++)
            {
                var next = lines[j];
                if (next.Kind == LineKind.Empty && ++blanks <= 1) continue;
                var completes = next.Kind == LineKind.Attribution;
                if (!completes && next.Kind is not (LineKind.Text or LineKind.Quote)) break;
                if (completes && !Attribution.MayStartBefore(lines[i].In(text))) break;

                // A client's wrap may push "> wrote:" or ">:" onto a line that looks quoted.
                joined.Append(' ').Append(Scan.TrimDecoration(next.In(text), ">-"));
                if (!Attribution.Is(joined.ToString()))
                {
                    if (completes) break;
                    continue;
                }

                for (var k = i; k <= j; k++) lines[k] = lines[k] with { Kind = LineKind.Attribution };
                i = j;
                break;
            }
        }
    }

    private static void MarkHeaderBlocks(string text, List<Line> lines)
    {
        for (var i = 0; i < lines.Count; i++)
        {
            if (lines[i].Kind != LineKind.Text || HeaderField.Read(lines[i].In(text), out _) == HeaderFieldKind.None) continue;
            var block = new HeaderBlock();
            var last = i;
            for (var j = i; j < lines.Count && j - last <= MaxHeaderContinuation + 1; j++)
            {
                if (lines[j].Kind != LineKind.Text) break;
                var field = HeaderField.Read(lines[j].In(text), out var hasDigit);
                if (field != HeaderFieldKind.None)
                {
                    block.Add(field, hasDigit);
                    last = j;
                }
            }

            if (!block.IsQuotedMessageHeader) continue;
            for (var k = i; k <= last; k++) lines[k] = lines[k] with { Kind = LineKind.HeaderBlock };
            i = last;
        }
    }

    /// <summary>The fields seen in a run of header lines.</summary>
    private struct HeaderBlock
    {
        private int _count;
        private bool _from, _to, _subject, _datedDate;

        public void Add(HeaderFieldKind field, bool valueHasDigit)
        {
            _count++;
            _from |= field == HeaderFieldKind.From;
            _to |= field == HeaderFieldKind.To;
            _subject |= field == HeaderFieldKind.Subject;
            _datedDate |= field == HeaderFieldKind.Date && valueHasDigit;
        }

        /// <summary>
        /// Three fields naming sender, date or subject; or two when one is a date with digits beside a sender or
        /// recipient ("Date: Wed, 16 May 2012 …\nTo: …"). A lone "A: yes" in a Q&amp;A list is not a block.
        /// </summary>
        public readonly bool IsQuotedMessageHeader =>
            (_count >= 3 && (_from || _datedDate || _subject)) || (_count == 2 && _datedDate && (_from || _to));
    }
}
