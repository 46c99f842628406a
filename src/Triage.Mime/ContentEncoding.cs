namespace Triage.Mime;

/// <summary>A part's Content-Transfer-Encoding. Unknown values read as <see cref="SevenBit"/>: the content is passed through.</summary>
public enum ContentEncoding
{
    SevenBit,
    EightBit,
    Binary,
    Base64,
    QuotedPrintable,
    UUEncode,
}

internal static class ContentEncodings
{
    /// <summary>Maps a header value leniently (case, spaces, common misspellings); false when it names no known encoding.</summary>
    public static bool TryParse(string? value, out ContentEncoding encoding)
    {
        encoding = ContentEncoding.SevenBit;
        if (string.IsNullOrWhiteSpace(value))
        {
            return true;
        }

        // Some mailers append parameters or comments: "base64; charset=x", "7bit (ascii)".
        var token = value.AsSpan().Trim();
        var stop = token.IndexOfAny(";( \t");
        if (stop > 0)
        {
            token = token[..stop];
        }

        Span<char> lower = stackalloc char[Math.Min(token.Length, 32)];
        var n = token[..lower.Length].ToLowerInvariant(lower);
        encoding = lower[..n] switch
        {
            "7bit" or "7-bit" or "ascii" or "us-ascii" => ContentEncoding.SevenBit,
            "8bit" or "8-bit" or "8bits" => ContentEncoding.EightBit,
            "binary" => ContentEncoding.Binary,
            "base64" or "base-64" or "b" => ContentEncoding.Base64,
            "quoted-printable" or "quotedprintable" or "quoted_printable" or "qp" or "q" => ContentEncoding.QuotedPrintable,
            "x-uuencode" or "uuencode" or "x-uue" or "uue" => ContentEncoding.UUEncode,
            _ => (ContentEncoding)(-1),
        };
        if ((int)encoding == -1 || n != token.Length)
        {
            encoding = ContentEncoding.SevenBit;
            return false;
        }

        return true;
    }
}
