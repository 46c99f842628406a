namespace Triage.Core.Hygiene.Trimming;

/// <summary>Small allocation-free span tests shared by the line recognisers. All are linear in the line.</summary>
internal static class Scan
{
    /// <summary>White space, or a character mail clients leave on "empty" lines (zero-width space, marks, BOM).</summary>
    public static bool IsBlankChar(char c) =>
        char.IsWhiteSpace(c) || c is '\u200B' or '\u200C' or '\u200D' or '\u200E' or '\u200F' or '\uFEFF';

    public static bool IsBlank(ReadOnlySpan<char> s)
    {
        foreach (var c in s)
        {
            if (!IsBlankChar(c)) return false;
        }

        return true;
    }

    public static ReadOnlySpan<char> TrimBlank(ReadOnlySpan<char> s)
    {
        var start = 0;
        while (start < s.Length && IsBlankChar(s[start])) start++;
        var end = s.Length;
        while (end > start && IsBlankChar(s[end - 1])) end--;
        return s[start..end];
    }

    /// <summary>Trims blanks and the given decoration characters from both ends ("*From:*", "---- X wrote ----").</summary>
    public static ReadOnlySpan<char> TrimDecoration(ReadOnlySpan<char> s, ReadOnlySpan<char> decoration)
    {
        var start = 0;
        while (start < s.Length && (IsBlankChar(s[start]) || decoration.Contains(s[start]))) start++;
        var end = s.Length;
        while (end > start && (IsBlankChar(s[end - 1]) || decoration.Contains(s[end - 1]))) end--;
        return s[start..end];
    }

    /// <summary>Case-insensitive prefix that ends at a word boundary.</summary>
    public static bool StartsWithWord(ReadOnlySpan<char> s, string word) =>
        s.StartsWith(word, StringComparison.OrdinalIgnoreCase) && (s.Length == word.Length || !char.IsLetterOrDigit(s[word.Length]));

    /// <summary>Case-insensitive suffix that starts at a word boundary.</summary>
    public static bool EndsWithWord(ReadOnlySpan<char> s, string word) =>
        s.EndsWith(word, StringComparison.OrdinalIgnoreCase) &&
        (s.Length == word.Length || !char.IsLetterOrDigit(s[s.Length - word.Length - 1]));

    /// <summary>Case-insensitive whole-word occurrence anywhere in the line.</summary>
    public static bool ContainsWord(ReadOnlySpan<char> s, string word)
    {
        var offset = 0;
        while (offset < s.Length)
        {
            var at = s[offset..].IndexOf(word, StringComparison.OrdinalIgnoreCase);
            if (at < 0) return false;
            at += offset;
            var end = at + word.Length;
            if ((at == 0 || !char.IsLetterOrDigit(s[at - 1])) && (end == s.Length || !char.IsLetterOrDigit(s[end]))) return true;
            offset = at + 1;
        }

        return false;
    }

    public static bool HasDigit(ReadOnlySpan<char> s) => s.IndexOfAnyInRange('0', '9') >= 0;

    /// <summary>A clock time: "10:12", "9.30", "14.05" (one or two digits, ':' or '.', two digits, not followed by a digit).</summary>
    public static bool HasTime(ReadOnlySpan<char> s)
    {
        for (var i = 1; i + 2 < s.Length; i++)
        {
            if (s[i] is not (':' or '.') || !char.IsAsciiDigit(s[i - 1]) || !char.IsAsciiDigit(s[i + 1]) || !char.IsAsciiDigit(s[i + 2])) continue;
            if (i + 3 < s.Length && char.IsAsciiDigit(s[i + 3])) continue;
            if (i >= 3 && char.IsAsciiDigit(s[i - 2]) && char.IsAsciiDigit(s[i - 3])) continue;
            return true;
        }

        return false;
    }

    /// <summary>A four-digit year 19xx or 20xx that is not part of a longer number.</summary>
    public static bool HasYear(ReadOnlySpan<char> s)
    {
        for (var i = 0; i + 4 <= s.Length; i++)
        {
            if (!(s[i] == '2' && s[i + 1] == '0') && !(s[i] == '1' && s[i + 1] == '9')) continue;
            if (!char.IsAsciiDigit(s[i + 2]) || !char.IsAsciiDigit(s[i + 3])) continue;
            if (i > 0 && char.IsAsciiDigit(s[i - 1])) continue;
            if (i + 4 < s.Length && char.IsAsciiDigit(s[i + 4])) continue;
            return true;
        }

        return false;
    }

    /// <summary>Number of white-space separated words.</summary>
    public static int WordCount(ReadOnlySpan<char> s)
    {
        var count = 0;
        var inWord = false;
        foreach (var c in s)
        {
            var blank = IsBlankChar(c);
            if (!blank && !inWord) count++;
            inWord = !blank;
        }

        return count;
    }

    /// <summary>The first word, up to white space or punctuation other than '-'.</summary>
    public static ReadOnlySpan<char> FirstWord(ReadOnlySpan<char> s)
    {
        var end = 0;
        while (end < s.Length && (char.IsLetterOrDigit(s[end]) || s[end] == '-')) end++;
        return s[..end];
    }
}
