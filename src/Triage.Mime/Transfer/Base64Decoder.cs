using System.Buffers;
using System.Buffers.Text;
using System.Runtime.CompilerServices;

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
    private const int GatherSize = 2048;   // a multiple of 4

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

        // Clean runs are gathered here and decoded in big blocks: one vectorized call per block beats one per line.
        Span<byte> gather = stackalloc byte[Math.Min(GatherSize, input.Length) & ~3];
        var rank = Rank;
        uint bits = _bits;
        int count = _count;
        int i = 0, o = 0;

        while (i < input.Length)
        {
            if (count == 0 && !gather.IsEmpty)
            {
                // Quantum boundary: jump over junk (line breaks, padding) and decode what follows in bulk.
                int skip = input[i..].IndexOfAny(Alphabet);
                if (skip < 0) break;
                i += skip;
                foreach (byte b in DecodeBulk(input, ref i, gather, output, ref o))
                    Emit(rank[b], ref bits, ref count, output, ref o);
                continue;
            }

            byte c = input[i++];
            uint v = rank[c];
            if (v != Invalid) Emit(v, ref bits, ref count, output, ref o);
            else if (c == (byte)'=') count = 0;
        }

        _bits = bits;
        _count = count;
        return o;
    }

    /// <summary>
    /// Decodes alphabet runs separated only by whitespace, starting at an alphabet byte on a quantum boundary, and
    /// stops before any other byte (padding and junk are left to the scalar loop). Returns the trailing partial
    /// quantum (fewer than 4 alphabet bytes, still in <paramref name="gather"/>) for the scalar loop to finish.
    /// </summary>
    private static ReadOnlySpan<byte> DecodeBulk(ReadOnlySpan<byte> input, ref int i, Span<byte> gather, Span<byte> output, ref int o)
    {
        int filled = 0;
        while (true)
        {
            var rest = input[i..];
            int run = rest.IndexOfAnyExcept(Alphabet);
            var src = run < 0 ? rest : rest[..run];
            i += src.Length;
            while (!src.IsEmpty)
            {
                int take = Math.Min(src.Length, gather.Length - filled);
                src[..take].CopyTo(gather[filled..]);
                filled += take;
                src = src[take..];
                if (filled == gather.Length)
                {
                    o += DecodeWhole(gather, output[o..]);
                    filled = 0;
                }
            }

            while (i < input.Length && input[i] is (byte)'\r' or (byte)'\n' or (byte)' ' or (byte)'\t') i++;
            if (i >= input.Length || !Alphabet.Contains(input[i])) break;
        }

        int whole = filled & ~3;
        o += DecodeWhole(gather[..whole], output[o..]);
        return gather[whole..filled];
    }

    /// <summary>Decodes whole quanta of pure alphabet, which are always valid and fully consumed.</summary>
    private static int DecodeWhole(ReadOnlySpan<byte> quanta, Span<byte> output)
    {
        Base64.DecodeFromUtf8(quanta, output, out _, out int written, isFinalBlock: true);
        return written;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Emit(uint v, ref uint bits, ref int count, Span<byte> output, ref int o)
    {
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

    private static byte[] BuildRank()
    {
        var rank = new byte[256];
        rank.AsSpan().Fill(Invalid);
        ReadOnlySpan<byte> alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"u8;
        for (int k = 0; k < alphabet.Length; k++) rank[alphabet[k]] = (byte)k;
        return rank;
    }
}
