using System.Text;

namespace Triage.Mime.Html;

/// <summary>
/// AngleSharp's tokenizer slows down more than quadratically on '&lt;' inside raw-text and RCDATA elements
/// (336 KB of <c>&lt;title&gt;</c> junk took 23 s, a real spam mail over a minute). One linear pass first
/// escapes '&lt;' in RCDATA (which keeps its meaning there) and empties raw-text elements we never show.
/// </summary>
internal static class RawTextGuard
{
    private static readonly (string Name, bool Shown)[] Elements =
    [
        ("title", false), ("textarea", true), ("xmp", true), ("style", false),
        ("iframe", false), ("noembed", false), ("noframes", false), ("noscript", false),
    ];

    public static string Neutralize(string html)
    {
        StringBuilder? output = null;
        var copied = 0;
        var at = html.IndexOf('<', StringComparison.Ordinal);
        while (at >= 0 && at + 1 < html.Length)
        {
            var next = at + 1;
            if (TryMatchStartTag(html, next, out var name, out var shown))
            {
                var contentStart = html.IndexOf('>', next);
                if (contentStart < 0)
                {
                    break;
                }

                contentStart++;
                var close = html.IndexOf("</" + name, contentStart, StringComparison.OrdinalIgnoreCase);
                var contentEnd = close < 0 ? html.Length : close;
                if (html.AsSpan(contentStart, contentEnd - contentStart).Contains('<'))
                {
                    output ??= new StringBuilder(html.Length + 64);
                    output.Append(html, copied, contentStart - copied);
                    if (shown)
                    {
                        output.Append(html.AsSpan(contentStart, contentEnd - contentStart).ToString().Replace("<", "&lt;", StringComparison.Ordinal));
                    }

                    copied = contentEnd;
                }

                next = Math.Max(contentEnd, next);
            }

            at = next < html.Length ? html.IndexOf('<', next) : -1;
        }

        if (output is null)
        {
            return html;
        }

        output.Append(html, copied, html.Length - copied);
        return output.ToString();
    }

    private static bool TryMatchStartTag(string html, int nameStart, out string name, out bool shown)
    {
        foreach (var (candidate, isShown) in Elements)
        {
            var end = nameStart + candidate.Length;
            if (end < html.Length
                && string.Compare(html, nameStart, candidate, 0, candidate.Length, StringComparison.OrdinalIgnoreCase) == 0
                && html[end] is '>' or '/' or ' ' or '\t' or '\r' or '\n' or '\f')
            {
                name = candidate;
                shown = isShown;
                return true;
            }
        }

        name = string.Empty;
        shown = false;
        return false;
    }
}
