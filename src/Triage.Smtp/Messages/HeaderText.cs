using System.Globalization;
using System.Text;

namespace Triage.Smtp.Messages;

/// <summary>
/// Header values as RFC 5322 and RFC 2047 want them: untrusted text has its line breaks and control characters
/// replaced by spaces (so no value can start a new header field), non-ASCII text becomes UTF-8 encoded words,
/// and lines are folded to at most 76 characters.
/// </summary>
internal static class HeaderText
{
    private const int MaxLine = 76;

    // UTF-8 bytes per encoded word: 36 bytes are 48 base64 characters, 60 with "=?UTF-8?B?" and "?=".
    private const int EncodedWordBytes = 36;

    // atext of RFC 5322 §3.2.3: what a dot-atom local part and an unquoted display name may hold.
    private const string AtextSymbols = "!#$%&'*+-/=?^_`{|}~";

    private static readonly IdnMapping Idn = new();

    /// <summary>CR, LF and every other control character become a space; a CRLF pair becomes one space.</summary>
    public static string Sanitize(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var text = value.Replace("\r\n", " ", StringComparison.Ordinal);
        return string.Create(text.Length, text, static (span, source) =>
        {
            for (var i = 0; i < source.Length; i++)
            {
                span[i] = char.IsControl(source[i]) ? ' ' : source[i];
            }
        }).Trim();
    }

    /// <summary>Words of an unstructured value (Subject, extra fields): ASCII as it is, anything else encoded.</summary>
    public static IEnumerable<string> UnstructuredWords(string value)
    {
        var text = Sanitize(value);
        var words = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        // Text that looks like an encoded word must itself be encoded, or a reader would decode it.
        if (Ascii.IsValid(text) && !text.Contains("=?", StringComparison.Ordinal) && words.All(w => w.Length <= MaxLine - 10))
        {
            return words;
        }

        return EncodedWords(text);
    }

    /// <summary>A display name: as it is when it is atext and spaces, quoted when ASCII, encoded otherwise.</summary>
    public static IEnumerable<string> PhraseWords(string value)
    {
        var text = Sanitize(value);
        var words = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (words.All(w => w.All(IsAtext)) && !text.StartsWith("=?", StringComparison.Ordinal))
        {
            return words;
        }

        if (Ascii.IsValid(text) && text.Length <= MaxLine - 20)
        {
            return ["\"" + text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\""];
        }

        return EncodedWords(text);
    }

    /// <summary>"local@domain" checked and made ASCII: a dot-atom local part, an IDNA domain; anything else throws.</summary>
    public static string AddrSpec(string address)
    {
        ArgumentNullException.ThrowIfNull(address);
        var at = address.LastIndexOf('@');
        var local = at > 0 ? address[..at] : string.Empty;
        if (local.Length == 0 || local.Split('.').Any(atom => atom.Length == 0 || !atom.All(IsAtext)))
        {
            throw new ArgumentException($"\"{Sanitize(address)}\" is not an address we can write (local@domain, ASCII local part).", nameof(address));
        }

        return local + "@" + AsciiDomain(address[(at + 1)..]);
    }

    /// <summary>A domain name as ASCII (IDNA), letters, digits and hyphens only; anything else throws.</summary>
    public static string AsciiDomain(string domain)
    {
        ArgumentNullException.ThrowIfNull(domain);
        string ascii;
        try
        {
            ascii = Idn.GetAscii(domain);
        }
        catch (ArgumentException e)
        {
            throw new ArgumentException($"\"{Sanitize(domain)}\" is not a domain name.", nameof(domain), e);
        }

        if (!ascii.Contains('.', StringComparison.Ordinal) || !ascii.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.'))
        {
            throw new ArgumentException($"\"{Sanitize(domain)}\" is not a domain name.", nameof(domain));
        }

        return ascii;
    }

    /// <summary>A Message-ID without angle brackets when it is one (printable ASCII, no spaces); otherwise null.</summary>
    public static string? MessageId(string? value)
    {
        var id = value?.Trim().TrimStart('<').TrimEnd('>');
        return string.IsNullOrEmpty(id) || !id.All(c => c is > ' ' and < '\u007f' and not '<' and not '>') ? null : id;
    }

    /// <summary>Writes "Name: word word…" folded so that no line exceeds 76 characters where words allow.</summary>
    public static void AppendField(StringBuilder output, string name, IEnumerable<string> words)
    {
        output.Append(name).Append(':');
        var lineLength = name.Length + 1;
        foreach (var word in words)
        {
            if (lineLength + 1 + word.Length > MaxLine)
            {
                output.Append("\r\n");
                lineLength = 0;
            }

            output.Append(' ').Append(word);
            lineLength += 1 + word.Length;
        }

        output.Append("\r\n");
    }

    private static bool IsAtext(char c) => char.IsAsciiLetterOrDigit(c) || AtextSymbols.Contains(c, StringComparison.Ordinal);

    // RFC 2047 B encoding in UTF-8, split between whole characters so every word decodes on its own.
    private static List<string> EncodedWords(string text)
    {
        var words = new List<string>();
        var chunk = new StringBuilder();
        var chunkBytes = 0;
        foreach (var rune in text.EnumerateRunes())
        {
            if (chunkBytes + rune.Utf8SequenceLength > EncodedWordBytes)
            {
                words.Add(EncodedWord(chunk.ToString()));
                chunk.Clear();
                chunkBytes = 0;
            }

            chunk.Append(rune.ToString());
            chunkBytes += rune.Utf8SequenceLength;
        }

        if (chunk.Length > 0)
        {
            words.Add(EncodedWord(chunk.ToString()));
        }

        return words;
    }

    private static string EncodedWord(string text) => "=?UTF-8?B?" + Convert.ToBase64String(Encoding.UTF8.GetBytes(text)) + "?=";
}
