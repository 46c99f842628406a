using System.Text;

namespace Triage.Mime.Decoding;

/// <summary>
/// Small lexical helpers shared by the structured-header parsers (RFC 5322 §3.2): comments, quoted strings,
/// folding white space. Every scan is bounded by the input length, so unterminated constructs simply run to the end.
/// </summary>
internal static class Rfc822Syntax
{
    public static bool IsWhiteSpace(char c) => c is ' ' or '\t' or '\r' or '\n';

    /// <summary>Index just past the comment that starts at <paramref name="start"/> (which holds '('); nesting and quoted-pairs respected.</summary>
    public static int SkipComment(ReadOnlySpan<char> s, int start)
    {
        var depth = 0;
        for (var i = start; i < s.Length; i++)
        {
            switch (s[i])
            {
                case '\\':
                    i++;
                    break;
                case '(':
                    depth++;
                    break;
                case ')':
                    if (--depth == 0) return i + 1;
                    break;
            }
        }
        return s.Length;
    }

    /// <summary>Index just past the quoted string that starts at <paramref name="start"/> (which holds '"').</summary>
    public static int SkipQuoted(ReadOnlySpan<char> s, int start)
    {
        for (var i = start + 1; i < s.Length; i++)
        {
            if (s[i] == '\\') i++;
            else if (s[i] == '"') return i + 1;
        }
        return s.Length;
    }

    /// <summary>Skips white space and comments.</summary>
    public static int SkipCfws(ReadOnlySpan<char> s, int i)
    {
        while (i < s.Length)
        {
            if (IsWhiteSpace(s[i])) i++;
            else if (s[i] == '(') i = SkipComment(s, i);
            else break;
        }
        return i;
    }

    /// <summary>The text of a comment without its outer parentheses, quoted-pairs unescaped, whitespace trimmed.</summary>
    public static string CommentText(ReadOnlySpan<char> comment)
    {
        if (comment.Length > 0 && comment[0] == '(') comment = comment[1..];
        if (comment.Length > 0 && comment[^1] == ')') comment = comment[..^1];
        comment = comment.Trim();
        if (!comment.Contains('\\')) return comment.ToString();
        var sb = new StringBuilder(comment.Length);
        for (var i = 0; i < comment.Length; i++)
        {
            if (comment[i] == '\\' && i + 1 < comment.Length) i++;
            sb.Append(comment[i]);
        }
        return sb.ToString();
    }

    /// <summary>Appends the content of a quoted string (without the quotes) to <paramref name="sb"/>, unescaping quoted-pairs.</summary>
    /// <returns>The index just past the closing quote.</returns>
    public static int AppendUnquoted(ReadOnlySpan<char> s, int start, StringBuilder sb)
    {
        for (var i = start + 1; i < s.Length; i++)
        {
            var c = s[i];
            if (c == '"') return i + 1;
            if (c == '\\' && i + 1 < s.Length) c = s[++i];
            // Folding inside a quoted string is not part of its content.
            if (c is not ('\r' or '\n')) sb.Append(c);
        }
        return s.Length;
    }
}
