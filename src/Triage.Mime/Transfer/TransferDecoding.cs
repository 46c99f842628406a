namespace Triage.Mime.Transfer;

/// <summary>One-shot content-transfer decoders. Tolerant of real-world damage; they never throw on data.</summary>
/// <remarks>Output buffers must hold <see cref="MaxDecodedLength"/> bytes; a shorter one is a caller bug and throws.</remarks>
internal static partial class TransferDecoding
{
    /// <summary>Upper bound for the decoded size of <paramref name="encodedLength"/> bytes in any supported encoding.</summary>
    /// <remarks>No decoder here expands its input: base64 shrinks it, quoted-printable and uuencode never grow it.</remarks>
    public static int MaxDecodedLength(int encodedLength) => Math.Max(0, encodedLength);

    /// <summary>Decodes base64, skipping line breaks and junk; see <see cref="Base64Decoder"/> for padding rules.</summary>
    public static int Base64Decode(ReadOnlySpan<byte> input, Span<byte> output)
    {
        var decoder = default(Base64Decoder);
        return decoder.Decode(input, output);
    }

    /// <summary>Decodes quoted-printable; see <see cref="QuotedPrintableDecoder"/> for the rules.</summary>
    public static int QuotedPrintableDecode(ReadOnlySpan<byte> input, Span<byte> output)
    {
        if (output.Length < MaxDecodedLength(input.Length))
            throw new ArgumentException("Output buffer is smaller than MaxDecodedLength(input.Length).", nameof(output));

        // A fresh decoder never writes more than the input holds, so the streaming slack is not needed here.
        var decoder = default(QuotedPrintableDecoder);
        int written = decoder.DecodeCore(input, output);
        return written + decoder.Flush(output[written..]);
    }
}
