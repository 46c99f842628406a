using System.Globalization;
using System.Runtime.InteropServices;
using AngleSharp.Dom;

namespace Triage.Mime.Html;

/// <summary>
/// Walks a parsed document in document order and tells a <see cref="TextBuilder"/> what each node means for
/// the text. The walk keeps its own stack of (child list, index) frames instead of recursing, so 10,000 nested
/// divs cannot overflow the call stack, and it never asks a node for its next sibling (which AngleSharp finds
/// by searching the parent's children), so wide documents stay linear too.
/// </summary>
internal sealed class DomTextWalker
{
    private readonly TextBuilder _text;
    private readonly HtmlToTextOptions _options;
    private readonly List<Frame> _stack = [];
    private readonly List<ListState> _lists = [];
    private WhiteSpaceMode _mode = WhiteSpaceMode.Normal;
    private bool _droppedQuote;

    private DomTextWalker(HtmlToTextOptions options)
    {
        _options = options;
        _text = new TextBuilder(options.MaxOutputLength, options.CellSeparator ?? HtmlToTextOptions.Default.CellSeparator);
    }

    [Flags]
    private enum Effects
    {
        None = 0,
        LineBlock = 1,
        ParagraphBlock = 2,
        EmptyShowsLine = 4, // an nbsp-only box still takes up a line, as Outlook's "<p>&nbsp;</p>" does
        Prefix = 8,
        List = 16,
        Link = 32,
    }

    public static string Convert(IElement root, HtmlToTextOptions options)
    {
        var walker = new DomTextWalker(options);
        walker.Walk(root);
        var text = walker._text.ToString();

        // A forward with nothing added is all history; the customer's text is then the whole mail, not nothing.
        if (text.Length == 0 && walker._droppedQuote) return Convert(root, options with { DropQuotedReplies = false });
        return text;
    }

    private void Walk(IElement root)
    {
        _stack.Add(new Frame(root.ChildNodes, _mode));
        while (_stack.Count > 0 && !_text.IsFull)
        {
            ref var top = ref CollectionsMarshal.AsSpan(_stack)[^1];
            if (top.Next >= top.Children.Length)
            {
                var done = top;
                _stack.RemoveAt(_stack.Count - 1);
                Leave(done);
                continue;
            }

            var node = top.Children[top.Next++];
            if (node is IText text) _text.Write(text.Data, _mode);
            else if (node is IElement element) Enter(element);
        }
    }

    private void Enter(IElement element)
    {
        var name = element.LocalName;
        if (IsNeverShown(name) || element.HasAttribute("hidden")) return;
        var style = InlineStyle.Parse(element.GetAttribute("style"));
        if (style.Hidden) return;
        if (_options.DropQuotedReplies && SkipsQuotedHistory(element)) return;

        switch (name)
        {
            case "br":
                _text.LineBreak();
                return;
            case "hr":
                _text.ParagraphBreak();
                return;
            case "img":
                var alt = element.GetAttribute("alt");
                if (alt is not null) _text.Write(alt, WhiteSpaceMode.Normal);
                return;
        }

        var frame = new Frame(element.ChildNodes, _mode);
        switch (name)
        {
            case "p":
                frame.Effects = Effects.EmptyShowsLine |
                    (style.NoVerticalMargin || IsWordParagraph(element) ? Effects.LineBlock : Effects.ParagraphBlock);
                break;
            case "h1" or "h2" or "h3" or "h4" or "h5" or "h6" or "dl" or "figure":
                frame.Effects = Effects.ParagraphBlock | Effects.EmptyShowsLine;
                break;
            case "pre" or "listing" or "xmp" or "plaintext":
                frame.Effects = Effects.ParagraphBlock;
                _mode = WhiteSpaceMode.Pre;
                break;
            case "blockquote":
                frame.Effects = Effects.ParagraphBlock | Effects.Prefix;
                break;
            case "ul" or "ol" or "menu" or "dir":
                // A list nested in a list item sits tight under it; a top-level list is set off like a paragraph.
                frame.Effects = (_lists.Count > 0 ? Effects.LineBlock : Effects.ParagraphBlock) | Effects.List;
                _lists.Add(new ListState(name == "ol", StartNumber(element)));
                break;
            case "li":
                frame.Effects = Effects.LineBlock | Effects.Prefix;
                break;
            case "tr" or "table" or "tbody" or "thead" or "tfoot" or "caption":
                frame.Effects = Effects.LineBlock;
                break;
            case "td" or "th":
                _text.CellBreak();
                break;
            case "a":
                if (_options.KeepLinkUrls && LinkTarget.TryGetDisplay(element.GetAttribute("href"), out var target))
                {
                    frame.Effects = Effects.Link;
                    frame.LinkTarget = target;
                    frame.CaptureStart = _text.BeginCapture();
                }

                break;
            default:
                if (IsLineBlock(name)) frame.Effects = Effects.LineBlock | Effects.EmptyShowsLine;
                break;
        }

        if (style.WhiteSpace != WhiteSpaceMode.Inherit) _mode = style.WhiteSpace;

        if ((frame.Effects & Effects.ParagraphBlock) != 0) _text.ParagraphBreak();
        else if ((frame.Effects & Effects.LineBlock) != 0) _text.BlockBreak();

        if ((frame.Effects & Effects.Prefix) != 0)
        {
            if (name == "li") _text.SetMarker(NextMarker(element));
            _text.PushPrefix(name == "li" ? "  " : _options.QuotePrefix ?? HtmlToTextOptions.Default.QuotePrefix);
        }

        frame.VisibleAtOpen = _text.VisibleCount;
        frame.NbspAtOpen = _text.NbspCount;
        _stack.Add(frame);
    }

    private void Leave(in Frame frame)
    {
        var effects = frame.Effects;
        if ((effects & Effects.Link) != 0)
        {
            var shown = _text.EndCapture(frame.CaptureStart);
            if (!LinkTarget.IsSameAs(shown, frame.LinkTarget!)) _text.Write($" <{frame.LinkTarget}>", WhiteSpaceMode.Normal);
        }

        if ((effects & Effects.EmptyShowsLine) != 0 && _text.VisibleCount == frame.VisibleAtOpen && _text.NbspCount != frame.NbspAtOpen)
        {
            _text.LineBreak();
        }

        if ((effects & Effects.Prefix) != 0) _text.PopPrefix();
        if ((effects & Effects.List) != 0) _lists.RemoveAt(_lists.Count - 1);

        if ((effects & Effects.ParagraphBlock) != 0) _text.ParagraphBreak();
        else if ((effects & Effects.LineBlock) != 0) _text.BlockBreak();

        _mode = frame.SavedMode;
    }

    private bool SkipsQuotedHistory(IElement element)
    {
        var role = QuoteContainer.Classify(element);
        if (role == QuoteRole.None) return false;
        _droppedQuote = true;
        if (role == QuoteRole.QuoteIntro) SkipNextBlockquote();
        else if (role == QuoteRole.HistoryStart) SkipRestOfContainer();
        return true;
    }

    // Thunderbird's moz-cite-prefix ("On …, X wrote:") sits right before the blockquote it introduces.
    private void SkipNextBlockquote()
    {
        ref var top = ref CollectionsMarshal.AsSpan(_stack)[^1];
        var i = top.Next;
        while (i < top.Children.Length && top.Children[i] is IText text && string.IsNullOrWhiteSpace(text.Data)) i++;
        if (i < top.Children.Length && top.Children[i] is IElement { LocalName: "blockquote" }) top.Next = i + 1;
    }

    // Outlook's separator starts the quoted message, which runs to the end of the container holding it. Word
    // wraps the separator in a div of its own, so a container that showed nothing before it is only a wrapper,
    // and the cut moves up to the container around that.
    private void SkipRestOfContainer()
    {
        var frames = CollectionsMarshal.AsSpan(_stack);
        for (var level = frames.Length - 1; level >= 0; level--)
        {
            frames[level].Next = frames[level].Children.Length;
            if (_text.VisibleCount != frames[level].VisibleAtOpen) break;
        }
    }

    private string NextMarker(IElement item)
    {
        if (_lists.Count == 0) return "- ";
        ref var list = ref CollectionsMarshal.AsSpan(_lists)[^1];
        if (!list.Ordered) return "- ";
        if (int.TryParse(item.GetAttribute("value"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)) list.Next = value;
        return string.Create(CultureInfo.InvariantCulture, $"{list.Next++}. ");
    }

    private static int StartNumber(IElement list) =>
        int.TryParse(list.GetAttribute("start"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var start) ? start : 1;

    // Word marks every paragraph MsoNormal, MsoPlainText, MsoListParagraph…; its stylesheet sets their margins
    // to zero, so each is one line and the "&nbsp;" ones are the blank lines between.
    private static bool IsWordParagraph(IElement element)
    {
        var classes = element.GetAttribute("class");
        if (classes is null) return false;
        foreach (var range in classes.AsSpan().SplitAny(" \t\r\n\f"))
        {
            if (classes.AsSpan(range).StartsWith("Mso", StringComparison.OrdinalIgnoreCase)) return true;
        }

        return false;
    }

    // Content a mail reader never shows: code, metadata, raw-text fallbacks, and Outlook's XML islands.
    private static bool IsNeverShown(string name) => name is
        "script" or "style" or "head" or "title" or "template" or "noscript" or "svg" or "xml" or
        "iframe" or "noframes" or "noembed" or "object" or "embed" or "audio" or "video" or "canvas" or
        "select" or "datalist" or "map" or "frameset";

    private static bool IsLineBlock(string name) => name is
        "div" or "section" or "article" or "header" or "footer" or "address" or "nav" or "aside" or "main" or
        "dt" or "dd" or "figcaption" or "fieldset" or "legend" or "details" or "summary" or "center" or
        "form" or "hgroup" or "search" or "body";

    private struct Frame(INodeList children, WhiteSpaceMode savedMode)
    {
        public readonly INodeList Children = children;
        public readonly WhiteSpaceMode SavedMode = savedMode;
        public int Next;
        public Effects Effects;
        public long VisibleAtOpen;
        public long NbspAtOpen;
        public int CaptureStart;
        public string? LinkTarget;
    }

    private record struct ListState(bool Ordered, int Next);
}
