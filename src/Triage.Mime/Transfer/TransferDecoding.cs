namespace Triage.Mime.Transfer;

/// <summary>One-shot content-transfer decoders. Tolerant of real-world damage; they never throw on data.</summary>
/// <remarks>Output buffers must hold <see cref="MaxDecodedLength"/> bytes; a shorter one is a caller bug and throws.</remarks>
internal static partial class TransferDecoding
{
    /// <summary>Upper bound for the decoded size of <paramref name="encodedLength"/> bytes in <paramref name="encoding"/>.</summary>
    /// <remarks>Base64 shrinks its input; quoted-printable can double it (a bare LF becomes CRLF); the others never grow it.</remarks>
    public static int MaxDecodedLength(ContentEncoding encoding, int encodedLength)
    {
        var n = Math.Max(0, encodedLength);
        return encoding switch
        {
            ContentEncoding.Base64 => (n / 4 * 3) + 3,
            ContentEncoding.QuotedPrintable => (2 * n) + 2,
            _ => n,
        };
    }

    /// <summary>Decodes base64, skipping line breaks and junk; see <see cref="Base64Decoder"/> for padding rules.</summary>
    public static int Base64Decode(ReadOnlySpan<byte> input, Span<byte> output)
    {
        var decoder = default(Base64Decoder);
        return decoder.Decode(input, output);
    }

    /// <summary>Decodes quoted-printable; see <see cref="QuotedPrintableDecoder"/> for the rules.</summary>
    public static int QuotedPrintableDecode(ReadOnlySpan<byte> input, Span<byte> output)
    {
        if (output.Length < MaxDecodedLength(ContentEncoding.QuotedPrintable, input.Length))
            throw new ArgumentException("Output buffer is smaller than MaxDecodedLength(QuotedPrintable, input.Length).", nameof(output));

        var decoder = default(QuotedPrintableDecoder);
        int written = decoder.DecodeCore(input, output);
        return written + decoder.Flush(output[written..]);
    }
}
