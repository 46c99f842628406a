namespace Triage.Core.SelfHelp;

/// <summary>
/// One language's stop words and light stemmer. The stemmer strips, in each pass, the longest listed suffix that
/// leaves at least <see cref="MinStem"/> letters: the common plural, definite and case endings, not a full
/// morphology. Mistakes are symmetric (articles and mail are stemmed alike), and the n-gram channel covers the rest.
/// Suffixes and stop words are written as they are spelled and folded like any text.
/// </summary>
internal sealed class LanguageRules
{
    private static readonly Dictionary<string, LanguageRules> ByLanguage = new(StringComparer.OrdinalIgnoreCase)
    {
        ["sv"] = new(
            "och i att det som en ett på är av för med till den de dem har hade inte om men var jag vi ni du han hon sig "
            + "från så kan kunde man när också efter eller nu där vid ska skulle kommer får finns vara vad bara hur alla "
            + "då detta denna dessa min mitt mina vår vårt våra er ert era oss mig dig hej hallå tack mvh vänliga hälsningar "
            + "hälsning någon något några blir blev bli mycket igen redan även sedan just lite",
            ["heterna hetens heten heter arnas ernas ornas andes andet arens arna erna orna ande arne aste aren ades erns "
            + "ade are ern ens het ast ad en ar er or as es at a e s"],
            minStem: 3),
        ["nb"] = new(
            "og i at det som en et ei på er av for med til den de dem har hadde ikke om men var jeg vi dere du han hun seg "
            + "fra så kan kunne man når også etter eller nå der ved skal skulle kommer får finnes være hva bare hvordan alle "
            + "da dette denne disse min mitt mine vår vårt våre deres oss meg deg hei hallo takk mvh vennlig hilsen "
            + "noen noe blir ble bli mye igjen allerede nettopp litt",
            ["hetene hetens heten endes erer eren erne ende edes enes erte ere ene ane ers ets het ast ert en ar er as es et a e s"],
            minStem: 3),
        ["da"] = new(
            "og i at det som en et på er af for med til den de dem har havde ikke om men var jeg vi i du han hun sig "
            + "fra så kan kunne man når også efter eller nu der ved skal skulle kommer får findes være hvad bare hvordan alle "
            + "da dette denne disse min mit mine vores os mig dig hej hallo tak mvh venlig hilsen venlige hilsner "
            + "nogen noget nogle bliver blev blive meget igen allerede lige lidt",
            ["erendes erende hedens ethed erede heden heder endes ernes erens erets ered ende erne eren erer heds enes "
            + "eres eret hed ene ere ens ers ets en er es et e s"],
            minStem: 3),
        ["de"] = new(
            "und oder der die das den dem des ein eine einen einem einer eines ist sind war waren bin bist hat haben hatte "
            + "ich wir ihr sie er es du mich mir uns euch sich nicht kein keine mit von zu zum zur auf für an im in am aus "
            + "bei nach wie was wenn dass aber auch noch schon nur so da dann jetzt mein meine meinen unser unsere "
            + "ihre ihren hallo guten tag danke vielen dank grüße freundlichen gruß mfg bitte kann können könnte wird werden wurde",
            ["ern ers em en er es e s"],
            minStem: 3),
        ["nl"] = new(
            "en of de het een is zijn was waren ben heb hebben heeft had ik wij we jullie zij ze hij het u je mij me ons "
            + "zich niet geen met van te tot op voor aan in uit bij na naar hoe wat als dat die dit deze maar ook nog al "
            + "alleen zo dan nu mijn onze uw hun hallo beste goedemorgen goedemiddag dag bedankt dank groet groeten "
            + "vriendelijke met graag kan kunnen kunt zou wordt worden werd er",
            ["heden ingen ende ing tje je en es s e"],
            minStem: 3,
            undoubleConsonant: true,
            collapseVowels: true),
        ["fi"] = new(
            "ja tai on ei ole oli ovat olen olemme minä me te he hän se ne sinä mun meidän teidän heidän minun meillä "
            + "meille minulla minulle kanssa mutta myös vielä jo vain kun jos että kuin niin nyt sitten tämä tuo nämä "
            + "joka mikä mitä miten miksi hei moi moikka kiitos kiitoksia terveisin ystävällisin yst terv voi voisitteko "
            + "pitäisi olisi",
            ["kaan kin", "nsa mme nne ni", "isiin issa ista illa ilta ille iksi iden itten ien jen ssa sta lla lta lle ksi "
            + "seen tta den aan een iin oon uun yyn ja in en a n t i", "a e i o u y"],
            minStem: 4,
            undoubleConsonant: true),
        ["en"] = new(
            "the a an and or of to in on at for with from by is are was were be been am have has had do does did not no "
            + "i we you he she it they me us him her them my our your their this that these those there here what how "
            + "when why which who can could would should will just also but so if as about hi hello dear thanks thank "
            + "regards best kind please any some get got",
            ["ies>y sses>ss ss>ss us>us is>is ing ed es e s"],
            minStem: 3),
    };

    private static readonly LanguageRules Generic = new(string.Empty, [], minStem: int.MaxValue);

    private readonly HashSet<string> _stopWords;
    private readonly (string Suffix, string Replacement)[][] _passes;

    private LanguageRules(string stopWords, string[] passes, int minStem, bool undoubleConsonant = false, bool collapseVowels = false)
    {
        _stopWords = new(TextAnalyzer.Words(stopWords), StringComparer.Ordinal);
        _passes = [.. passes.Select(ParsePass)];
        MinStem = minStem;
        UndoubleConsonant = undoubleConsonant;
        CollapseVowels = collapseVowels;
    }

    public int MinStem { get; }

    /// <summary>Dutch and Finnish: <c>bonn</c> → <c>bon</c>, <c>kuitt</c> → <c>kuit</c>.</summary>
    public bool UndoubleConsonant { get; }

    /// <summary>Dutch spells open syllables with one vowel: <c>factuur</c>/<c>facturen</c> both become <c>factur</c>.</summary>
    public bool CollapseVowels { get; }

    /// <summary>Rules for a language code; a language we have no rules for gets neither stop words nor stemming.</summary>
    public static LanguageRules For(string? language) =>
        language is not null && ByLanguage.TryGetValue(language, out var rules) ? rules : Generic;

    public bool IsStopWord(string word) => _stopWords.Contains(word);

    public string Stem(string word)
    {
        var stem = word;
        foreach (var pass in _passes)
        {
            foreach (var (suffix, replacement) in pass)
            {
                if (stem.Length - suffix.Length >= MinStem && stem.EndsWith(suffix, StringComparison.Ordinal))
                {
                    stem = string.Concat(stem.AsSpan(0, stem.Length - suffix.Length), replacement);
                    break;
                }
            }
        }

        if (CollapseVowels)
        {
            stem = CollapseDoubledVowels(stem);
        }

        if (UndoubleConsonant && stem.Length > MinStem && stem[^1] == stem[^2] && !IsVowel(stem[^1]))
        {
            stem = stem[..^1];
        }

        return stem;
    }

    /// <summary>A pass is space-separated suffixes; <c>ies&gt;y</c> replaces instead of stripping.</summary>
    private static (string, string)[] ParsePass(string pass) =>
        [.. pass.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(rule => rule.Split('>'))
            .Select(parts => (TextAnalyzer.Fold(parts[0]), parts.Length > 1 ? TextAnalyzer.Fold(parts[1]) : string.Empty))
            .OrderByDescending(rule => rule.Item1.Length)];

    private static string CollapseDoubledVowels(string stem)
    {
        var chars = new char[stem.Length];
        var length = 0;
        foreach (var c in stem)
        {
            if (length == 0 || c != chars[length - 1] || !IsVowel(c))
            {
                chars[length++] = c;
            }
        }

        return new string(chars, 0, length);
    }

    private static bool IsVowel(char c) => c is 'a' or 'e' or 'i' or 'o' or 'u' or 'y';
}
