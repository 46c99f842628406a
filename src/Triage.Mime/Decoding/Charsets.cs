using System.Text;

namespace Triage.Mime.Decoding;

// STUB: replaced by the decoding work.
internal static class Charsets
{
    static Charsets() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    public static Encoding? Resolve(string? charsetName)
    {
        if (string.IsNullOrWhiteSpace(charsetName)) return null;
        try { return Encoding.GetEncoding(charsetName.Trim().Trim('"')); } catch (ArgumentException) { return null; }
    }

    public static string Decode(ReadOnlySpan<byte> bytes, string? charsetName) =>
        (Resolve(charsetName) ?? Encoding.UTF8).GetString(bytes);

    public static string DecodeHeader(ReadOnlySpan<byte> raw, string? fallbackCharset = null) => Encoding.UTF8.GetString(raw);
}
