using Triage.Mime.Transfer;

namespace Triage.Mime;

/// <summary>
/// Parses RFC 5322 / MIME messages. One pass over the raw bytes with a stack of open boundaries; no per-line strings.
/// Malformed input never throws: it degrades and is reported in <see cref="MimeMessage.Diagnostics"/>.
/// </summary>
public static class MimeParser
{
    public static MimeMessage Parse(byte[] message, MimeParserOptions? options = null) =>
        Parse(new ReadOnlyMemory<byte>(message ?? throw new ArgumentNullException(nameof(message))), options);

    public static MimeMessage Parse(ReadOnlyMemory<byte> message, MimeParserOptions? options = null)
    {
        var diagnostics = new List<MimeDiagnostic>();
        return Parse(message, options ?? MimeParserOptions.Default, diagnostics, depth: 0);
    }

    /// <summary>Reads the stream (up to <see cref="MimeParserOptions.MaxMessageSize"/>) and parses it.</summary>
    public static async Task<MimeMessage> ParseAsync(Stream stream, MimeParserOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        options ??= MimeParserOptions.Default;
        var limit = options.MaxMessageSize;
        using var buffer = new MemoryStream(stream.CanSeek ? (int)Math.Min(stream.Length - stream.Position, limit) : 64 * 1024);
        var chunk = new byte[81920];
        var truncated = false;
        while (true)
        {
            var read = await stream.ReadAsync(chunk, cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                break;
            }

            var room = limit - buffer.Length;
            if (read > room)
            {
                buffer.Write(chunk, 0, (int)room);
                truncated = true;
                break;
            }

            buffer.Write(chunk, 0, read);
        }

        var diagnostics = new List<MimeDiagnostic>();
        if (truncated)
        {
            diagnostics.Add(new MimeDiagnostic(MimeDiagnosticCode.MessageTruncated, limit, $"message larger than {limit} bytes; the rest was not read"));
        }

        var bytes = buffer.GetBuffer().AsMemory(0, (int)buffer.Length);
        return Parse(bytes, options, diagnostics, depth: 0);
    }

    internal static MimeMessage Parse(ReadOnlyMemory<byte> raw, MimeParserOptions options, List<MimeDiagnostic> diagnostics, int depth)
    {
        var source = NormalizeBareCarriageReturns(raw, diagnostics);
        var session = new ParseSession(source, options, diagnostics);
        var root = session.ParseEntity(depth, parentIsDigest: false, isMessageRoot: true);
        return new MimeMessage(raw, root, diagnostics);
    }

    /// <summary>
    /// Mail whose lines end in a lone CR (old Mac mailers, some bounces) is parsed from a copy with LF line ends.
    /// Same length, so offsets hold for both; the raw bytes stay as given.
    /// </summary>
    private static ReadOnlyMemory<byte> NormalizeBareCarriageReturns(ReadOnlyMemory<byte> raw, List<MimeDiagnostic> diagnostics)
    {
        var span = raw.Span;
        var firstCr = span.IndexOf((byte)'\r');
        if (firstCr < 0 || (firstCr + 1 < span.Length && span[firstCr + 1] == (byte)'\n'))
        {
            return raw;
        }

        var firstLf = span.IndexOf((byte)'\n');
        if (firstLf >= 0 && firstLf < firstCr)
        {
            return raw;
        }

        var copy = span.ToArray();
        for (var i = 0; i < copy.Length; i++)
        {
            if (copy[i] == (byte)'\r' && (i + 1 == copy.Length || copy[i + 1] != (byte)'\n'))
            {
                copy[i] = (byte)'\n';
            }
        }

        diagnostics.Add(new MimeDiagnostic(MimeDiagnosticCode.BareCarriageReturns, firstCr, "lines end in a bare CR; read as line breaks"));
        return copy;
    }

    private sealed class ParseSession(ReadOnlyMemory<byte> source, MimeParserOptions options, List<MimeDiagnostic> diagnostics)
    {
        private readonly List<byte[]> _boundaries = [];
        private readonly int _end = source.Length;
        private int _pos;
        private int _parts;
        private bool _partLimitReported;
        private bool _depthLimitReported;

        private ReadOnlySpan<byte> Data => source.Span;

        public MimeEntity ParseEntity(int depth, bool parentIsDigest, bool isMessageRoot)
        {
            _parts++;
            var offset = _pos;
            var headers = ReadHeaders(isMessageRoot);
            var contentType = ReadContentType(headers, parentIsDigest, offset);
            var encoding = ReadEncoding(headers, offset);
            var entity = new MimeEntity(source, headers, contentType, encoding, offset) { ContentOffset = _pos };

            if (contentType.IsMultipart)
            {
                if (contentType.Boundary is not { } boundary)
                {
                    Report(MimeDiagnosticCode.MissingBoundary, offset, $"{contentType.MimeType} without a boundary; kept as one part");
                }
                else if (depth >= options.MaxDepth)
                {
                    ReportDepth(offset);
                }
                else
                {
                    ParseMultipart(entity, boundary, depth);
                    return entity;
                }
            }
            else if (contentType.MediaType == "message" && contentType.MediaSubtype is "rfc822" or "global")
            {
                if (encoding is ContentEncoding.Base64 or ContentEncoding.QuotedPrintable or ContentEncoding.UUEncode)
                {
                    ParseLeaf(entity);
                    ParseEncodedMessage(entity, depth);
                    return entity;
                }

                if (depth >= options.MaxDepth)
                {
                    ReportDepth(offset);
                }
                else
                {
                    var inner = ParseEntity(depth + 1, parentIsDigest: false, isMessageRoot: true);
                    entity.ContentLength = inner.ContentOffset + inner.ContentLength - entity.ContentOffset;
                    entity.EmbeddedMessage = new MimeMessage(source[entity.ContentOffset..(entity.ContentOffset + entity.ContentLength)], inner, diagnostics);
                    return entity;
                }
            }

            ParseLeaf(entity);
            return entity;
        }

        private void ParseLeaf(MimeEntity entity)
        {
            var (line, _, _) = ScanToBoundary(_pos);
            var contentEnd = Math.Max(entity.ContentOffset, line - LineBreakBefore(line));
            entity.ContentLength = contentEnd - entity.ContentOffset;
            _pos = line;
        }

        // A transfer-encoded message/rfc822 is decoded and parsed from its own buffer.
        private void ParseEncodedMessage(MimeEntity entity, int depth)
        {
            Report(MimeDiagnosticCode.EncodedMessage, entity.Offset, "message/rfc822 with a transfer encoding; decoded before parsing");
            if (depth >= options.MaxDepth)
            {
                ReportDepth(entity.Offset);
                return;
            }

            var decoded = entity.GetDecodedContent();
            entity.EmbeddedMessage = Parse(decoded, options, diagnostics, depth + 1);
        }

        private void ParseMultipart(MimeEntity entity, string boundary, int depth)
        {
            _boundaries.Add(System.Text.Encoding.UTF8.GetBytes(boundary));
            var own = _boundaries.Count - 1;
            var isDigest = entity.ContentType.MediaSubtype == "digest";
            var children = new List<MimeEntity>();
            var closed = false;

            var (line, match, isClose) = ScanToBoundary(_pos);
            if (match != own)
            {
                // Not one part: the content is kept as one leaf rather than hidden in a preamble.
                _boundaries.RemoveAt(own);
                Report(MimeDiagnosticCode.MissingBoundary, entity.Offset, $"no part starts with boundary \"{boundary}\"; kept as one part");
                ParseLeaf(entity);
                return;
            }

            entity.IsMultipart = true;
            while (true)
            {
                if (match != own)
                {
                    // End of data or an enclosing boundary: the close delimiter is missing.
                    Report(MimeDiagnosticCode.MissingCloseBoundary, line, $"multipart boundary \"{boundary}\" is never closed");
                    _pos = line;
                    break;
                }

                _pos = NextLine(line);
                if (isClose)
                {
                    closed = true;
                    break;
                }

                if (_parts >= options.MaxParts)
                {
                    if (!_partLimitReported)
                    {
                        Report(MimeDiagnosticCode.MaxPartsExceeded, line, $"more than {options.MaxParts} parts; the rest is kept unparsed");
                        _partLimitReported = true;
                    }

                    (line, match, isClose) = ScanToBoundary(_pos);
                    continue;
                }

                children.Add(ParseEntity(depth + 1, isDigest, isMessageRoot: false));
                (line, match, isClose) = ScanToBoundary(_pos);
            }

            _boundaries.RemoveAt(own);
            if (closed)
            {
                // The epilogue runs to the next enclosing boundary.
                (line, _, _) = ScanToBoundary(_pos);
                _pos = line;
            }

            entity.Children = children;
            entity.ContentLength = Math.Max(entity.ContentOffset, _pos - (closed ? LineBreakBefore(_pos) : 0)) - entity.ContentOffset;
        }

        private HeaderList ReadHeaders(bool isMessageRoot)
        {
            var data = Data;
            var headers = new List<Header>();
            Header? current = null;
            var blockStart = _pos;
            var overflowReported = false;
            var first = true;

            while (_pos < _end)
            {
                var lineStart = _pos;
                var newline = data[lineStart.._end].IndexOf((byte)'\n');
                var lineEnd = newline < 0 ? _end : lineStart + newline;
                var next = newline < 0 ? _end : lineEnd + 1;
                var contentEnd = lineEnd > lineStart && data[lineEnd - 1] == (byte)'\r' ? lineEnd - 1 : lineEnd;

                if (contentEnd == lineStart)
                {
                    _pos = next;
                    return new HeaderList(headers);
                }

                if (_boundaries.Count > 0 && data[lineStart] == (byte)'-' && MatchBoundary(lineStart, out _, out _))
                {
                    // A part with headers and no body: the boundary line belongs to the enclosing multipart.
                    return new HeaderList(headers);
                }

                var isFirst = first;
                first = false;
                if (data[lineStart] is (byte)' ' or (byte)'\t')
                {
                    if (current is not null)
                    {
                        current.ValueEnd = contentEnd;
                    }

                    _pos = next;
                    continue;
                }

                var colon = HeaderNameEnd(data[lineStart..contentEnd]);
                if (colon < 0)
                {
                    if (isFirst && isMessageRoot && data[lineStart..contentEnd].StartsWith("From "u8))
                    {
                        // mbox "From " separator line.
                        _pos = next;
                        continue;
                    }

                    Report(MimeDiagnosticCode.MissingHeaderSeparator, lineStart, "a line that is not a header ends the header block");
                    return new HeaderList(headers);
                }

                _pos = next;
                if (lineStart - blockStart > options.MaxHeaderBytes)
                {
                    if (!overflowReported)
                    {
                        Report(MimeDiagnosticCode.HeaderBlockTooLarge, lineStart, $"header block over {options.MaxHeaderBytes} bytes; further fields skipped");
                        overflowReported = true;
                    }

                    current = null;
                    continue;
                }

                var nameEnd = colon;
                while (nameEnd > 0 && data[lineStart + nameEnd - 1] is (byte)' ' or (byte)'\t')
                {
                    nameEnd--;
                }

                current = new Header(HeaderNames.Get(data.Slice(lineStart, nameEnd)), source, lineStart + colon + 1, contentEnd, options.MaxLineLength);
                headers.Add(current);
            }

            return new HeaderList(headers);
        }

        /// <summary>Index of the colon ending a field name, or -1 when the line is not a header (RFC 5322 ftext, obsolete WSP before the colon).</summary>
        private static int HeaderNameEnd(ReadOnlySpan<byte> line)
        {
            var i = 0;
            while (i < line.Length && line[i] > 32 && line[i] != (byte)':' && line[i] != 127)
            {
                i++;
            }

            if (i == 0)
            {
                return -1;
            }

            var j = i;
            while (j < line.Length && line[j] is (byte)' ' or (byte)'\t')
            {
                j++;
            }

            return j < line.Length && line[j] == (byte)':' ? j : -1;
        }

        private ContentType ReadContentType(HeaderList headers, bool parentIsDigest, int offset)
        {
            var header = headers.Find("Content-Type");
            if (header is null || header.Value.Length == 0)
            {
                return parentIsDigest ? ContentType.MessageRfc822 : ContentType.TextPlain;
            }

            var contentType = ContentType.Parse(header.Value, out var valid);
            if (!valid)
            {
                Report(MimeDiagnosticCode.InvalidContentType, offset, "unreadable Content-Type; read as text/plain");
            }

            if (header.IsTruncated)
            {
                Report(MimeDiagnosticCode.HeaderFieldTooLong, offset, $"Content-Type over {options.MaxLineLength} bytes; truncated");
            }

            return contentType;
        }

        private ContentEncoding ReadEncoding(HeaderList headers, int offset)
        {
            var value = headers["Content-Transfer-Encoding"];
            if (!ContentEncodings.TryParse(value, out var encoding))
            {
                Report(MimeDiagnosticCode.UnknownTransferEncoding, offset, "unknown Content-Transfer-Encoding; content passed through");
            }

            return encoding;
        }

        /// <summary>
        /// Finds the next line at or after <paramref name="from"/> (a line start) that is a delimiter of an open multipart.
        /// Returns the line start, the index of the matching boundary (innermost first; -1 at end of data) and whether it closes.
        /// </summary>
        private (int Line, int Match, bool IsClose) ScanToBoundary(int from)
        {
            if (_boundaries.Count == 0)
            {
                return (_end, -1, false);
            }

            var data = Data;
            var line = from;
            while (line < _end)
            {
                if (data[line] == (byte)'-' && MatchBoundary(line, out var match, out var isClose))
                {
                    return (line, match, isClose);
                }

                var found = data[line.._end].IndexOf("\n--"u8);
                if (found < 0)
                {
                    break;
                }

                line += found + 1;
            }

            return (_end, -1, false);
        }

        private bool MatchBoundary(int line, out int match, out bool isClose)
        {
            var data = Data;
            match = -1;
            isClose = false;
            if (line + 2 > _end || data[line] != (byte)'-' || data[line + 1] != (byte)'-')
            {
                return false;
            }

            // An exact delimiter (only white space after it) wins at any depth, so a boundary that is a prefix of
            // another cannot steal its lines; then, as RFC 2046 §5.1.1 allows, any line that starts with a boundary.
            var rest = data[(line + 2).._end];
            for (var pass = 0; pass < 2; pass++)
            {
                for (var i = _boundaries.Count - 1; i >= 0; i--)
                {
                    var boundary = _boundaries[i];
                    if (!rest.StartsWith(boundary))
                    {
                        continue;
                    }

                    var tail = rest[boundary.Length..];
                    var close = tail.StartsWith("--"u8);
                    if (pass == 1 || IsBlankToLineEnd(close ? tail[2..] : tail))
                    {
                        match = i;
                        isClose = close;
                        return true;
                    }
                }
            }

            return false;
        }

        private static bool IsBlankToLineEnd(ReadOnlySpan<byte> tail)
        {
            foreach (var b in tail)
            {
                if (b == (byte)'\n')
                {
                    return true;
                }

                if (b is not ((byte)' ' or (byte)'\t' or (byte)'\r'))
                {
                    return false;
                }
            }

            return true;
        }

        private int NextLine(int position)
        {
            var newline = Data[position.._end].IndexOf((byte)'\n');
            return newline < 0 ? _end : position + newline + 1;
        }

        /// <summary>Length of the line break that ends the line before <paramref name="lineStart"/>: it belongs to the boundary (RFC 2046 §5.1.1).</summary>
        private int LineBreakBefore(int lineStart)
        {
            if (lineStart >= _end)
            {
                return 0;
            }

            var data = Data;
            if (lineStart >= 2 && data[lineStart - 1] == (byte)'\n' && data[lineStart - 2] == (byte)'\r')
            {
                return 2;
            }

            return lineStart >= 1 && data[lineStart - 1] == (byte)'\n' ? 1 : 0;
        }

        private void ReportDepth(int offset)
        {
            if (!_depthLimitReported)
            {
                Report(MimeDiagnosticCode.MaxDepthExceeded, offset, $"nesting deeper than {options.MaxDepth}; kept as one part");
                _depthLimitReported = true;
            }
        }

        private void Report(MimeDiagnosticCode code, long offset, string message) =>
            diagnostics.Add(new MimeDiagnostic(code, offset, message));
    }
}
