namespace Triage.Core.Hygiene.Automatic;

/// <summary>
/// Finds an SMTP failure as MTAs quote it: a 4xx/5xx reply code with an enhanced status ("550 5.1.1", "550-5.7.1") or
/// a qmail-style "#5.1.1". A version number such as "4.12.1" alone does not count.
/// </summary>
internal static class SmtpStatus
{
    public static bool Contains(ReadOnlySpan<char> text)
    {
        for (var i = 1; i + 4 < text.Length; i++)
        {
            if (text[i] is not ('4' or '5') || text[i + 1] != '.' || !IsEnhancedStatus(text[i..]) || (i > 0 && (char.IsAsciiDigit(text[i - 1]) || text[i - 1] == '.')))
            {
                continue;
            }

            if (text[i - 1] == '#' || (i >= 4 && text[i - 1] is ' ' or '-' && text[i - 4] is '4' or '5' && char.IsAsciiDigit(text[i - 3]) && char.IsAsciiDigit(text[i - 2])))
            {
                return true;
            }
        }

        return false;
    }

    // "5.1.1" at the start of the span: class digit, then two dot-separated groups of one to three digits.
    private static bool IsEnhancedStatus(ReadOnlySpan<char> text)
    {
        var i = 2;
        for (var group = 0; group < 2; group++)
        {
            var digits = 0;
            while (i < text.Length && char.IsAsciiDigit(text[i]) && digits < 4)
            {
                i++;
                digits++;
            }

            if (digits is 0 or > 3)
            {
                return false;
            }

            if (group == 0)
            {
                if (i >= text.Length || text[i] != '.')
                {
                    return false;
                }

                i++;
            }
        }

        return i == text.Length || !char.IsAsciiDigit(text[i]);
    }
}
