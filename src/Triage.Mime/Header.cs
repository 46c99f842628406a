using Triage.Mime.Decoding;

namespace Triage.Mime;

/// <summary>
/// One header field. It points into the raw message; the unfolded, charset-decoded value is made on first use.
/// </summary>
public sealed class Header
{
    private readonly ReadOnlyMemory<byte> _source;
    private readonly int _maxValueBytes;
    private string? _value;

    internal Header(string name, ReadOnlyMemory<byte> source, int valueStart, int valueEnd, int maxValueBytes)
    {
        Name = name;
        _source = source;
        ValueStart = valueStart;
        ValueEnd = valueEnd;
        _maxValueBytes = maxValueBytes;
    }

    /// <summary>The field name as written.</summary>
    public string Name { get; }

    internal int ValueStart { get; }

    internal int ValueEnd { get; set; }

    /// <summary>The raw bytes after the colon, folding included.</summary>
    public ReadOnlyMemory<byte> RawValue => _source[ValueStart..ValueEnd];

    /// <summary>True when the raw field exceeds <see cref="MimeParserOptions.MaxLineLength"/> and <see cref="Value"/> is truncated.</summary>
    public bool IsTruncated => ValueEnd - ValueStart > _maxValueBytes;

    /// <summary>Unfolded and trimmed; raw 8-bit text decoded as UTF-8 (RFC 6532) or the fallback charset. Encoded words are left as they are.</summary>
    public string Value => _value ??= Unfold(RawValue.Span[..Math.Min(ValueEnd - ValueStart, _maxValueBytes)]);

    /// <summary>The value with RFC 2047 encoded words decoded, for unstructured fields such as Subject.</summary>
    public string DecodedText => EncodedWords.DecodeText(Value);

    public override string ToString() => $"{Name}: {Value}";

    private static string Unfold(ReadOnlySpan<byte> raw)
    {
        if (raw.IndexOfAny((byte)'\r', (byte)'\n') < 0)
        {
            return Charsets.DecodeHeader(raw.Trim(" \t"u8)).Trim();
        }

        var buffer = raw.Length <= 1024 ? stackalloc byte[raw.Length] : new byte[raw.Length];
        var length = 0;
        foreach (var b in raw)
        {
            if (b is not ((byte)'\r' or (byte)'\n'))
            {
                buffer[length++] = b;
            }
        }

        return Charsets.DecodeHeader(buffer[..length].Trim(" \t"u8)).Trim();
    }
}
