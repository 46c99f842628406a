using System.Text;

namespace Triage.Mime.Html;

/// <summary>
/// Accumulates readable text with browser-like line semantics. Breaks are owed, not written, until the next
/// visible text arrives, so closing tags never leave stray newlines; a line is finished only then, which is
/// where trailing white space is trimmed and a second blank line in a row (or a leading one) is dropped.
/// Every operation is O(1) amortised apart from the prefix, which is capped, so the whole run stays linear.
/// </summary>
internal sealed class TextBuilder
{
    // Deeper quotes/lists still nest correctly but add no more prefix: keeps pathological input linear.
    private const int MaxPrefixLevels = 32;

    // A link text longer than this is never equal to its URL, so there is no point keeping more of it.
    private const int MaxCaptureLength = 2048;

    // Three owed newlines already mean "one blank line"; counting further only wastes work.
    private const int MaxPendingBreaks = 3;

    private readonly StringBuilder _out = new();
    private readonly StringBuilder _capture = new();
    private readonly List<string> _prefix = [];
    private readonly int _maxLength;
    private readonly string _cellSeparator;

    private string? _marker;         // "- " or "3. " for the next line of a list item
    private int _markerLevel;         // which prefix segment the marker replaces on that line
    private int _lineStart;           // where the current physical line begins in _out
    private bool _lineStarted;        // its prefix has been written
    private bool _lineOpen;           // it holds text and no break has been asked for since
    private bool _lineVisible;        // it holds something other than spaces
    private bool _lastLineBlank = true; // true at the start too, so leading blank lines are dropped
    private int _textEnd;             // end of the last non-blank line, to drop trailing blank lines
    private int _pendingBreaks;
    private int _breakLevel = int.MaxValue; // fewest prefix segments open while the break was owed
    private bool _pendingSpace;
    private bool _pendingSeparator;
    private int _captureDepth;

    public TextBuilder(int maxLength, string cellSeparator)
    {
        _maxLength = maxLength;
        _cellSeparator = cellSeparator;
    }

    /// <summary>Non-space characters written so far; a block compares it to see whether it showed anything.</summary>
    public long VisibleCount { get; private set; }

    /// <summary>Non-breaking spaces seen in collapsing text, which an otherwise empty block renders as a line.</summary>
    public long NbspCount { get; private set; }

    public bool IsFull => _out.Length >= _maxLength;

    /// <summary>End of a block-level box: the next text starts a new line, but no empty line is made.</summary>
    public void BlockBreak()
    {
        if (_lineOpen)
        {
            _pendingBreaks = Math.Max(_pendingBreaks, 1);
            _lineOpen = false;
        }

        NoteBreak();
    }

    /// <summary>Margin between paragraphs: one blank line, merged with any neighbouring one.</summary>
    public void ParagraphBreak()
    {
        if (_lineOpen || _pendingBreaks > 0)
        {
            _pendingBreaks = Math.Max(_pendingBreaks, 2);
            _lineOpen = false;
        }

        NoteBreak();
    }

    /// <summary>A <c>&lt;br&gt;</c> or a newline in preformatted text: ends the line, or makes an empty one.</summary>
    public void LineBreak()
    {
        _pendingBreaks = _lineOpen ? 1 : Math.Min(_pendingBreaks + 1, MaxPendingBreaks);
        _lineOpen = false;
        NoteBreak();
    }

    /// <summary>A new cell in a table row: separated from the previous one if that showed text on this line.</summary>
    public void CellBreak()
    {
        if (_lineOpen) _pendingSeparator = true;
    }

    public void PushPrefix(string segment) => _prefix.Add(segment);

    public void PopPrefix()
    {
        _prefix.RemoveAt(_prefix.Count - 1);
        if (_marker is not null && _markerLevel >= _prefix.Count) _marker = null;
        _breakLevel = Math.Min(_breakLevel, _prefix.Count);
    }

    /// <summary>The list marker shown instead of the next pushed prefix segment on the item's first line.</summary>
    public void SetMarker(string marker)
    {
        _marker = marker;
        _markerLevel = _prefix.Count;
    }

    /// <summary>Start recording the text written from now on (for comparing a link's text with its URL).</summary>
    public int BeginCapture()
    {
        _captureDepth++;
        return _capture.Length;
    }

    public string EndCapture(int start)
    {
        var captured = _capture.ToString(start, _capture.Length - start);
        if (--_captureDepth == 0) _capture.Clear();
        return captured;
    }

    public void Write(string text, WhiteSpaceMode mode)
    {
        var keepSpaces = mode == WhiteSpaceMode.Pre;
        var keepNewlines = mode is WhiteSpaceMode.Pre or WhiteSpaceMode.PreLine;
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (IsVisible(c))
            {
                var start = i;
                while (i < text.Length && IsVisible(text[i])) i++;
                AppendVisible(text.AsSpan(start, i - start));
                continue;
            }

            i++;
            if (keepNewlines && c is '\n' or '\r')
            {
                if (c == '\n') LineBreak();
            }
            else if (IsSpace(c))
            {
                if (keepSpaces)
                {
                    BeginContent();
                    Append(c == '\t' ? '\t' : ' ');
                }
                else
                {
                    if (c == '\u00A0') NbspCount++;
                    if (_lineOpen) _pendingSpace = true;
                }
            }
        }
    }

    /// <summary>The text, with trailing white space and blank lines removed and the length limit applied.</summary>
    public override string ToString()
    {
        if (_lineStarted) EndLine();
        var length = Math.Max(_textEnd - 1, 0);
        if (length > _maxLength && _maxLength > 0)
        {
            length = _maxLength;
            if (char.IsHighSurrogate(_out[length - 1])) length--;
            while (length > 0 && char.IsWhiteSpace(_out[length - 1])) length--;
        }

        return _out.ToString(0, length);
    }

    // HTML's collapsible white space plus NBSP, which the output shows as a plain space.
    private static bool IsSpace(char c) => c is ' ' or '\t' or '\n' or '\r' or '\f' or '\u00A0';

    // Controls and zero-width characters (soft hyphen, ZWSP, ZWNJ, BOM, CGJ: preheader padding) are dropped.
    private static bool IsVisible(char c) =>
        c > ' ' && c is not ((>= '\u007F' and <= '\u00A0') or '\u00AD' or '\u034F' or '\u200B' or '\u200C' or '\uFEFF');

    private void NoteBreak()
    {
        _pendingSpace = false;
        _pendingSeparator = false;
        _breakLevel = Math.Min(_breakLevel, _prefix.Count);
    }

    private void AppendVisible(ReadOnlySpan<char> text)
    {
        BeginContent();
        _out.Append(text);
        _lineVisible = true;
        VisibleCount += text.Length;
        if (_captureDepth > 0 && _capture.Length < MaxCaptureLength) _capture.Append(text);
    }

    private void Append(char c)
    {
        _out.Append(c);
        if (_captureDepth > 0 && _capture.Length < MaxCaptureLength) _capture.Append(c);
    }

    // Pays owed breaks, starts the line, and writes the owed space or cell separator.
    private void BeginContent()
    {
        if (_pendingBreaks > 0)
        {
            if (_lineStarted) EndLine();
            var level = Math.Min(_breakLevel, _prefix.Count);
            for (var i = 1; i < _pendingBreaks; i++) BlankLine(level);
            _pendingBreaks = 0;
        }

        _breakLevel = int.MaxValue;
        if (!_lineStarted)
        {
            StartLine();
        }
        else if (_pendingSeparator)
        {
            _out.Append(_cellSeparator);
        }
        else if (_pendingSpace)
        {
            Append(' ');
        }

        _pendingSpace = false;
        _pendingSeparator = false;
        _lineOpen = true;
    }

    private void StartLine()
    {
        var levels = Math.Min(_prefix.Count, MaxPrefixLevels);
        for (var i = 0; i < levels; i++)
        {
            _out.Append(_marker is not null && i == _markerLevel ? _marker : _prefix[i]);
        }

        if (_marker is not null)
        {
            if (_markerLevel >= levels) _out.Append(_marker);
            _marker = null;
            _lineVisible = true;
        }

        _lineStarted = true;
    }

    private void EndLine()
    {
        TrimTrailingSpaces();
        if (_lineVisible)
        {
            _out.Append('\n');
            _textEnd = _out.Length;
            _lastLineBlank = false;
        }
        else if (_lastLineBlank)
        {
            _out.Length = _lineStart;
        }
        else
        {
            _out.Append('\n');
            _lastLineBlank = true;
        }

        _lineStart = _out.Length;
        _lineStarted = false;
        _lineVisible = false;
    }

    // An empty line inside a quote keeps its "> " markers (trimmed), so the quoted block stays contiguous.
    private void BlankLine(int level)
    {
        if (_lastLineBlank) return;
        for (var i = 0; i < Math.Min(level, MaxPrefixLevels); i++) _out.Append(_prefix[i]);
        TrimTrailingSpaces();
        _out.Append('\n');
        _lineStart = _out.Length;
        _lastLineBlank = true;
    }

    private void TrimTrailingSpaces()
    {
        var end = _out.Length;
        while (end > _lineStart && _out[end - 1] is ' ' or '\t') end--;
        _out.Length = end;
    }
}
