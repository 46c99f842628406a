using System.Text;

namespace Triage.Mime.Decoding;

/// <summary>
/// RFC 2047 encoded words (<c>=?charset?B|Q?payload?=</c>), decoded with the tolerance of MimeKit and Thunderbird:
/// words touching other text, a missing <c>?=</c> at the end, spaces inside a Q payload, sloppy base64 padding and
/// unknown charsets (which fall back through <see cref="Charsets.DecodeWith"/>).
/// Adjacent words in one charset are joined as bytes first, so a character split across two words survives.
/// </summary>
internal static class EncodedWords
{
    private const int MaxCharsetLength = 64;

    /// <summary>Decodes unstructured text (Subject, Comments). Returns <paramref name="value"/> itself when it holds no "=?".</summary>
    public static string DecodeText(string value)
    {
        if (string.IsNullOrEmpty(value) || !value.Contains("=?", StringComparison.Ordinal)) return value ?? string.Empty;
        return Decode(value);
    }

    /// <summary>
    /// Decodes a phrase (a display name or group name as written in the header): quoted strings are unquoted,
    /// folding removed, runs of blanks collapsed, and encoded words decoded, including those inside quotes as real
    /// parsers do. The result is trimmed.
    /// </summary>
    public static string DecodePhrase(string value)
    {
        if (string.IsNullOrEmpty(value)) return string.Empty;
        var span = value.AsSpan();
        if (span.IndexOfAny('"', '\r', '\n') < 0 && !span.Contains("  ", StringComparison.Ordinal) && !span.Contains('\t'))
            return DecodeText(value).Trim();

        var sb = new StringBuilder(value.Length);
        for (var i = 0; i < span.Length;)
        {
            var c = span[i];
            if (c == '"')
            {
                i = Rfc822Syntax.AppendUnquoted(span, i, sb);
            }
            else if (c is ' ' or '\t' or '\r' or '\n')
            {
                while (i < span.Length && Rfc822Syntax.IsWhiteSpace(span[i])) i++;
                sb.Append(' ');
            }
            else
            {
                sb.Append(c);
                i++;
            }
        }
        return DecodeText(sb.ToString()).Trim();
    }

    private static string Decode(string value)
    {
        var sb = new StringBuilder(value.Length);
        var run = new PooledByteBuffer(value.Length);
        try
        {
            // The pending run: decoded bytes of adjacent words in one charset, waiting for a single conversion.
            var runCharsetStart = -1;
            var runCharsetLength = 0;
            var pos = 0;
            var search = 0;
            while (search < value.Length)
            {
                var at = value.IndexOf("=?", search, StringComparison.Ordinal);
                if (at < 0) break;
                if (!TryParseWord(value, at, out var word))
                {
                    search = at + 1;
                    continue;
                }

                var gap = value.AsSpan(pos, at - pos);
                var sameCharset = runCharsetStart >= 0 &&
                    value.AsSpan(runCharsetStart, runCharsetLength).Equals(value.AsSpan(word.CharsetStart, word.CharsetLength), StringComparison.OrdinalIgnoreCase);
                // White space between two encoded words is not part of the text (RFC 2047 §6.2).
                var gapIsBlank = runCharsetStart >= 0 && gap.TrimStart(" \t\r\n").IsEmpty;
                if (!(gapIsBlank && sameCharset))
                {
                    if (runCharsetStart >= 0) Flush(sb, ref run, value.AsSpan(runCharsetStart, runCharsetLength));
                    if (!gapIsBlank) sb.Append(gap);
                    runCharsetStart = word.CharsetStart;
                    runCharsetLength = word.CharsetLength;
                }

                var payload = value.AsSpan(word.PayloadStart, word.PayloadLength);
                if (word.IsBase64) DecodeBase64(payload, ref run);
                else DecodeQ(payload, ref run, Charsets.Resolve(value.AsSpan(word.CharsetStart, word.CharsetLength)));
                pos = search = word.End;
            }

            if (runCharsetStart >= 0) Flush(sb, ref run, value.AsSpan(runCharsetStart, runCharsetLength));
            sb.Append(value.AsSpan(pos));
            return sb.ToString();
        }
        finally
        {
            run.Dispose();
        }
    }

    private static void Flush(StringBuilder sb, ref PooledByteBuffer run, ReadOnlySpan<char> charset)
    {
        sb.Append(Charsets.DecodeWith(run.Written, Charsets.Resolve(charset)));
        run.Clear();
    }

    private readonly record struct Word(int CharsetStart, int CharsetLength, bool IsBase64, int PayloadStart, int PayloadLength, int End);

    private static bool TryParseWord(string s, int start, out Word word)
    {
        word = default;
        var i = start + 2;
        var charsetStart = i;
        while (i < s.Length && s[i] != '?')
        {
            var c = s[i];
            if (c <= ' ' || c >= 0x7F || c == '=' || i - charsetStart >= MaxCharsetLength) return false;
            i++;
        }
        // An empty charset ("=??Q?…?=") is still meant as a word; it decodes like an undeclared one.
        if (i + 2 >= s.Length || s[i + 2] != '?') return false;

        // RFC 2231 §5: "charset*language"; the language is not needed for decoding.
        var charset = s.AsSpan(charsetStart, i - charsetStart);
        var star = charset.IndexOf('*');
        var charsetLength = star >= 0 ? star : charset.Length;

        var isBase64 = s[i + 1] is 'B' or 'b';
        if (!isBase64 && s[i + 1] is not ('Q' or 'q')) return false;

        var payloadStart = i + 3;
        var j = payloadStart;
        var terminated = false;
        while (j < s.Length)
        {
            var c = s[j];
            if (c == '?')
            {
                if (j + 1 < s.Length && s[j + 1] == '=')
                {
                    terminated = true;
                    break;
                }
                // A '?' can sit in a sloppy Q payload, never in base64.
                if (isBase64) return false;
            }
            else if (c == '=' && j + 2 < s.Length && s[j + 1] == '?' && s[j + 2] != '=')
            {
                // "=?" that is not "=?=" starts the next word: this one lost its "?=".
                break;
            }
            else if (isBase64 && Rfc822Syntax.IsWhiteSpace(c))
            {
                break;
            }
            j++;
        }

        int payloadEnd;
        int end;
        if (terminated)
        {
            payloadEnd = j;
            end = j + 2;
        }
        else
        {
            // Unterminated: the payload ends at the first blank, the rest is ordinary text.
            payloadEnd = payloadStart;
            while (payloadEnd < j && !Rfc822Syntax.IsWhiteSpace(s[payloadEnd])) payloadEnd++;
            if (payloadEnd == payloadStart) return false;
            end = payloadEnd;
        }

        word = new Word(charsetStart, charsetLength, isBase64, payloadStart, payloadEnd - payloadStart, end);
        return true;
    }

    private static void DecodeBase64(ReadOnlySpan<char> payload, ref PooledByteBuffer output)
    {
        var buffer = 0;
        var bits = 0;
        foreach (var c in payload)
        {
            var v = Octets.Base64Value(c);
            if (v < 0)
            {
                // Padding closes a quantum (some encoders glue "YQ==YQ==" together); other junk is skipped.
                if (c == '=') bits = buffer = 0;
                continue;
            }
            buffer = (buffer << 6) | v;
            bits += 6;
            if (bits >= 8)
            {
                bits -= 8;
                output.Append((byte)(buffer >> bits));
                buffer &= (1 << bits) - 1;
            }
        }
    }

    private static void DecodeQ(ReadOnlySpan<char> payload, ref PooledByteBuffer output, Encoding? charset)
    {
        for (var i = 0; i < payload.Length; i++)
        {
            var c = payload[i];
            if (c == '_')
            {
                output.Append((byte)' ');
            }
            else if (c == '=' && Octets.TryReadHexEscape(payload, i, out var octet))
            {
                output.Append(octet);
                i += 2;
            }
            else if (c < 0x80)
            {
                output.Append((byte)c);
            }
            else
            {
                // Raw 8-bit text inside the word: give it back the bytes it had in that charset.
                i += output.AppendChar(payload[i..], charset) - 1;
            }
        }
    }
}
