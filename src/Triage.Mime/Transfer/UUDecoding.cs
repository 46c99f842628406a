using System.Text;
using System.Text.Unicode;

namespace Triage.Mime.Transfer;

/// <summary>A uuencoded file inside text: <paramref name="Start"/> is the <c>begin</c> line and
/// <paramref name="Length"/> runs through the <c>end</c> line and its line break (or the last data line when
/// <c>end</c> is missing).</summary>
internal sealed record UUBlock(string FileName, int Start, int Length);

internal static partial class TransferDecoding
{
    /// <summary>
    /// Decodes uuencoded data (<c>x-uuencode</c>, <c>uuencode</c>, <c>x-uue</c>). Data starts after the first
    /// <c>begin &lt;mode&gt; &lt;name&gt;</c> line, or at the first line when there is none, and ends at
    /// <c>end</c>, at a zero-length line after data, or at the end of the input.
    /// </summary>
    /// <remarks>Both space and backquote count as zero. Lines with bytes outside the uuencode range are skipped.
    /// A length character that claims more than the line carries decodes only what the line carries.</remarks>
    public static int UUDecode(ReadOnlySpan<byte> input, Span<byte> output, out string? fileName)
    {
        if (output.Length < MaxDecodedLength(ContentEncoding.UUEncode, input.Length))
            throw new ArgumentException("Output buffer is smaller than MaxDecodedLength(UUEncode, input.Length).", nameof(output));

        fileName = null;
        int pos = 0;
        for (int p = 0; p < input.Length;)
        {
            var line = NextLine(input, ref p);
            if (TryParseBegin(line, out var name))
            {
                fileName = name;
                pos = p;
                break;
            }
        }

        bool decodedAny = false;
        int o = 0;
        while (pos < input.Length)
        {
            var line = NextLine(input, ref pos);
            if (IsEndLine(line)) break;
            if (line.IsEmpty || !IsUUText(line))
            {
                // An empty line after data is a zero-length line whose trailing space was stripped in transit.
                if (line.IsEmpty && decodedAny) break;
                continue;
            }

            int claimed = UUValue(line[0]);
            if (claimed == 0)
            {
                if (decodedAny || fileName is not null) break;
                continue;
            }

            o += DecodeUULine(line[1..], claimed, output[o..]);
            decodedAny = true;
        }

        return o;
    }

    /// <summary>Finds uuencoded files embedded in a text body, e.g. old clients pasting attachments into text/plain.</summary>
    /// <remarks>Only well-formed data lines (length character matching the line) extend a block, so trailing prose
    /// is not swallowed when <c>end</c> is missing. A <c>begin</c> line without any data line is ignored.</remarks>
    internal static IReadOnlyList<UUBlock> FindUUBlocks(ReadOnlySpan<byte> text)
    {
        List<UUBlock>? blocks = null;
        int pos = 0;
        while (pos < text.Length)
        {
            int lineStart = pos;
            var line = NextLine(text, ref pos);
            if (!TryParseBegin(line, out var name)) continue;

            int blockEnd = pos;
            bool sawData = false, ended = false;
            int scan = pos;
            while (scan < text.Length)
            {
                int candidate = scan;
                var data = NextLine(text, ref scan);
                if (IsEndLine(data))
                {
                    blockEnd = scan;
                    ended = true;
                    break;
                }

                if (data.IsEmpty) continue;   // only kept if a data line or 'end' follows
                if (!IsStrictUULine(data))
                {
                    scan = candidate;
                    break;
                }

                blockEnd = scan;
                if (UUValue(data[0]) != 0) sawData = true;
            }

            if (sawData || ended)
            {
                (blocks ??= []).Add(new UUBlock(name, lineStart, blockEnd - lineStart));
                pos = blockEnd;
            }
            else
            {
                // Lines scanned so far were uu lines or blank, none of them can be a 'begin' line: resume after them.
                pos = scan;
            }
        }

        return blocks ?? (IReadOnlyList<UUBlock>)[];
    }

    private static int DecodeUULine(ReadOnlySpan<byte> chars, int claimed, Span<byte> output)
    {
        // floor(3c/4) is the most that c characters can carry; a longer claim is junk, a shorter one ignores extras.
        int count = Math.Min(claimed, chars.Length * 3 / 4);
        int o = 0;
        for (int p = 0; o < count; p += 4)
        {
            int a = UUValue(chars[p]);
            int b = UUValue(chars[p + 1]);
            int c = p + 2 < chars.Length ? UUValue(chars[p + 2]) : 0;
            int d = p + 3 < chars.Length ? UUValue(chars[p + 3]) : 0;
            output[o++] = (byte)((a << 2) | (b >> 4));
            if (o < count) output[o++] = (byte)((b << 4) | (c >> 2));
            if (o < count) output[o++] = (byte)((c << 6) | d);
        }

        return o;
    }

    private static int UUValue(byte c) => (c - 0x20) & 0x3F;

    private static bool IsUUText(ReadOnlySpan<byte> line) => line.IndexOfAnyExceptInRange((byte)0x20, (byte)0x60) < 0;

    /// <summary>A data line whose length character agrees with its characters (a checksum or stray pair allowed).</summary>
    private static bool IsStrictUULine(ReadOnlySpan<byte> line)
    {
        if (!IsUUText(line)) return false;
        int claimed = UUValue(line[0]);
        int chars = line.Length - 1;
        int needed = (claimed * 4 + 2) / 3;
        int padded = (claimed + 2) / 3 * 4;
        return chars >= needed && chars <= padded + 2;
    }

    private static bool IsEndLine(ReadOnlySpan<byte> line) =>
        line.StartsWith("end"u8) && line[3..].IndexOfAnyExcept((byte)' ', (byte)'\t') < 0;

    private static bool TryParseBegin(ReadOnlySpan<byte> line, out string name)
    {
        name = "";
        if (!line.StartsWith("begin "u8)) return false;
        var rest = line[6..].TrimStart((byte)' ');
        int mode = rest.IndexOfAnyExceptInRange((byte)'0', (byte)'7');
        if (mode <= 0 || rest[mode] is not ((byte)' ' or (byte)'\t')) return false;
        var file = rest[mode..].Trim(" \t"u8);
        if (file.IsEmpty) return false;
        name = Utf8.IsValid(file) ? Encoding.UTF8.GetString(file) : Encoding.Latin1.GetString(file);
        return true;
    }

    /// <summary>Returns the line at <paramref name="pos"/> without its CR/LF and moves past it.</summary>
    private static ReadOnlySpan<byte> NextLine(ReadOnlySpan<byte> text, ref int pos)
    {
        var rest = text[pos..];
        int lf = rest.IndexOf((byte)'\n');
        var line = lf < 0 ? rest : rest[..lf];
        pos += lf < 0 ? rest.Length : lf + 1;
        return line.Length != 0 && line[^1] == (byte)'\r' ? line[..^1] : line;
    }
}
