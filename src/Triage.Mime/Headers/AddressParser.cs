using System.Globalization;
using System.Text;
using Triage.Mime.Decoding;

namespace Triage.Mime.Headers;

/// <summary>
/// RFC 5322 §3.4 address lists (From, To, Cc, Reply-To…) with the obsolete and broken forms real mail carries:
/// groups (flattened), comments as display names, encoded-word names, missing angle brackets, routes,
/// quoted local parts, ';' used as a separator, stray commas, RFC 6532 UTF-8. Never throws.
/// </summary>
internal static class AddressParser
{
    private readonly record struct Chunk(int Start, int End, string? Group);

    public static IReadOnlyList<MailboxAddress> Parse(string value)
    {
        var result = new List<MailboxAddress>();
        if (string.IsNullOrWhiteSpace(value)) return result;

        var chunks = Split(value);
        for (var k = 0; k < chunks.Count; k++)
        {
            var chunk = chunks[k];
            var end = chunk.End;
            // "Doe, John <john@example.com>": an unquoted comma inside a display name.
            if (k + 1 < chunks.Count && end < value.Length && value[end] == ',' && chunks[k + 1].Group == chunk.Group &&
                IsBareNameFragment(value.AsSpan(chunk.Start, end - chunk.Start)) && HasNamedAngleAddress(value.AsSpan(chunks[k + 1].Start, chunks[k + 1].End - chunks[k + 1].Start)))
            {
                end = chunks[++k].End;
            }

            var mailbox = ParseMailbox(value.AsSpan(chunk.Start, end - chunk.Start));
            if (mailbox is null) continue;
            result.Add(string.IsNullOrEmpty(chunk.Group) ? mailbox : mailbox with { Group = chunk.Group });
        }
        return result;
    }

    /// <summary>The address with an IDNA (punycode, <c>xn--</c>) domain shown in Unicode; the address itself when there is nothing to convert.</summary>
    internal static string ToUnicode(string address)
    {
        var at = address.LastIndexOf('@');
        if (at < 0 || !address.AsSpan(at + 1).Contains("xn--", StringComparison.OrdinalIgnoreCase)) return address;
        try
        {
            return string.Concat(address.AsSpan(0, at + 1), new IdnMapping().GetUnicode(address[(at + 1)..]));
        }
        catch (ArgumentException)
        {
            // Not valid punycode: keep the address as written.
            return address;
        }
    }

    // Splits at top-level ',' and ';' (outside quotes, comments and angle brackets) and tracks groups ("name: a, b;").
    private static List<Chunk> Split(string value)
    {
        var s = value.AsSpan();
        var chunks = new List<Chunk>();
        string? group = null;
        var inGroup = false;
        var start = 0;
        var sawAngle = false;
        var sawAt = false;
        var i = 0;
        while (i < s.Length)
        {
            switch (s[i])
            {
                case '"':
                    i = Rfc822Syntax.SkipQuoted(s, i);
                    continue;
                case '(':
                    i = Rfc822Syntax.SkipComment(s, i);
                    continue;
                case '<':
                    sawAngle = true;
                    i = SkipAngle(s, i);
                    continue;
                case '@':
                    sawAt = true;
                    break;
                case ':' when !inGroup && !sawAngle && !sawAt:
                    group = EncodedWords.DecodePhrase(StripComments(s[start..i], out _));
                    inGroup = true;
                    start = i + 1;
                    break;
                case ';' when inGroup:
                    chunks.Add(new Chunk(start, i, group));
                    (group, inGroup, start, sawAngle, sawAt) = (null, false, i + 1, false, false);
                    break;
                case ',' or ';':
                    chunks.Add(new Chunk(start, i, group));
                    (start, sawAngle, sawAt) = (i + 1, false, false);
                    break;
            }
            i++;
        }
        chunks.Add(new Chunk(start, s.Length, group));
        return chunks;
    }

    // Index past the '>' that closes the '<' at start; an unclosed bracket ends at the next ',' so one typo costs one address.
    private static int SkipAngle(ReadOnlySpan<char> s, int start)
    {
        var close = FindClosingAngle(s, start);
        if (close >= 0) return close + 1;
        var comma = s[start..].IndexOf(',');
        return comma < 0 ? s.Length : start + comma;
    }

    private static int FindClosingAngle(ReadOnlySpan<char> s, int open)
    {
        for (var i = open + 1; i < s.Length; i++)
        {
            if (s[i] == '"') i = Rfc822Syntax.SkipQuoted(s, i) - 1;
            else if (s[i] == '>') return i;
            else if (s[i] == '<') break; // a new '<' first: this one was never closed
        }
        return -1;
    }

    private static int FindTopLevel(ReadOnlySpan<char> s, char target)
    {
        for (var i = 0; i < s.Length;)
        {
            var c = s[i];
            if (c == target) return i;
            if (c == '"') i = Rfc822Syntax.SkipQuoted(s, i);
            else if (c == '(') i = Rfc822Syntax.SkipComment(s, i);
            else i++;
        }
        return -1;
    }

    private static MailboxAddress? ParseMailbox(ReadOnlySpan<char> chunk)
    {
        chunk = chunk.Trim(" \t\r\n");
        if (chunk.IsEmpty) return null;

        var lt = FindTopLevel(chunk, '<');
        if (lt >= 0)
        {
            var gt = FindClosingAngle(chunk, lt);
            var inner = gt >= 0 ? chunk[(lt + 1)..gt] : chunk[(lt + 1)..];
            var address = NormalizeAddress(inner);
            var name = PhraseToName(StripComments(chunk[..lt], out var comment)) ?? comment;
            if (name is null && gt >= 0) StripComments(chunk[(gt + 1)..], out name);
            return address.Length == 0 && name is null ? null : new MailboxAddress(name, address);
        }

        return ParseBareMailbox(StripComments(chunk, out var trailingComment), trailingComment);
    }

    // No angle brackets: "a@b.c (Jane Doe)", "Jane Doe a@b.c", "john . doe @ example . com", "MAILER-DAEMON".
    private static MailboxAddress? ParseBareMailbox(string text, string? comment)
    {
        var words = SplitWords(text);
        if (words.Count == 0) return null;

        var addressWord = -1;
        for (var w = words.Count - 1; w >= 0; w--)
        {
            if (FindTopLevel(text.AsSpan(words[w].Start, words[w].End - words[w].Start), '@') >= 0)
            {
                addressWord = w;
                break;
            }
        }

        if (addressWord < 0)
        {
            // No '@' at all (MAILER-DAEMON, undisclosed): the text is the address.
            var bare = NormalizeAddress(text.AsSpan(words[0].Start, words[^1].End - words[0].Start), keepBlanks: true);
            return bare.Length == 0 ? null : new MailboxAddress(comment, bare);
        }

        var (start, end) = words[addressWord];
        var address = NormalizeAddress(text.AsSpan(start, end - start));
        var name = addressWord > 0 ? PhraseToName(text[words[0].Start..words[addressWord - 1].End]) : null;
        return new MailboxAddress(name ?? comment, address);
    }

    // Blank-separated words outside quotes, with obsolete blanks around '@' and '.' glued back ("john . doe @ x").
    private static List<(int Start, int End)> SplitWords(string text)
    {
        var s = text.AsSpan();
        var words = new List<(int Start, int End)>();
        var i = 0;
        while (i < s.Length)
        {
            while (i < s.Length && Rfc822Syntax.IsWhiteSpace(s[i])) i++;
            if (i >= s.Length) break;
            var start = i;
            while (i < s.Length && !Rfc822Syntax.IsWhiteSpace(s[i]))
            {
                i = s[i] == '"' ? Rfc822Syntax.SkipQuoted(s, i) : i + 1;
            }

            var glue = words.Count > 0 && (s[start] is '@' or '.' || s[words[^1].End - 1] is '@' or '.');
            if (glue) words[^1] = (words[^1].Start, i);
            else words.Add((start, i));
        }
        return words;
    }

    /// <summary>
    /// The addr-spec as an address: route (<c>@a,@b:</c>), <c>mailto:</c>, comments and blanks removed; quotes around a
    /// local part kept only when it needs them (<c>"john doe"@x</c>, not <c>"john"@x</c>).
    /// </summary>
    private static string NormalizeAddress(ReadOnlySpan<char> s, bool keepBlanks = false)
    {
        var i = Rfc822Syntax.SkipCfws(s, 0);
        if (i < s.Length && s[i] == '@')
        {
            var colon = FindTopLevel(s[i..], ':');
            if (colon >= 0) i += colon + 1;
        }
        if (s[i..].StartsWith("mailto:", StringComparison.OrdinalIgnoreCase)) i += "mailto:".Length;

        var sb = new StringBuilder(s.Length - i);
        while (i < s.Length)
        {
            var c = s[i];
            if (c == '(')
            {
                i = Rfc822Syntax.SkipComment(s, i);
            }
            else if (c == '"')
            {
                var end = Rfc822Syntax.SkipQuoted(s, i);
                var unquoted = new StringBuilder();
                Rfc822Syntax.AppendUnquoted(s, i, unquoted);
                if (IsDotAtom(unquoted)) sb.Append(unquoted);
                else sb.Append(s[i..end]).Append(end > i + 1 && s[end - 1] == '"' ? string.Empty : "\"");
                i = end;
            }
            else if (Rfc822Syntax.IsWhiteSpace(c))
            {
                var next = i;
                while (next < s.Length && Rfc822Syntax.IsWhiteSpace(s[next])) next++;
                if (keepBlanks && sb.Length > 0 && next < s.Length) sb.Append(' ');
                i = next;
            }
            else
            {
                if (c is not ('<' or '>')) sb.Append(c);
                i++;
            }
        }
        return sb.ToString();
    }

    private static bool IsDotAtom(StringBuilder sb)
    {
        if (sb.Length == 0 || sb[0] == '.' || sb[^1] == '.') return false;
        for (var i = 0; i < sb.Length; i++)
        {
            var c = sb[i];
            if (c <= ' ' || c is '(' or ')' or '<' or '>' or '[' or ']' or ':' or ';' or '@' or '\\' or ',' or '"' || c == 0x7F) return false;
            if (c == '.' && sb[i - 1] == '.') return false;
        }
        return true;
    }

    /// <summary>The phrase with comments removed (replaced by a blank); <paramref name="firstComment"/> gets the first comment's text.</summary>
    private static string StripComments(ReadOnlySpan<char> s, out string? firstComment)
    {
        firstComment = null;
        if (!s.Contains('(')) return s.ToString();
        var sb = new StringBuilder(s.Length);
        for (var i = 0; i < s.Length;)
        {
            var c = s[i];
            if (c == '"')
            {
                var end = Rfc822Syntax.SkipQuoted(s, i);
                sb.Append(s[i..end]);
                i = end;
            }
            else if (c == '(')
            {
                var end = Rfc822Syntax.SkipComment(s, i);
                if (firstComment is null)
                {
                    var text = EncodedWords.DecodeText(Rfc822Syntax.CommentText(s[i..end]));
                    if (text.Length > 0) firstComment = text;
                }
                sb.Append(' ');
                i = end;
            }
            else
            {
                sb.Append(c);
                i++;
            }
        }
        return sb.ToString();
    }

    private static string? PhraseToName(string phrase)
    {
        var name = EncodedWords.DecodePhrase(phrase).AsSpan();
        // Outlook writes 'jane@example.com' with single quotes as the display name.
        if (name.Length >= 2 && name[0] == '\'' && name[^1] == '\'') name = name[1..^1].Trim();
        return name.IsEmpty ? null : name.ToString();
    }

    private static bool IsBareNameFragment(ReadOnlySpan<char> s)
    {
        s = s.Trim(" \t\r\n");
        if (s.IsEmpty) return false;
        var lower = false;
        foreach (var c in s)
        {
            if (!char.IsLetter(c) && c is not (' ' or '.' or '\'' or '-')) return false;
            lower |= char.IsLower(c);
        }
        // All capitals looks like a mailbox name (MAILER-DAEMON, POSTMASTER) rather than half of "Doe, John".
        return lower;
    }

    private static bool HasNamedAngleAddress(ReadOnlySpan<char> s)
    {
        var lt = FindTopLevel(s, '<');
        return lt > 0 && !s[..lt].Trim(" \t\r\n").IsEmpty;
    }
}
