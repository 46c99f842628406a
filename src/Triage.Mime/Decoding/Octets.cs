namespace Triage.Mime.Decoding;

/// <summary>Digit tables shared by the byte-level decoders (Q, RFC 2231 percent escapes, base64 in words and UTF-7).</summary>
internal static class Octets
{
    /// <summary>Reads the escape at <paramref name="at"/> ('=' or '%') followed by two hex digits.</summary>
    public static bool TryReadHexEscape(ReadOnlySpan<char> s, int at, out byte value)
    {
        value = 0;
        if (at + 2 >= s.Length || !char.IsAsciiHexDigit(s[at + 1]) || !char.IsAsciiHexDigit(s[at + 2])) return false;
        value = (byte)((HexValue(s[at + 1]) << 4) | HexValue(s[at + 2]));
        return true;
    }

    /// <summary>The 6-bit value of a base64 digit, or -1.</summary>
    public static int Base64Value(int c) => c switch
    {
        >= 'A' and <= 'Z' => c - 'A',
        >= 'a' and <= 'z' => c - 'a' + 26,
        >= '0' and <= '9' => c - '0' + 52,
        '+' => 62,
        '/' => 63,
        _ => -1,
    };

    private static int HexValue(char c) => c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10;
}
