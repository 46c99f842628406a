using System.Buffers;
using Triage.Mime.Decoding;
using Triage.Mime.Headers;
using Triage.Mime.Tnef;
using Triage.Mime.Transfer;

namespace Triage.Mime;

/// <summary>
/// One node of the MIME tree: a multipart with <see cref="Children"/>, an embedded message, or a leaf.
/// Content stays encoded in the raw buffer until it is asked for.
/// </summary>
public sealed class MimeEntity
{
    private static readonly IReadOnlyList<MimeEntity> NoChildren = [];
    private static readonly SearchValues<byte> CharsetValueEnd = SearchValues.Create("\"'>;/ \t\r\n"u8);

    private readonly ReadOnlyMemory<byte> _source;
    private ContentDisposition? _disposition;
    private bool _dispositionParsed;
    private int _decodedLength = -1;

    internal MimeEntity(ReadOnlyMemory<byte> source, HeaderList headers, ContentType contentType, ContentEncoding encoding, int offset)
    {
        _source = source;
        Headers = headers;
        ContentType = contentType;
        ContentEncoding = encoding;
        Offset = offset;
    }

    public HeaderList Headers { get; }

    /// <summary>Never null: text/plain when the header is missing or invalid, message/rfc822 inside multipart/digest.</summary>
    public ContentType ContentType { get; }

    public ContentEncoding ContentEncoding { get; }

    public ContentDisposition? ContentDisposition
    {
        get
        {
            if (!_dispositionParsed)
            {
                var value = Headers["Content-Disposition"];
                _disposition = string.IsNullOrEmpty(value) ? null : ContentDisposition.Parse(value);
                _dispositionParsed = true;
            }

            return _disposition;
        }
    }

    /// <summary>Disposition filename, else the Content-Type name parameter; decoded.</summary>
    public string? FileName => ContentDisposition?.FileName ?? ContentType.Name;

    /// <summary>Content-ID without angle brackets.</summary>
    public string? ContentId => Headers["Content-ID"] is { } id ? MessageIds.ParseSingle(id) ?? id.Trim('<', '>', ' ') : null;

    /// <summary>Byte offset of the part's first header line in its buffer.</summary>
    public int Offset { get; }

    public int ContentOffset { get; internal set; }

    public int ContentLength { get; internal set; }

    /// <summary>The content as it stands in the message (still transfer-encoded). For a multipart: preamble, parts and epilogue.</summary>
    public ReadOnlyMemory<byte> RawContent => _source.Slice(ContentOffset, ContentLength);

    public IReadOnlyList<MimeEntity> Children { get; internal set; } = NoChildren;

    /// <summary>The parsed message inside a message/rfc822 (or message/global) part.</summary>
    public MimeMessage? EmbeddedMessage { get; internal set; }

    /// <summary>True for a multipart that was parsed into children (false when it lacked a boundary or was too deep).</summary>
    public bool IsMultipart { get; internal set; }

    public bool IsAttachmentDisposition => ContentDisposition?.IsAttachment == true;

    /// <summary>Decodes the transfer encoding into a new array.</summary>
    public byte[] GetDecodedContent() => WithContent(static content => content.ToArray());

    /// <summary>Size of the decoded content in bytes.</summary>
    public int DecodedLength
    {
        get
        {
            if (_decodedLength < 0)
            {
                _decodedLength = WithContent(static content => content.Length);
            }

            return _decodedLength;
        }
    }

    /// <summary>Text of the part: transfer-decoded, then charset-decoded (declared charset, else UTF-8 or the fallback).</summary>
    public string GetText() => GetText(null);

    internal string GetText(string? fallbackCharset) =>
        WithContent(content => Charsets.Decode(content, CharsetFor(content, fallbackCharset)));

    /// <summary>The declared charset; for HTML without one, the charset its own &lt;meta&gt; names near the top.</summary>
    private string? CharsetFor(ReadOnlySpan<byte> content, string? fallbackCharset) =>
        ContentType.Charset
        ?? (ContentType.Is("text", "html") ? SniffMetaCharset(content[..Math.Min(content.Length, 2048)]) : null)
        ?? fallbackCharset;

    private static string? SniffMetaCharset(ReadOnlySpan<byte> head)
    {
        var at = IndexOfIgnoreAsciiCase(head, "charset="u8);
        if (at < 0)
        {
            return null;
        }

        var value = head[(at + 8)..].TrimStart("\"' "u8);
        var end = value.IndexOfAny(CharsetValueEnd);
        return end > 0 ? System.Text.Encoding.ASCII.GetString(value[..end]) : null;
    }

    private static int IndexOfIgnoreAsciiCase(ReadOnlySpan<byte> haystack, ReadOnlySpan<byte> lowerNeedle)
    {
        for (var i = 0; i + lowerNeedle.Length <= haystack.Length; i++)
        {
            var j = 0;
            while (j < lowerNeedle.Length && (haystack[i + j] | 0x20) == lowerNeedle[j])
            {
                j++;
            }

            if (j == lowerNeedle.Length)
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>Attachments inside a winmail.dat (application/ms-tnef) part; empty for other parts or unreadable data.</summary>
    public IReadOnlyList<TnefAttachment> GetTnefAttachments()
    {
        if (!IsTnef)
        {
            return [];
        }

        var data = GetDecodedContent();
        return TnefReader.ReadAttachments(data, out _);
    }

    internal bool IsTnef =>
        ContentType.Is("application", "ms-tnef") || ContentType.Is("application", "vnd.ms-tnef")
        || string.Equals(FileName, "winmail.dat", StringComparison.OrdinalIgnoreCase);

    public override string ToString() => $"{ContentType.MimeType} ({ContentLength} bytes)";

    private bool NeedsDecoding => ContentEncoding is ContentEncoding.Base64 or ContentEncoding.QuotedPrintable or ContentEncoding.UUEncode;

    /// <summary>Runs <paramref name="use"/> on the decoded content: the raw bytes when there is no transfer encoding, else a pooled buffer.</summary>
    private T WithContent<T>(Func<ReadOnlySpan<byte>, T> use)
    {
        if (!NeedsDecoding)
        {
            return use(RawContent.Span);
        }

        var buffer = ArrayPool<byte>.Shared.Rent(TransferDecoding.MaxDecodedLength(ContentEncoding, ContentLength));
        try
        {
            var length = Decode(RawContent.Span, buffer);
            _decodedLength = length;
            return use(buffer.AsSpan(0, length));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private int Decode(ReadOnlySpan<byte> raw, Span<byte> output) => ContentEncoding switch
    {
        ContentEncoding.Base64 => TransferDecoding.Base64Decode(raw, output),
        ContentEncoding.QuotedPrintable => TransferDecoding.QuotedPrintableDecode(raw, output),
        ContentEncoding.UUEncode => TransferDecoding.UUDecode(raw, output, out _),
        _ => throw new System.Diagnostics.UnreachableException("only transfer-encoded content is decoded"),
    };
}
