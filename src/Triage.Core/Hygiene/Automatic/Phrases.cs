using System.Buffers;
using System.Collections.Frozen;

namespace Triage.Core.Hygiene.Automatic;

/// <summary>
/// A set of phrases searched case-insensitively in one pass (SearchValues picks a multi-string algorithm, so the cost
/// does not grow with the number of phrases), which also says which phrase matched for the evidence.
/// </summary>
internal sealed class Phrases
{
    // Phrases by their upper-cased first character, so that matching at one position tries only a few of them.
    private readonly FrozenDictionary<char, string[]> _byFirst;
    private readonly SearchValues<string> _search;

    public Phrases(params string[] phrases)
    {
        _byFirst = phrases.GroupBy(p => char.ToUpperInvariant(p[0])).ToFrozenDictionary(g => g.Key, g => g.ToArray());
        _search = SearchValues.Create(phrases, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>The first phrase found in <paramref name="text"/>, or null.</summary>
    public string? Find(ReadOnlySpan<char> text)
    {
        var at = text.IndexOfAny(_search);
        return at < 0 ? null : PhraseAt(text[at..]);
    }

    /// <summary>The phrase <paramref name="text"/> starts with, or null (the longest when several do).</summary>
    public string? PhraseAt(ReadOnlySpan<char> text)
    {
        string? best = null;
        if (text.IsEmpty || !_byFirst.TryGetValue(char.ToUpperInvariant(text[0]), out var candidates))
        {
            return null;
        }

        foreach (var phrase in candidates)
        {
            if (text.StartsWith(phrase, StringComparison.OrdinalIgnoreCase) && (best is null || phrase.Length > best.Length))
            {
                best = phrase;
            }
        }

        return best;
    }
}
