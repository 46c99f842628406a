using System.Buffers;

namespace Triage.Core.Hygiene.Automatic;

/// <summary>
/// A set of phrases searched case-insensitively in one pass (SearchValues picks a multi-string algorithm, so the cost
/// does not grow with the number of phrases), which also says which phrase matched for the evidence.
/// </summary>
internal sealed class Phrases
{
    private readonly string[] _phrases;
    private readonly SearchValues<string> _search;

    public Phrases(params string[] phrases)
    {
        _phrases = phrases;
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
        foreach (var phrase in _phrases)
        {
            if (text.StartsWith(phrase, StringComparison.OrdinalIgnoreCase) && (best is null || phrase.Length > best.Length))
            {
                best = phrase;
            }
        }

        return best;
    }
}
