namespace Triage.Mime.Transfer;

// STUB: replaced by the transfer-decoding work.
internal static class TransferDecoding
{
    /// <summary>Upper bound for the decoded size of <paramref name="encodedLength"/> bytes in any supported encoding.</summary>
    public static int MaxDecodedLength(int encodedLength) => encodedLength;

    public static int Base64Decode(ReadOnlySpan<byte> input, Span<byte> output)
    {
        var clean = new List<byte>();
        foreach (var b in input) if (char.IsAsciiLetterOrDigit((char)b) || b is (byte)'+' or (byte)'/') clean.Add(b);
        while (clean.Count % 4 != 0) clean.RemoveAt(clean.Count - 1);
        var bytes = Convert.FromBase64String(System.Text.Encoding.ASCII.GetString(clean.ToArray()));
        bytes.CopyTo(output);
        return bytes.Length;
    }

    public static int QuotedPrintableDecode(ReadOnlySpan<byte> input, Span<byte> output)
    {
        input.CopyTo(output);
        return input.Length;
    }

    public static int UUDecode(ReadOnlySpan<byte> input, Span<byte> output, out string? fileName)
    {
        fileName = null;
        return 0;
    }
}
