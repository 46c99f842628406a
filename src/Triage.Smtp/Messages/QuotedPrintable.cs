using System.Text;

namespace Triage.Smtp.Messages;

/// <summary>RFC 2045 §6.7 quoted-printable for text: CRLF line breaks kept as hard breaks, lines soft-broken under 76 characters.</summary>
internal static class QuotedPrintable
{
    private const int MaxLine = 76;

    /// <summary>Encodes UTF-8 text whose line breaks are already CRLF.</summary>
    public static string Encode(ReadOnlySpan<byte> text)
    {
        var output = new StringBuilder(text.Length + (text.Length / 8));
        var lineLength = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var b = text[i];
            if (b == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
            {
                output.Append("\r\n");
                lineLength = 0;
                i++;
                continue;
            }

            var atLineEnd = i + 1 == text.Length || text[i + 1] == '\r';
            // Space and tab are kept except before a line end, where transports may strip them.
            var literal = (b is >= 33 and <= 126 && b != '=') || (b is (byte)' ' or (byte)'\t' && !atLineEnd);
            var width = literal ? 1 : 3;
            // Keep room for the "=" of a soft break (the last character of a line needs no room for it).
            if (lineLength + width > (atLineEnd ? MaxLine : MaxLine - 1))
            {
                output.Append("=\r\n");
                lineLength = 0;
            }

            if (literal)
            {
                output.Append((char)b);
            }
            else
            {
                output.Append('=').Append(Convert.ToHexString([b]));
            }

            lineLength += width;
        }

        return output.ToString();
    }
}
