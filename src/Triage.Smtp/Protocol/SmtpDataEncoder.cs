namespace Triage.Smtp.Protocol;

/// <summary>
/// Turns message bytes into a DATA section (RFC 5321 §4.5.2) chunk by chunk: every line break becomes CRLF (a bare
/// LF or a bare CR is read as a line break, since SMTP forbids both), a line starting with "." gets a second ".",
/// and <see cref="Finish"/> ends the last line if needed and writes the terminating ".".
/// </summary>
internal sealed class SmtpDataEncoder
{
    private static readonly byte[] Terminator = ".\r\n"u8.ToArray();

    private bool _atLineStart = true;
    private bool _pendingCr;

    /// <summary>Bytes of output that <see cref="Encode"/> may need for <paramref name="inputLength"/> bytes of input.</summary>
    public static int MaxEncodedLength(int inputLength) => (inputLength * 2) + 2;

    /// <summary>Bytes of output <see cref="Finish"/> needs at most.</summary>
    public const int MaxFinishLength = 5;

    /// <summary>Encodes <paramref name="input"/> into <paramref name="output"/> and returns the bytes written.</summary>
    public int Encode(ReadOnlySpan<byte> input, Span<byte> output)
    {
        var written = 0;
        while (!input.IsEmpty)
        {
            if (_pendingCr)
            {
                // A CR ends the line whatever follows; a following LF belongs to it.
                _pendingCr = false;
                written += WriteLineBreak(output[written..]);
                if (input[0] == '\n')
                {
                    input = input[1..];
                    continue;
                }
            }

            if (_atLineStart && input[0] == '.')
            {
                output[written++] = (byte)'.';
            }

            var breakAt = input.IndexOfAny((byte)'\r', (byte)'\n');
            var run = breakAt < 0 ? input : input[..breakAt];
            run.CopyTo(output[written..]);
            written += run.Length;
            if (breakAt < 0)
            {
                _atLineStart = run.IsEmpty && _atLineStart;
                break;
            }

            if (input[breakAt] == '\r')
            {
                _pendingCr = true;
                _atLineStart = false;
            }
            else
            {
                written += WriteLineBreak(output[written..]);
            }

            input = input[(breakAt + 1)..];
        }

        return written;
    }

    /// <summary>Ends the last line (a message need not end in a line break) and writes the final ".".</summary>
    public int Finish(Span<byte> output)
    {
        var written = 0;
        if (_pendingCr || !_atLineStart)
        {
            _pendingCr = false;
            written += WriteLineBreak(output);
        }

        Terminator.CopyTo(output[written..]);
        return written + Terminator.Length;
    }

    private int WriteLineBreak(Span<byte> output)
    {
        output[0] = (byte)'\r';
        output[1] = (byte)'\n';
        _atLineStart = true;
        return 2;
    }
}
