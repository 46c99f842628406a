using System.Globalization;
using System.Text;

namespace Triage.Core.SelfHelp;

/// <summary>
/// Text to index terms for one language: Unicode NFKC, lower case, diacritics folded (customers on foreign keyboards
/// write "losenord" for "lösenord"), words of two or more letters or digits, stop words dropped, a light stemmer.
/// Character n-grams of the terms (<see cref="Grams"/>) let "kvittoskrivaren" meet "skrivare". Thread-safe.
/// </summary>
public sealed class TextAnalyzer
{
    private static readonly Dictionary<string, TextAnalyzer> Cache = new(StringComparer.OrdinalIgnoreCase);
    private static readonly Lock CacheLock = new();

    private readonly LanguageRules _rules;

    private TextAnalyzer(string language)
    {
        Language = language;
        _rules = LanguageRules.For(language);
    }

    public string Language { get; }

    /// <summary>The analyzer for a language code (sv, nb, da, fi, nl, de, en); others get folding only.</summary>
    public static TextAnalyzer For(string language)
    {
        ArgumentNullException.ThrowIfNull(language);
        lock (CacheLock)
        {
            if (!Cache.TryGetValue(language, out var analyzer))
            {
                analyzer = new TextAnalyzer(language);
                Cache[language] = analyzer;
            }

            return analyzer;
        }
    }

    /// <summary>NFKC, lower case, combining marks removed; ø, æ, ß and the like spelled out, as they do not decompose.</summary>
    public static string Fold(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var decomposed = text.Normalize(NormalizationForm.FormKC).ToLowerInvariant().Normalize(NormalizationForm.FormD);
        var folded = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            switch (c)
            {
                case 'ø': folded.Append('o'); break;
                case 'æ': folded.Append("ae"); break;
                case 'œ': folded.Append("oe"); break;
                case 'ß': folded.Append("ss"); break;
                case 'đ': folded.Append('d'); break;
                case 'ł': folded.Append('l'); break;
                default:
                    if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark)
                    {
                        folded.Append(c);
                    }

                    break;
            }
        }

        return folded.ToString();
    }

    /// <summary>Folded words: runs of letters and digits, two characters or longer.</summary>
    public static IEnumerable<string> Words(string text)
    {
        var folded = Fold(text);
        var start = -1;
        for (var i = 0; i <= folded.Length; i++)
        {
            var inWord = i < folded.Length && char.IsLetterOrDigit(folded[i]);
            if (inWord && start < 0)
            {
                start = i;
            }
            else if (!inWord && start >= 0)
            {
                if (i - start >= 2)
                {
                    yield return folded[start..i];
                }

                start = -1;
            }
        }
    }

    /// <summary>The index terms of a text, in order, repeats kept.</summary>
    public IEnumerable<string> Terms(string? text) =>
        string.IsNullOrEmpty(text) ? [] : Words(text).Where(w => !_rules.IsStopWord(w)).Select(_rules.Stem);

    /// <summary>Character n-grams of one term; a term shorter than <paramref name="length"/> has none.</summary>
    public static IEnumerable<string> Grams(string term, int length)
    {
        ArgumentNullException.ThrowIfNull(term);
        for (var i = 0; i + length <= term.Length; i++)
        {
            yield return term.Substring(i, length);
        }
    }
}
