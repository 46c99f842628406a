using System.Buffers;
using System.Buffers.Text;

namespace Triage.Mime.Transfer;

/// <summary>
/// Incremental, tolerant base64 decoder for MIME bodies. Feed it chunks split anywhere; the result equals
/// decoding the concatenation in one call.
/// </summary>
/// <remarks>
/// <para>Tolerance: CR, LF, whitespace and any byte outside the alphabet are skipped. Missing padding is fine
/// and a dangling single character is dropped, so nothing needs flushing at the end.</para>
/// <para>Padding: an <c>=</c> closes the current quantum and further <c>=</c> are ignored. Alphabet characters
/// after the padding start a fresh block, so concatenated blocks (<c>SQ==QU0=</c>, e.g. a mailing-list footer
/// appended as its own base64 run) decode to <c>IAM</c> as GNU <c>base64 -d</c> does. MimeKit instead decodes a
/// mid-stream <c>=</c> as zero bits and only trims trailing padding, which inserts NUL bytes in that case.</para>
/// <para>Each byte is emitted as soon as its bits are known, which is what makes flushing unnecessary.
/// This is a mutable struct: keep it in a field or local and never copy it mid-stream.</para>
/// </remarks>
internal struct Base64Decoder
{
    private const byte Invalid = 0xFF;

    private static readonly SearchValues<byte> Alphabet =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"u8);

    private static readonly byte[] Rank = BuildRank();

    private uint _bits;   // low bits of the last sextet that are not yet part of an emitted byte
    private int _count;   // sextets seen in the current quantum, 0..3

    /// <summary>Upper bound of bytes one <see cref="Decode"/> call writes for <paramref name="encodedLength"/> input bytes.</summary>
    /// <remarks>A quantum of k sextets emits at most ceil(3k/4) bytes whatever state the previous call left.</remarks>
    public static int MaxDecodedLength(int encodedLength) => encodedLength <= 0 ? 0 : encodedLength - encodedLength / 4;

    /// <summary>Decodes <paramref name="input"/>, continuing the state of previous calls. Returns bytes written.</summary>
    /// <exception cref="ArgumentException"><paramref name="output"/> is shorter than <see cref="MaxDecodedLength"/>; a caller bug, never caused by the data.</exception>
    public int Decode(ReadOnlySpan<byte> input, Span<byte> output)
    {
        if (output.Length < MaxDecodedLength(input.Length))
            throw new ArgumentException("Output buffer is smaller than MaxDecodedLength(input.Length).", nameof(output));

        var rank = Rank;
        uint bits = _bits;
        int count = _count;
        int i = 0, o = 0;

        while (i < input.Length)
        {
            if (count == 0)
            {
                // Quantum boundary: jump over junk (line breaks, padding) and decode the clean run in bulk.
                int skip = input[i..].IndexOfAny(Alphabet);
                if (skip < 0) break;
                i += skip;

                int run = input[i..].IndexOfAnyExcept(Alphabet);
                int whole = (run < 0 ? input.Length - i : run) & ~3;
                if (whole != 0)
                {
                    // Whole quanta of pure alphabet without padding always decode completely.
                    Base64.DecodeFromUtf8(input.Slice(i, whole), output[o..], out int consumed, out int written, isFinalBlock: true);
                    i += consumed;
                    o += written;
                    if (i >= input.Length) break;
                }
            }

            byte c = input[i++];
            uint v = rank[c];
            if (v == Invalid)
            {
                if (c == (byte)'=') count = 0;
                continue;
            }

            switch (count)
            {
                case 0:
                    bits = v;
                    count = 1;
                    break;
                case 1:
                    output[o++] = (byte)((bits << 2) | (v >> 4));
                    bits = v & 0x0F;
                    count = 2;
                    break;
                case 2:
                    output[o++] = (byte)((bits << 4) | (v >> 2));
                    bits = v & 0x03;
                    count = 3;
                    break;
                default:
                    output[o++] = (byte)((bits << 6) | v);
                    count = 0;
                    break;
            }
        }

        _bits = bits;
        _count = count;
        return o;
    }

    private static byte[] BuildRank()
    {
        var rank = new byte[256];
        rank.AsSpan().Fill(Invalid);
        ReadOnlySpan<byte> alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"u8;
        for (int k = 0; k < alphabet.Length; k++) rank[alphabet[k]] = (byte)k;
        return rank;
    }
}
