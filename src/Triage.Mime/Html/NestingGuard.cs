using AngleSharp.Html.Parser;
using AngleSharp.Html.Parser.Tokens.Struct;

namespace Triage.Mime.Html;

/// <summary>
/// Keeps parsing linear on absurdly deep markup. AngleSharp's tree builder scans its stack of open elements
/// for many start tags ("is a p in button scope?"), so N nested divs cost O(N²): 10,000 take about a second,
/// 100,000 minutes. Like Chromium's parser (which stops nesting at depth 512), start tags beyond
/// <see cref="MaxDepth"/> are flattened: turned into an inert void element, so their content joins the
/// parent's. The depth is tracked from the token stream, approximately but cheaply: elements that are void
/// or that the parser closes implicitly (p, li, td, a…) cannot nest on their own and are not counted; an end
/// tag closes the nearest open element of its name, as the parser's does. One guard per parse.
/// </summary>
internal sealed class NestingGuard
{
    public const int MaxDepth = 512;

    private readonly List<string> _open = [];

    public TokenConsumptionResult Process(ref StructHtmlToken token, TokenConsumer next)
    {
        if (token.Type == HtmlTokenType.StartTag) OnStartTag(ref token);
        else if (token.Type == HtmlTokenType.EndTag) OnEndTag(token.Name);
        next(ref token);
        return TokenConsumptionResult.Continue;
    }

    private void OnStartTag(ref StructHtmlToken token)
    {
        ReadOnlySpan<char> name = token.Name;
        if (CannotNest(name)) return;
        if (_open.Count >= MaxDepth && !IsRawText(name))
        {
            token.Name = "wbr"; // void and textless: the element vanishes, its children stay
            return;
        }

        _open.Add(name.ToString());
    }

    private void OnEndTag(ReadOnlySpan<char> name)
    {
        if (CannotNest(name)) return;
        for (var i = _open.Count - 1; i >= 0; i--)
        {
            if (name.SequenceEqual(_open[i]))
            {
                _open.RemoveRange(i, _open.Count - i);
                return;
            }
        }
    }

    private static bool CannotNest(ReadOnlySpan<char> name) => name is
        "area" or "base" or "basefont" or "bgsound" or "br" or "col" or "embed" or "frame" or "hr" or "image" or
        "img" or "input" or "keygen" or "link" or "meta" or "param" or "source" or "track" or "wbr" or
        "p" or "li" or "dt" or "dd" or "tr" or "td" or "th" or "tbody" or "thead" or "tfoot" or "caption" or
        "colgroup" or "option" or "optgroup" or "rb" or "rp" or "rt" or "rtc" or "a" or "nobr" or "button" or
        "form" or "select" or "h1" or "h2" or "h3" or "h4" or "h5" or "h6" or "html" or "head" or "body";

    // Their content is text, so they add one level at most; renaming them would expose CSS/JS as text.
    private static bool IsRawText(ReadOnlySpan<char> name) => name is
        "script" or "style" or "title" or "textarea" or "xmp" or "iframe" or "noembed" or "noframes" or
        "noscript" or "plaintext";
}
