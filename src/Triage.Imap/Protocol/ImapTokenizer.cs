using System.Buffers;
using System.Globalization;
using System.Text;

namespace Triage.Imap.Protocol;

/// <summary>
/// Splits server output into tokens over a fixed read buffer. Literal contents are never tokenized: the caller
/// reads them straight from the buffer and the stream, so message bodies are copied once and arbitrary bytes
/// (8-bit, NUL, CR/LF) pass through untouched. When a logger is attached, each response line is logged with
/// literal contents replaced by a size note.
/// </summary>
internal sealed class ImapTokenizer
{
    private const int BufferSize = 64 * 1024;

    private readonly byte[] _buffer = new byte[BufferSize];
    private readonly int _maxTokenBytes;
    private readonly IImapProtocolLogger? _logger;
    private readonly MemoryStream? _logLine;
    private byte[] _scratch = new byte[256];
    private Stream _stream;
    private int _pos;
    private int _end;
    private int _logMark;

    public ImapTokenizer(Stream stream, int maxTokenBytes, IImapProtocolLogger? logger)
    {
        _stream = stream;
        _maxTokenBytes = maxTokenBytes;
        _logger = logger;
        _logLine = logger is null ? null : new MemoryStream();
    }

    /// <summary>Swaps the transport after STARTTLS. Bytes already buffered would have come unprotected: refused.</summary>
    public void ReplaceStream(Stream stream)
    {
        if (_pos != _end)
        {
            throw new ImapProtocolException("The server sent data after agreeing to STARTTLS (possible injection); connection dropped.");
        }

        _stream = stream;
    }

    public async ValueTask<ImapToken> ReadTokenAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            if (_pos == _end && !await FillAsync(cancellationToken).ConfigureAwait(false))
            {
                throw Closed();
            }

            var c = _buffer[_pos];
            if (c is (byte)' ' or (byte)'\t')
            {
                _pos++;
                continue;
            }

            switch (c)
            {
                case (byte)'\r':
                    _pos++;
                    if ((_pos < _end || await FillAsync(cancellationToken).ConfigureAwait(false)) && _buffer[_pos] == '\n')
                    {
                        _pos++;
                    }

                    EndLine();
                    return ImapToken.Eol;
                case (byte)'\n':
                    _pos++;
                    EndLine();
                    return ImapToken.Eol;
                case (byte)'(':
                    _pos++;
                    return new ImapToken(ImapTokenKind.OpenParen);
                case (byte)')':
                    _pos++;
                    return new ImapToken(ImapTokenKind.CloseParen);
                case (byte)'[':
                    _pos++;
                    return new ImapToken(ImapTokenKind.OpenBracket);
                case (byte)']':
                    _pos++;
                    return new ImapToken(ImapTokenKind.CloseBracket);
                case (byte)'"':
                    _pos++;
                    return await ReadQuotedAsync(cancellationToken).ConfigureAwait(false);
                case (byte)'{':
                    _pos++;
                    return await ReadLiteralHeaderAsync(cancellationToken).ConfigureAwait(false);
                case (byte)'~':
                    if ((_pos + 1 < _end || await FillAsync(cancellationToken).ConfigureAwait(false)) && _pos + 1 < _end && _buffer[_pos + 1] == '{')
                    {
                        _pos += 2;
                        return await ReadLiteralHeaderAsync(cancellationToken).ConfigureAwait(false);
                    }

                    return await ReadAtomAsync(cancellationToken).ConfigureAwait(false);
                default:
                    return await ReadAtomAsync(cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>The rest of the line as text (response text after a status), consuming the line break.</summary>
    public async ValueTask<string> ReadTextAsync(CancellationToken cancellationToken)
    {
        var length = 0;
        while (true)
        {
            if (_pos == _end && !await FillAsync(cancellationToken).ConfigureAwait(false))
            {
                throw Closed();
            }

            var span = _buffer.AsSpan(_pos, _end - _pos);
            var eol = span.IndexOfAny(LineBreaks);
            var take = eol < 0 ? span.Length : eol;
            AppendScratch(span[..take], ref length, truncate: true);
            _pos += take;
            if (eol >= 0)
            {
                break;
            }
        }

        await ReadTokenAsync(cancellationToken).ConfigureAwait(false);
        return Encoding.UTF8.GetString(_scratch, 0, length).Trim(' ', '\t');
    }

    /// <summary>Reads a literal's content into a new array of exactly its length.</summary>
    public async ValueTask<byte[]> ReadLiteralAsync(long length, CancellationToken cancellationToken)
    {
        if (length > Array.MaxLength)
        {
            throw new ImapProtocolException($"A {length}-byte literal cannot be held in memory.");
        }

        BeginLiteral();
        var content = GC.AllocateUninitializedArray<byte>((int)length);
        var copied = Math.Min(content.Length, _end - _pos);
        _buffer.AsSpan(_pos, copied).CopyTo(content);
        _pos += copied;
        while (copied < content.Length)
        {
            // Large remainders go straight from the stream into the destination, bypassing the buffer.
            var read = await _stream.ReadAsync(content.AsMemory(copied), cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                throw ClosedInLiteral(length);
            }

            copied += read;
        }

        EndLiteral(length);
        return content;
    }

    /// <summary>Reads a literal used as a string (mailbox name, header text); bounded by the token limit.</summary>
    public async ValueTask<string> ReadLiteralStringAsync(long length, CancellationToken cancellationToken)
    {
        if (length > _maxTokenBytes)
        {
            throw new ImapProtocolException($"A {length}-byte literal string exceeds the {_maxTokenBytes}-byte limit.");
        }

        return Encoding.UTF8.GetString(await ReadLiteralAsync(length, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>Reads and drops a literal's content without holding it.</summary>
    public ValueTask SkipLiteralAsync(long length, CancellationToken cancellationToken) => CopyLiteralAsync(length, null, cancellationToken);

    /// <summary>
    /// Reads a literal's content through the read buffer into <paramref name="destination"/> (or drops it when null),
    /// so memory stays bounded by the buffer whatever the literal's size.
    /// </summary>
    public async ValueTask CopyLiteralAsync(long length, Stream? destination, CancellationToken cancellationToken)
    {
        BeginLiteral();
        var remaining = length;
        while (remaining > 0)
        {
            if (_pos == _end && !await FillAsync(cancellationToken).ConfigureAwait(false))
            {
                throw ClosedInLiteral(length);
            }

            var take = (int)Math.Min(remaining, _end - _pos);
            if (destination is not null)
            {
                await destination.WriteAsync(_buffer.AsMemory(_pos, take), cancellationToken).ConfigureAwait(false);
            }

            _pos += take;
            remaining -= take;
        }

        EndLiteral(length);
    }

    private async ValueTask<ImapToken> ReadAtomAsync(CancellationToken cancellationToken)
    {
        var length = 0;
        while (true)
        {
            var span = _buffer.AsSpan(_pos, _end - _pos);
            var stop = span.IndexOfAny(AtomDelimiters);
            if (stop >= 0 && length == 0 && stop <= _maxTokenBytes)
            {
                // Common case: the whole atom is in the buffer.
                _pos += stop;
                return new ImapToken(ImapTokenKind.Atom, Encoding.UTF8.GetString(span[..stop]));
            }

            var take = stop < 0 ? span.Length : stop;
            AppendScratch(span[..take], ref length, truncate: false);
            _pos += take;
            if (stop >= 0 || !await FillAsync(cancellationToken).ConfigureAwait(false))
            {
                return new ImapToken(ImapTokenKind.Atom, Encoding.UTF8.GetString(_scratch, 0, length));
            }
        }
    }

    private async ValueTask<ImapToken> ReadQuotedAsync(CancellationToken cancellationToken)
    {
        var length = 0;
        var escaped = false;
        while (true)
        {
            if (_pos == _end && !await FillAsync(cancellationToken).ConfigureAwait(false))
            {
                throw Closed();
            }

            var c = _buffer[_pos];
            if (escaped)
            {
                escaped = false;
            }
            else if (c == '\\')
            {
                escaped = true;
                _pos++;
                continue;
            }
            else if (c == '"')
            {
                _pos++;
                return new ImapToken(ImapTokenKind.QuotedString, Encoding.UTF8.GetString(_scratch, 0, length));
            }
            else if (c is (byte)'\r' or (byte)'\n')
            {
                throw new ImapProtocolException("A quoted string in the server's response is not closed before the end of the line.");
            }

            AppendScratch([c], ref length, truncate: false);
            _pos++;
        }
    }

    private async ValueTask<ImapToken> ReadLiteralHeaderAsync(CancellationToken cancellationToken)
    {
        long length = 0;
        var digits = 0;
        while (true)
        {
            if (_pos == _end && !await FillAsync(cancellationToken).ConfigureAwait(false))
            {
                throw Closed();
            }

            var c = _buffer[_pos++];
            if (c is >= (byte)'0' and <= (byte)'9' && digits < 18)
            {
                length = (length * 10) + (c - '0');
                digits++;
            }
            else if (c == '}' && digits > 0)
            {
                break;
            }
            else if (c != '+')
            {
                throw new ImapProtocolException($"Malformed literal length in the server's response (byte 0x{c:X2}).");
            }
        }

        // The content starts after the line break; servers that put spaces before it are tolerated.
        while (true)
        {
            if (_pos == _end && !await FillAsync(cancellationToken).ConfigureAwait(false))
            {
                throw Closed();
            }

            var c = _buffer[_pos++];
            if (c == '\n')
            {
                return new ImapToken(ImapTokenKind.Literal, LiteralLength: length);
            }

            if (c is not ((byte)'\r' or (byte)' '))
            {
                throw new ImapProtocolException("A literal length in the server's response is not followed by a line break.");
            }
        }
    }

    private async ValueTask<bool> FillAsync(CancellationToken cancellationToken)
    {
        FlushLogSegment();
        if (_pos == _end)
        {
            _pos = _end = _logMark = 0;
        }
        else if (_pos > 0)
        {
            _buffer.AsSpan(_pos, _end - _pos).CopyTo(_buffer);
            _end -= _pos;
            _pos = _logMark = 0;
        }

        int read;
        try
        {
            read = await _stream.ReadAsync(_buffer.AsMemory(_end), cancellationToken).ConfigureAwait(false);
        }
        catch (IOException e)
        {
            throw new ImapProtocolException("The connection to the IMAP server failed while reading: " + e.Message, e);
        }

        _end += read;
        return read > 0;
    }

    private void AppendScratch(ReadOnlySpan<byte> bytes, ref int length, bool truncate)
    {
        if (length + bytes.Length > _maxTokenBytes)
        {
            if (!truncate)
            {
                throw new ImapProtocolException($"A token in the server's response exceeds the {_maxTokenBytes}-byte limit.");
            }

            bytes = bytes[..Math.Max(0, _maxTokenBytes - length)];
        }

        if (length + bytes.Length > _scratch.Length)
        {
            Array.Resize(ref _scratch, Math.Max(_scratch.Length * 2, length + bytes.Length));
        }

        bytes.CopyTo(_scratch.AsSpan(length));
        length += bytes.Length;
    }

    private void BeginLiteral()
    {
        FlushLogSegment();
        if (_logLine is not null)
        {
            // The literal's note goes on the same log line as its {n} header.
            while (_logLine.Length > 0 && _logLine.GetBuffer()[_logLine.Length - 1] is (byte)'\r' or (byte)'\n')
            {
                _logLine.SetLength(_logLine.Length - 1);
            }
        }
    }

    private void EndLiteral(long length)
    {
        if (_logLine is not null)
        {
            _logLine.Write(Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture, $"<{length} bytes>")));
        }

        _logMark = _pos;
    }

    private void FlushLogSegment()
    {
        if (_logLine is not null && _pos > _logMark)
        {
            _logLine.Write(_buffer, _logMark, _pos - _logMark);
        }

        _logMark = _pos;
    }

    private void EndLine()
    {
        if (_logLine is null)
        {
            return;
        }

        FlushLogSegment();
        var line = Encoding.UTF8.GetString(_logLine.GetBuffer(), 0, (int)_logLine.Length).TrimEnd('\r', '\n');
        _logLine.SetLength(0);
        _logger!.LogServer(line);
    }

    private static ImapProtocolException Closed() => new("The IMAP server closed the connection.");

    private static ImapProtocolException ClosedInLiteral(long length) =>
        new($"The IMAP server closed the connection in the middle of a {length}-byte literal.");

    private static readonly SearchValues<byte> LineBreaks = SearchValues.Create("\r\n"u8);

    private static readonly SearchValues<byte> AtomDelimiters = SearchValues.Create(" \t\r\n()[]\"{"u8);
}
