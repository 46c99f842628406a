using System.Text;

namespace Triage.Mime.Decoding;

/// <summary>
/// UTF-7 (RFC 2152). .NET 5+ refuses <c>Encoding.GetEncoding("utf-7")</c> and obsoletes <c>Encoding.UTF7</c>
/// (SYSLIB0001), yet old Outlook and Eudora mail still declares it, so we carry a small implementation.
/// Decoding is lenient: a '+' that starts no base64 run stays a '+', leftover bits are dropped, bytes above
/// 0x7F become U+FFFD. Stateless per call: a base64 run split across two <c>GetChars</c> calls is not joined.
/// </summary>
internal sealed class Utf7Encoding : Encoding
{
    private const string Base64Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

    private Utf7Encoding()
        : base(65000)
    {
    }

    public static Utf7Encoding Instance { get; } = new();

    public override string WebName => "utf-7";

    public override string EncodingName => "Unicode (UTF-7)";

    public override int GetMaxCharCount(int byteCount)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(byteCount);
        // Every byte yields at most one char: direct bytes one each, base64 needs ≥ 2 bytes per UTF-16 unit.
        return byteCount;
    }

    public override int GetMaxByteCount(int charCount)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(charCount);
        // Worst case is a lone non-direct char between direct ones: '+', three base64 digits, '-'.
        var max = (long)charCount * 5;
        ArgumentOutOfRangeException.ThrowIfGreaterThan(max, int.MaxValue, nameof(charCount));
        return (int)max;
    }

    public override int GetCharCount(byte[] bytes, int index, int count) => GetCharCount(bytes.AsSpan(index, count));

    public override int GetCharCount(ReadOnlySpan<byte> bytes) => Decode(bytes, [], write: false);

    public override int GetChars(byte[] bytes, int byteIndex, int byteCount, char[] chars, int charIndex) =>
        GetChars(bytes.AsSpan(byteIndex, byteCount), chars.AsSpan(charIndex));

    public override int GetChars(ReadOnlySpan<byte> bytes, Span<char> chars)
    {
        if (chars.Length < bytes.Length && chars.Length < Decode(bytes, [], write: false))
            throw new ArgumentException("Destination is too small.", nameof(chars));
        return Decode(bytes, chars, write: true);
    }

    public override string GetString(byte[] bytes, int index, int count) => DecodeToString(bytes.AsSpan(index, count));

    public override int GetByteCount(char[] chars, int index, int count) => GetByteCount(chars.AsSpan(index, count));

    public override int GetByteCount(ReadOnlySpan<char> chars) => Encode(chars, [], write: false);

    public override int GetBytes(char[] chars, int charIndex, int charCount, byte[] bytes, int byteIndex) =>
        GetBytes(chars.AsSpan(charIndex, charCount), bytes.AsSpan(byteIndex));

    public override int GetBytes(ReadOnlySpan<char> chars, Span<byte> bytes)
    {
        if (bytes.Length < Encode(chars, [], write: false))
            throw new ArgumentException("Destination is too small.", nameof(bytes));
        return Encode(chars, bytes, write: true);
    }

    /// <summary>Decodes without going through the pointer-based <see cref="Encoding"/> plumbing.</summary>
    public static string DecodeToString(ReadOnlySpan<byte> bytes)
    {
        if (bytes.IsEmpty) return string.Empty;
        Span<char> buffer = bytes.Length <= 512 ? stackalloc char[bytes.Length] : new char[bytes.Length];
        var written = Decode(bytes, buffer, write: true);
        return new string(buffer[..written]);
    }

    private static int Decode(ReadOnlySpan<byte> src, Span<char> dest, bool write)
    {
        var n = 0;
        var i = 0;
        while (i < src.Length)
        {
            var b = src[i++];
            if (b != (byte)'+')
            {
                if (write) dest[n] = b < 0x80 ? (char)b : '\uFFFD';
                n++;
                continue;
            }

            var runStart = i;
            var bits = 0;
            var buffer = 0;
            while (i < src.Length)
            {
                var v = Octets.Base64Value(src[i]);
                if (v < 0) break;
                i++;
                buffer = (buffer << 6) | v;
                bits += 6;
                if (bits >= 16)
                {
                    bits -= 16;
                    if (write) dest[n] = (char)((buffer >> bits) & 0xFFFF);
                    n++;
                    buffer &= (1 << bits) - 1;
                }
            }

            if (i < src.Length && src[i] == (byte)'-')
            {
                i++;
                // "+-" is the escape for a literal plus.
                if (i - 1 == runStart)
                {
                    if (write) dest[n] = '+';
                    n++;
                }
            }
            else if (i == runStart)
            {
                // A '+' that opens no run is kept as written rather than swallowed.
                if (write) dest[n] = '+';
                n++;
            }
        }
        return n;
    }

    private static int Encode(ReadOnlySpan<char> src, Span<byte> dest, bool write)
    {
        var n = 0;
        var i = 0;
        while (i < src.Length)
        {
            var c = src[i];
            if (IsDirect(c))
            {
                if (write) dest[n] = (byte)c;
                n++;
                i++;
                continue;
            }
            if (c == '+')
            {
                if (write)
                {
                    dest[n] = (byte)'+';
                    dest[n + 1] = (byte)'-';
                }
                n += 2;
                i++;
                continue;
            }

            if (write) dest[n] = (byte)'+';
            n++;
            var buffer = 0;
            var bits = 0;
            while (i < src.Length && !IsDirect(src[i]) && src[i] != '+')
            {
                buffer = (buffer << 16) | src[i++];
                bits += 16;
                while (bits >= 6)
                {
                    bits -= 6;
                    if (write) dest[n] = (byte)Base64Alphabet[(buffer >> bits) & 0x3F];
                    n++;
                }
                buffer &= (1 << bits) - 1;
            }
            if (bits > 0)
            {
                if (write) dest[n] = (byte)Base64Alphabet[(buffer << (6 - bits)) & 0x3F];
                n++;
            }
            // Always close the run explicitly so the next direct char can never be misread as base64.
            if (write) dest[n] = (byte)'-';
            n++;
        }
        return n;
    }

    // RFC 2152 "Set D" plus the white space characters that may be written directly.
    private static bool IsDirect(char c) =>
        char.IsAsciiLetterOrDigit(c) || c is '\'' or '(' or ')' or ',' or '-' or '.' or '/' or ':' or '?' or ' ' or '\t' or '\r' or '\n';
}
