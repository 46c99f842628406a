namespace Triage.Classification;

/// <summary>
/// Finds the distinct questions in a customer's text: sentences that end in '?' or open with an interrogative or
/// request phrase of one of our languages ("Kan ni…", "Voisitteko…", "Können Sie…", "Could you…"). Support asks for
/// one question per ticket; two or more distinct questions make a multi-question mail.
/// </summary>
public static class QuestionFinder
{
    // Opening words or phrases that make a sentence a question or request even without '?', lower case.
    private static readonly string[] Openers =
    [
        // sv
        "hur ", "varför ", "vad ", "när ", "vem ", "vilken ", "vilket ", "vilka ", "kan ni ", "kan du ", "går det ", "finns det ",
        "skulle ni ", "kunde ni ", "har ni ", "behöver vi ", "måste vi ", "ska vi ", "är det möjligt",
        // nb / nn
        "hvordan ", "hvorfor ", "hva ", "hvor ", "hvem ", "hvilken ", "hvilke ", "kan dere ", "finnes det ", "kunne dere ", "har dere ",
        "må vi ", "skal vi ", "korleis ", "kva ", "kan de ", "er det mulig",
        // da
        "hvad ", "hvornår ", "kan i ", "findes der ", "kunne i ", "har i ",
        // fi
        "miten ", "miksi ", "mitä ", "milloin ", "missä ", "kuka ", "mikä ", "voitteko ", "voisitteko ", "voiko ", "onko ", "saako ",
        "pitääkö ", "kannattaako ", "saisinko ", "voinko ", "onnistuuko ", "toimiiko ",
        // nl
        "hoe ", "waarom ", "wanneer ", "waar ", "welke ", "kunnen jullie ", "kunt u ", "kan ik ", "zijn er ", "moet ik ", "moeten we ",
        "hebben jullie ", "is het mogelijk",
        // de
        "wie ", "warum ", "wann ", "wo ", "wer ", "welche ", "welcher ", "welches ", "können sie ", "könnt ihr ", "kann ich ", "gibt es ",
        "müssen wir ", "haben sie ", "sollen wir ", "ist es möglich", "könnten sie ",
        // en
        "how ", "why ", "what ", "when ", "where ", "who ", "which ", "can you ", "could you ", "can we ", "can i ", "is there ",
        "are there ", "do you ", "does ", "should we ", "would you ", "will you ", "is it possible",
    ];

    public static IReadOnlyList<string> Find(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var questions = new List<string>();
        var seen = new List<HashSet<string>>();
        foreach (var sentence in Sentences(text).Where(IsQuestion).SelectMany(SplitCompound))
        {
            var words = Words(sentence);
            if (words.Count < 3 || seen.Any(s => Jaccard(s, words) > 0.6))
            {
                continue;
            }

            seen.Add(words);
            questions.Add(sentence);
        }

        return questions;
    }

    // "and"-type words that join a second question to the first: "…, og hvor lang tid tar det?".
    private static readonly string[] Conjunctions = ["och ", "og ", "and ", "und ", "en ", "ja ", "sekä "];

    private static bool IsQuestion(string sentence) => sentence.EndsWith('?') || OpensAsQuestion(sentence);

    private static bool OpensAsQuestion(string clause)
    {
        var lower = clause.TrimStart().ToLowerInvariant() + " ";

        // A short greeting or name before a comma ("Moi, voisitteko…", "Daan, kunnen jullie…") does not hide the question.
        var comma = lower.IndexOf(", ", StringComparison.Ordinal);
        if (comma is > 0 and <= 20 && lower[..comma].Count(char.IsWhiteSpace) <= 1 && !StartsWithOpener(lower))
        {
            lower = lower[(comma + 2)..];
        }

        return StartsWithOpener(lower);
    }

    private static bool StartsWithOpener(string lower)
    {
        foreach (var conjunction in Conjunctions)
        {
            if (lower.StartsWith(conjunction, StringComparison.Ordinal))
            {
                lower = lower[conjunction.Length..];
                break;
            }
        }

        return Array.Exists(Openers, o => lower.StartsWith(o, StringComparison.Ordinal));
    }

    /// <summary>Splits "A, and B?" when B opens like a question of its own.</summary>
    private static IEnumerable<string> SplitCompound(string sentence)
    {
        var start = 0;
        for (var comma = sentence.IndexOf(", ", StringComparison.Ordinal); comma >= 0; comma = sentence.IndexOf(", ", comma + 2, StringComparison.Ordinal))
        {
            var rest = sentence[(comma + 2)..];
            if (Conjunctions.Any(c => rest.StartsWith(c, StringComparison.OrdinalIgnoreCase)) && OpensAsQuestion(rest))
            {
                yield return sentence[start..comma].Trim() + "?";
                start = comma + 2;
            }
        }

        yield return sentence[start..].Trim();
    }

    /// <summary>Sentences split at . ! ? followed by white space, and at line breaks (mail is written in lines).</summary>
    internal static IEnumerable<string> Sentences(string text)
    {
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            var end = c == '\n' || ((c is '.' or '!' or '?') && (i + 1 == text.Length || char.IsWhiteSpace(text[i + 1])));
            if (!end)
            {
                continue;
            }

            var sentence = text[start..(c == '\n' ? i : i + 1)].Trim();
            if (sentence.Length > 0)
            {
                yield return sentence;
            }

            start = i + 1;
        }

        var rest = text[start..].Trim();
        if (rest.Length > 0)
        {
            yield return rest;
        }
    }

    private static HashSet<string> Words(string sentence) =>
        [.. sentence.ToLowerInvariant().Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Select(w => w.Trim('?', '.', ',', '!', ':', ';', '"', '(', ')')).Where(w => w.Length > 0)];

    private static double Jaccard(HashSet<string> a, HashSet<string> b) =>
        (double)a.Count(b.Contains) / Math.Max(1, a.Count + b.Count - a.Count(b.Contains));
}
