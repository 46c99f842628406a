using System.Text;

namespace Triage.Classification;

/// <summary>
/// Leaves out the capitalized words inside sentences — people, places, titles — which name things in other languages
/// as often as in the text's own. A word counts as a name when it starts with a capital, has a lower-case letter after
/// it (so acronyms and text in capitals stay), and follows a single space after a word that does not end a sentence.
/// Words at the start of a sentence or line always stay.
/// </summary>
internal static class NameFilter
{
    public static string WithoutNames(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        StringBuilder? kept = null;
        var copiedUpTo = 0;
        var i = 0;
        while (i < text.Length)
        {
            if (!IsWordChar(text[i]) || (i > 0 && IsWordChar(text[i - 1])))
            {
                i++;
                continue;
            }

            var end = i;
            while (end < text.Length && IsWordChar(text[end]))
            {
                end++;
            }

            if (IsName(text, i, end))
            {
                kept ??= new StringBuilder(text.Length);
                kept.Append(text, copiedUpTo, i - copiedUpTo);
                copiedUpTo = end;
            }

            i = end;
        }

        if (kept is null)
        {
            return text;
        }

        kept.Append(text, copiedUpTo, text.Length - copiedUpTo);
        var result = kept.ToString();
        return result.Any(char.IsLetter) ? result : text;
    }

    private static bool IsName(string text, int start, int end)
    {
        if (start < 2 || !char.IsUpper(text[start]) || text[start - 1] is not (' ' or '\t'))
        {
            return false;
        }

        var before = text[start - 2];
        if (char.IsWhiteSpace(before) || before is '.' or '!' or '?')
        {
            return false;
        }

        for (var i = start + 1; i < end; i++)
        {
            if (char.IsLower(text[i]))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsWordChar(char c) => char.IsLetterOrDigit(c) || c is '\'' or '-' or '_';
}
