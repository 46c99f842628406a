using System.Buffers;

namespace Triage.Mime.Transfer;

/// <summary>
/// Incremental quoted-printable decoder (RFC 2045 §6.7). Feed it chunks split anywhere, then call
/// <see cref="Flush"/> once; the result equals <see cref="TransferDecoding.QuotedPrintableDecode"/> on the whole input.
/// </summary>
/// <remarks>
/// <para><c>=XX</c> decodes with either hex case. Soft line breaks are <c>=</c> followed by optional blanks and then
/// CRLF, LF or a bare CR. A <c>=</c> at the very end of the data is a soft break too: the CRLF that followed it
/// belongs to the next MIME boundary. Any other <c>=</c> sequence is kept literally.</para>
/// <para>Blanks at the end of a line (or of the data) were added in transport and are removed. A hard line break is
/// written as CRLF, the canonical form it stands for (RFC 2045 §6.7 rule 4), whatever the mail's line ends were.</para>
/// <para>This is a mutable struct: keep it in a field or local and never copy it mid-stream.</para>
/// </remarks>
internal struct QuotedPrintableDecoder
{
    private static readonly SearchValues<byte> Specials = SearchValues.Create("=\r\n"u8);
    private static readonly SearchValues<byte> Blanks = SearchValues.Create(" \t"u8);

    private enum State : byte
    {
        Text,
        Equals,        // saw '='
        EqualsHex,     // saw '=' and one hex digit (kept in _hex)
        EqualsBlanks,  // saw '=' then blanks (held in _held): a soft break if a line end follows
        SoftBreakCR,   // a soft break ended in CR: swallow the LF of a CRLF
    }

    private State _state;
    private byte _hex;
    private byte[]? _held;  // blanks that end a chunk: dropped if a line end follows, written otherwise
    private int _heldCount;
    private bool _lastWasCR;

    /// <summary>Upper bound of bytes the next <see cref="Decode"/> call writes for <paramref name="inputLength"/> input bytes.</summary>
    /// <remarks>Held-back blanks and a split <c>=X</c> from earlier chunks can be written in addition to the new input.</remarks>
    public readonly int GetMaxDecodedLength(int inputLength) => (2 * Math.Max(0, inputLength)) + _heldCount + 2;

    /// <summary>Decodes <paramref name="input"/>, continuing the state of previous calls. Returns bytes written.</summary>
    /// <exception cref="ArgumentException"><paramref name="output"/> is shorter than <see cref="GetMaxDecodedLength"/>; a caller bug, never caused by the data.</exception>
    public int Decode(ReadOnlySpan<byte> input, Span<byte> output)
    {
        if (output.Length < GetMaxDecodedLength(input.Length))
            throw new ArgumentException("Output buffer is smaller than GetMaxDecodedLength(input.Length).", nameof(output));
        return DecodeCore(input, output);
    }

    /// <summary>Ends the data: writes a dangling <c>=X</c> literally (at most 2 bytes) and resets the decoder.</summary>
    public int Flush(Span<byte> output)
    {
        int o = 0;
        if (_state == State.EqualsHex)
        {
            if (output.Length < 2) throw new ArgumentException("Flush needs 2 bytes of output.", nameof(output));
            output[0] = (byte)'=';
            output[1] = _hex;
            o = 2;
        }

        // Held blanks end the last line, and a lone '=' (with or without blanks) at the end is a soft break.
        _state = State.Text;
        _heldCount = 0;
        return o;
    }

    /// <summary>Decodes without the size check: the one-shot caller has already validated the output length.</summary>
    internal int DecodeCore(ReadOnlySpan<byte> input, Span<byte> output)
    {
        int i = 0, o = 0;
        while (i < input.Length)
        {
            switch (_state)
            {
                case State.Text:
                {
                    if (_heldCount != 0)
                    {
                        int k = input[i..].IndexOfAnyExcept(Blanks);
                        if (k < 0)
                        {
                            Hold(input[i..]);
                            return o;
                        }

                        byte next = input[i + k];
                        if (next is not ((byte)'\r' or (byte)'\n'))
                        {
                            _held.AsSpan(0, _heldCount).CopyTo(output[o..]);
                            o += _heldCount;
                            input.Slice(i, k).CopyTo(output[o..]);
                            o += k;
                            _lastWasCR = false;
                        }

                        _heldCount = 0;
                        i += k;
                    }

                    var rest = input[i..];
                    int s = rest.IndexOfAny(Specials);
                    if (s >= 0 && rest[s] == (byte)'=')
                    {
                        // Blanks before '=' are followed by a printable character, so they are data.
                        rest[..s].CopyTo(output[o..]);
                        o += s;
                        i += s + 1;
                        _lastWasCR &= s == 0;
                        _state = State.Equals;
                        break;
                    }

                    // The run ends at a line break or at the end of the chunk: its trailing blanks are
                    // transport padding, or held until the next chunk shows what follows them.
                    var run = s < 0 ? rest : rest[..s];
                    int keep = run.LastIndexOfAnyExcept(Blanks) + 1;
                    run[..keep].CopyTo(output[o..]);
                    o += keep;
                    _lastWasCR &= keep == 0;
                    if (s < 0)
                    {
                        Hold(run[keep..]);
                        return o;
                    }

                    // A bare LF gains its CR; the LF right after a written CR does not.
                    if (rest[s] == (byte)'\n' && !_lastWasCR)
                    {
                        output[o++] = (byte)'\r';
                    }

                    output[o++] = rest[s];
                    _lastWasCR = rest[s] == (byte)'\r';
                    i += s + 1;
                    break;
                }

                case State.Equals:
                {
                    byte c = input[i];
                    if (HexValue(c) >= 0)
                    {
                        _hex = c;
                        _state = State.EqualsHex;
                        i++;
                    }
                    else if (c == (byte)'\n')
                    {
                        _state = State.Text;
                        i++;
                    }
                    else if (c == (byte)'\r')
                    {
                        _state = State.SoftBreakCR;
                        i++;
                    }
                    else if (c is (byte)' ' or (byte)'\t')
                    {
                        _state = State.EqualsBlanks;
                    }
                    else
                    {
                        // Not an escape: keep the '=' and read c again as text.
                        output[o++] = (byte)'=';
                        _lastWasCR = false;
                        _state = State.Text;
                    }

                    break;
                }

                case State.EqualsHex:
                {
                    int lo = HexValue(input[i]);
                    _lastWasCR = false;
                    if (lo >= 0)
                    {
                        output[o++] = (byte)((HexValue(_hex) << 4) | lo);
                        i++;
                    }
                    else
                    {
                        output[o++] = (byte)'=';
                        output[o++] = _hex;
                    }

                    _state = State.Text;
                    break;
                }

                case State.EqualsBlanks:
                {
                    int k = input[i..].IndexOfAnyExcept(Blanks);
                    if (k < 0)
                    {
                        Hold(input[i..]);
                        return o;
                    }

                    byte next = input[i + k];
                    if (next is (byte)'\r' or (byte)'\n')
                    {
                        _heldCount = 0;
                        i += k + 1;
                        _state = next == (byte)'\r' ? State.SoftBreakCR : State.Text;
                        break;
                    }

                    // Something printable follows, so the '=' was not a soft break: everything is data.
                    output[o++] = (byte)'=';
                    _lastWasCR = false;
                    _held.AsSpan(0, _heldCount).CopyTo(output[o..]);
                    o += _heldCount;
                    _heldCount = 0;
                    input.Slice(i, k).CopyTo(output[o..]);
                    o += k;
                    i += k;
                    _state = State.Text;
                    break;
                }

                default: // SoftBreakCR
                    if (input[i] == (byte)'\n') i++;
                    _state = State.Text;
                    break;
            }
        }

        return o;
    }

    private void Hold(ReadOnlySpan<byte> blanks)
    {
        if (blanks.IsEmpty) return;
        int needed = _heldCount + blanks.Length;
        if (_held is null || _held.Length < needed)
            Array.Resize(ref _held, Math.Max(16, Math.Max(needed, (_held?.Length ?? 0) * 2)));
        blanks.CopyTo(_held.AsSpan(_heldCount));
        _heldCount = needed;
    }

    private static int HexValue(byte c)
    {
        uint digit = (uint)(c - '0');
        if (digit <= 9) return (int)digit;
        uint letter = (uint)((c | 0x20) - 'a');
        return letter <= 5 ? (int)letter + 10 : -1;
    }
}
