using System.Text;

namespace Triage.Smtp.Protocol;

/// <summary>
/// Reads server replies (RFC 5321 §4.2) from a stream: "250-…" lines continue a reply, "250 …" (or a bare "250")
/// ends it. Lines end in CRLF or a bare LF. Malformed input, an overlong line or reply, or the end of the stream is
/// an <see cref="SmtpProtocolException"/>: after that the reply boundaries are lost, so the connection is too.
/// </summary>
internal sealed class SmtpReplyReader
{
    // RFC 5321 allows 512 bytes per reply line; real servers exceed it a little, hostile ones a lot.
    internal const int MaxLineLength = 8192;
    internal const int MaxLinesPerReply = 256;

    private readonly Stream _stream;
    private readonly Action<string>? _onLine;
    private byte[] _buffer = new byte[1024];
    private int _start;
    private int _end;

    public SmtpReplyReader(Stream stream, Action<string>? onLine = null)
    {
        _stream = stream;
        _onLine = onLine;
    }

    /// <summary>Bytes received but not yet read as a reply (after STARTTLS's 220 there must be none).</summary>
    public bool HasBufferedData => _end > _start;

    public async ValueTask<SmtpReply> ReadReplyAsync(CancellationToken cancellationToken)
    {
        var lines = new List<string>();
        var code = 0;
        string? enhanced = null;
        while (true)
        {
            var line = await ReadLineAsync(cancellationToken).ConfigureAwait(false);
            _onLine?.Invoke(line);
            var (lineCode, isLast, text) = ParseLine(line);
            if (lines.Count == 0)
            {
                code = lineCode;
                enhanced = EnhancedCode(code, text);
            }
            else if (lineCode != code)
            {
                throw new SmtpProtocolException($"Malformed SMTP reply: a {code} reply continued with code {lineCode}.");
            }

            lines.Add(StripEnhancedCode(code, text));
            if (isLast)
            {
                return new SmtpReply(code, enhanced, lines);
            }

            if (lines.Count >= MaxLinesPerReply)
            {
                throw new SmtpProtocolException($"Malformed SMTP reply: more than {MaxLinesPerReply} lines.");
            }
        }
    }

    private static (int Code, bool IsLast, string Text) ParseLine(string line)
    {
        if (line.Length < 3 || !char.IsAsciiDigit(line[0]) || !char.IsAsciiDigit(line[1]) || !char.IsAsciiDigit(line[2])
            || line[0] is < '2' or > '5')
        {
            throw new SmtpProtocolException($"Malformed SMTP reply line: \"{Printable(line)}\".");
        }

        var code = ((line[0] - '0') * 100) + ((line[1] - '0') * 10) + (line[2] - '0');
        if (line.Length == 3)
        {
            return (code, true, string.Empty);
        }

        return line[3] switch
        {
            ' ' => (code, true, line[4..]),
            '-' => (code, false, line[4..]),
            _ => throw new SmtpProtocolException($"Malformed SMTP reply line: \"{Printable(line)}\"."),
        };
    }

    /// <summary>RFC 3463: "class.subject.detail" at the start of the text, its class matching the reply's.</summary>
    private static string? EnhancedCode(int code, string text)
    {
        var length = EnhancedCodeLength(code, text);
        return length == 0 ? null : text[..length];
    }

    private static string StripEnhancedCode(int code, string text)
    {
        var length = EnhancedCodeLength(code, text);
        return length == 0 ? text : text[length..].TrimStart(' ');
    }

    private static int EnhancedCodeLength(int code, string text)
    {
        if (text.Length < 5 || text[0] != (char)('0' + (code / 100)) || text[1] != '.')
        {
            return 0;
        }

        var i = 2;
        if (!Digits(text, ref i) || i >= text.Length || text[i] != '.')
        {
            return 0;
        }

        i++;
        if (!Digits(text, ref i))
        {
            return 0;
        }

        return i == text.Length || text[i] == ' ' ? i : 0;
    }

    private static bool Digits(string text, ref int i)
    {
        var start = i;
        while (i < text.Length && i - start < 3 && char.IsAsciiDigit(text[i]))
        {
            i++;
        }

        return i > start;
    }

    private async ValueTask<string> ReadLineAsync(CancellationToken cancellationToken)
    {
        var searched = 0;
        while (true)
        {
            var newline = _buffer.AsSpan(_start + searched, _end - _start - searched).IndexOf((byte)'\n');
            if (newline >= 0)
            {
                var lineEnd = _start + searched + newline;
                var content = _buffer.AsSpan(_start, lineEnd - _start);
                if (content.Length > 0 && content[^1] == '\r')
                {
                    content = content[..^1];
                }

                var line = Encoding.UTF8.GetString(content);
                _start = lineEnd + 1;
                return line;
            }

            searched = _end - _start;
            if (searched >= MaxLineLength)
            {
                throw new SmtpProtocolException($"Malformed SMTP reply: a line longer than {MaxLineLength} bytes.");
            }

            MakeRoom();
            var read = await _stream.ReadAsync(_buffer.AsMemory(_end), cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                throw new SmtpProtocolException("The SMTP server closed the connection.");
            }

            _end += read;
        }
    }

    private void MakeRoom()
    {
        if (_start > 0)
        {
            _buffer.AsSpan(_start, _end - _start).CopyTo(_buffer);
            _end -= _start;
            _start = 0;
        }

        if (_end == _buffer.Length)
        {
            Array.Resize(ref _buffer, Math.Min(_buffer.Length * 2, MaxLineLength + 1));
        }
    }

    private static string Printable(string line)
    {
        var shown = line.Length > 80 ? line[..80] + "…" : line;
        return string.Concat(shown.Select(c => char.IsControl(c) ? '?' : c));
    }
}
