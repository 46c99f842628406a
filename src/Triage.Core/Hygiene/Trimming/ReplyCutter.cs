using System.Text;

namespace Triage.Core.Hygiene.Trimming;

/// <summary>
/// Decides which classified lines are the customer's new text. The rules, in order:
/// <list type="number">
/// <item>Everything from the first delimiter ("--", "____") on is a signature or a quoted message.</item>
/// <item>Mobile footers go wherever they are.</item>
/// <item>An attribution, forward marker or header block after the customer's text starts the quoted history:
/// cut there. The one exception is an attribution over a '&gt;' quote that the customer answers below —
/// with more quotes after the answer (an inline reply), or with a long answer (bottom posting, not a signature):
/// then only the attribution goes.</item>
/// <item>The same markers before any text of the customer's (a forward with nothing added, a bottom-posted
/// reply) are removed and the text under them kept; an attribution right above a '&gt;' quote at the top means
/// the customer answered below or between the quoted lines, so every quoted line goes.</item>
/// <item>Quoted lines at the end go. A '&gt;' block the customer wrote text under without any attribution is
/// something they chose to cite, and stays.</item>
/// </list>
/// </summary>
internal static class ReplyCutter
{
    // Text under a quote that is at least this long is the customer's, not a signature (few run past six lines).
    private const int MinTextLinesOfAnswerBelowQuote = 7;

    public static TrimmedReply Cut(string text, List<Line> lines)
    {
        var count = lines.Count;
        var drop = new bool[count];
        var end = count;
        bool quoteRemoved = false, signatureRemoved = false;

        for (var i = 0; i < count; i++)
        {
            if (lines[i].Kind != LineKind.Delimiter) continue;
            end = i;

            // Outlook's "____" line sits above the quoted message's header block; "--" above a signature.
            var next = NextNonEmpty(lines, drop, i + 1, count);
            var history = next < count && lines[next].Kind is LineKind.HeaderBlock or LineKind.ForwardMarker or LineKind.Attribution;
            quoteRemoved = history;
            signatureRemoved = !history;
            break;
        }

        for (var i = 0; i < end; i++)
        {
            if (lines[i].Kind != LineKind.MobileFooter) continue;
            drop[i] = true;
            signatureRemoved = true;
        }

        var seenText = false;
        var inlineReply = false;
        var at = 0;
        while (at < end)
        {
            var kind = lines[at].Kind;
            if (drop[at] || kind is LineKind.Empty or LineKind.Quote)
            {
                at++;
                continue;
            }

            if (kind == LineKind.Text)
            {
                seenText = true;
                at++;
                continue;
            }

            var markerEnd = RunEnd(lines, at, end, kind);
            var next = NextNonEmpty(lines, drop, markerEnd, end);
            var quoteFollows = kind == LineKind.Attribution && next < end && lines[next].Kind == LineKind.Quote;
            if (!seenText)
            {
                Drop(drop, at, markerEnd);
                quoteRemoved = true;
                inlineReply |= quoteFollows;
                at = markerEnd;
                continue;
            }

            if (quoteFollows)
            {
                var quoteEnd = QuoteEnd(lines, next, end);
                if (AnsweredBelow(lines, drop, quoteEnd, end))
                {
                    Drop(drop, at, markerEnd);
                    quoteRemoved = true;
                    at = quoteEnd;
                    continue;
                }
            }

            end = at;
            quoteRemoved = true;
        }

        if (inlineReply)
        {
            for (var i = 0; i < end; i++)
            {
                if (lines[i].Kind != LineKind.Quote || drop[i]) continue;
                drop[i] = true;
                quoteRemoved = true;
            }
        }

        if (!HasText(lines, drop, end)) return new TrimmedReply(text.Trim(), false, false);

        // Quoted lines at the end (with the blank lines around them) are history.
        var last = end - 1;
        while (last >= 0 && (drop[last] || lines[last].Kind is LineKind.Empty or LineKind.Quote))
        {
            quoteRemoved |= !drop[last] && lines[last].Kind == LineKind.Quote;
            last--;
        }

        return new TrimmedReply(Join(text, lines, drop, last), quoteRemoved, signatureRemoved);
    }

    private static int RunEnd(List<Line> lines, int from, int end, LineKind kind)
    {
        var i = from;
        while (i < end && lines[i].Kind == kind) i++;
        return i;
    }

    private static int NextNonEmpty(List<Line> lines, bool[] drop, int from, int end)
    {
        var i = from;
        while (i < end && (drop[i] || lines[i].Kind == LineKind.Empty)) i++;
        return i;
    }

    private static int QuoteEnd(List<Line> lines, int from, int end)
    {
        var i = from;
        while (i < end && lines[i].Kind is LineKind.Quote or LineKind.Empty) i++;
        return i;
    }

    // Whether the customer wrote on under a quote: more quoting after some text, or a long text.
    private static bool AnsweredBelow(List<Line> lines, bool[] drop, int from, int end)
    {
        var textLines = 0;
        for (var i = from; i < end; i++)
        {
            if (drop[i]) continue;
            switch (lines[i].Kind)
            {
                case LineKind.Text:
                    textLines++;
                    break;
                case LineKind.Quote or LineKind.Attribution:
                    if (textLines > 0) return true;
                    break;
                case LineKind.ForwardMarker or LineKind.HeaderBlock:
                    return textLines >= MinTextLinesOfAnswerBelowQuote;
            }
        }

        return textLines >= MinTextLinesOfAnswerBelowQuote;
    }

    private static void Drop(bool[] drop, int from, int to)
    {
        for (var i = from; i < to; i++) drop[i] = true;
    }

    private static bool HasText(List<Line> lines, bool[] drop, int end)
    {
        for (var i = 0; i < end; i++)
        {
            if (!drop[i] && lines[i].Kind == LineKind.Text) return true;
        }

        return false;
    }

    private static string Join(string text, List<Line> lines, bool[] drop, int last)
    {
        var first = 0;
        while (first <= last && (drop[first] || lines[first].Kind == LineKind.Empty)) first++;

        var result = new StringBuilder(text.Length);
        var previousBlank = false;
        var skipped = false;
        for (var i = first; i <= last; i++)
        {
            if (drop[i])
            {
                skipped = true;
                continue;
            }

            var blank = lines[i].Kind == LineKind.Empty;

            // A removed line between two blank lines would otherwise leave a double gap.
            if (blank && previousBlank && skipped) continue;
            if (result.Length > 0) result.Append('\n');
            result.Append(text, lines[i].Start, lines[i].Length);
            previousBlank = blank;
            skipped = false;
        }

        return result.ToString();
    }
}
