using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Text;
using Triage.Mime.Decoding;

namespace Triage.Mime.Headers;

/// <summary>
/// Message-ID, In-Reply-To and References (RFC 5322 §3.6.4): ids without angle brackets. Lenient like MimeKit:
/// comments skipped; blanks, commas or nothing between ids; blanks inside an id dropped; a missing '>' ends at the
/// next blank; a bare token counts only when it has an '@' (so In-Reply-To prose such as "Your message of" is ignored),
/// except as the whole of a single Message-ID.
/// </summary>
internal static class MessageIds
{
    private static readonly SearchValues<char> NeedsCleaning = SearchValues.Create(" \t\r\n(<>");

    public static IReadOnlyList<string> ParseList(string value)
    {
        var ids = new List<string>();
        if (string.IsNullOrEmpty(value)) return ids;
        var pos = 0;
        while (TryReadNext(value, ref pos, out var id)) ids.Add(id);
        return ids;
    }

    public static string? ParseSingle(string value)
    {
        if (string.IsNullOrEmpty(value)) return null;
        var pos = 0;
        if (TryReadNext(value, ref pos, out var id)) return id;

        // A Message-ID header holds one id, so a lone bare token is it even without '@' ("102.10200000000105").
        var s = value.AsSpan();
        var start = Rfc822Syntax.SkipCfws(s, 0);
        var end = start;
        while (end < s.Length && !Rfc822Syntax.IsWhiteSpace(s[end]) && s[end] != '(') end++;
        if (end == start || Rfc822Syntax.SkipCfws(s, end) != s.Length) return null;
        var lone = Clean(s[start..end]);
        return lone.Length > 0 ? lone : null;
    }

    private static bool TryReadNext(string value, ref int pos, [NotNullWhen(true)] out string? id)
    {
        var s = value.AsSpan();
        while (pos < s.Length)
        {
            var c = s[pos];
            if (c == '(')
            {
                pos = Rfc822Syntax.SkipComment(s, pos);
            }
            else if (c == '<')
            {
                var end = FindIdEnd(s, pos + 1, out var closed);
                id = Clean(s[(pos + 1)..end]);
                pos = closed ? end + 1 : end;
                if (id.Length > 0) return true;
            }
            else if (Rfc822Syntax.IsWhiteSpace(c) || c is ',' or ';' or '>')
            {
                pos++;
            }
            else
            {
                var start = pos;
                while (pos < s.Length && s[pos] is not ('<' or '(' or ',') && !Rfc822Syntax.IsWhiteSpace(s[pos]))
                {
                    pos = s[pos] == '"' ? Rfc822Syntax.SkipQuoted(s, pos) : pos + 1;
                }
                var token = s[start..pos];
                if (token.Contains('@'))
                {
                    id = Clean(token);
                    if (id.Length > 0) return true;
                }
            }
        }
        id = null;
        return false;
    }

    // The '>' closing the id; without one (a new '<' comes first, or the end), the id stops at the first blank.
    private static int FindIdEnd(ReadOnlySpan<char> s, int start, out bool closed)
    {
        closed = false;
        for (var i = start; i < s.Length; i++)
        {
            var c = s[i];
            if (c == '"')
            {
                i = Rfc822Syntax.SkipQuoted(s, i) - 1;
            }
            else if (c == '>')
            {
                closed = true;
                return i;
            }
            else if (c == '<')
            {
                break;
            }
        }

        var end = start;
        while (end < s.Length && s[end] != '<' && !Rfc822Syntax.IsWhiteSpace(s[end])) end++;
        return end;
    }

    // Drops blanks, comments and stray brackets outside quoted local parts ("<abc def@host>" → "abcdef@host").
    private static string Clean(ReadOnlySpan<char> s)
    {
        s = s.Trim(" \t\r\n");
        if (!s.ContainsAny(NeedsCleaning)) return s.ToString();
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
                i = Rfc822Syntax.SkipComment(s, i);
            }
            else
            {
                if (!Rfc822Syntax.IsWhiteSpace(c) && c is not ('<' or '>')) sb.Append(c);
                i++;
            }
        }
        return sb.ToString();
    }
}
