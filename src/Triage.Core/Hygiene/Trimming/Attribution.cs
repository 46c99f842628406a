namespace Triage.Core.Hygiene.Trimming;

/// <summary>
/// Recognises the line a mail client writes above a quoted message: "On 3 Mar 2026, at 10:12, X wrote:",
/// "Den 3 mars 2026 kl. 10:12 skrev X &lt;x@y&gt;:", "ti 3.3.2026 klo 14.05 X kirjoitti:", "Op … schreef …:",
/// "Am … schrieb …:", "Le … a écrit :", Gmail's "2016-10-24 15:36 GMT+02:00 X &lt;x@y&gt;:". A verb alone is not
/// enough (customers write "as I wrote:"): the line must also carry what only a client puts there — an address,
/// a clock time, a year, or the client's dashes.
/// </summary>
internal static class Attribution
{
    /// <summary>The longest (joined) attribution considered; Gmail's with a long display name stays well below.</summary>
    public const int MaxLength = 300;

    // Verbs a client puts at the end of the line ("… wrote:"), lower case.
    private static readonly string[] EndVerbs =
    [
        "wrote", "skrev", "kirjoitti", "schreef", "het volgende geschreven", "schrieb", "a écrit", "ha scritto", "escribió",
        "escreveu", "napisał(a)", "napisał", "napisała", "написал", "написала", "написал(а)", "пише", "đã viết", "写道", "寫道",
    ];

    // Verbs that may sit in the middle when the line still ends in a colon ("Den … skrev X <x@y>:", "X schrieb am …:").
    private static readonly string[] MiddleVerbs = ["skrev", "schreef", "schrieb", "wrote", "kirjoitti"];

    // The word a client starts the line with, before the date ("On", "Den", "Op", "Am", "Le"…). Case-sensitive:
    // it is capitalised at the start of a client's line, and the lower-case words are common in prose.
    private static readonly string[] OnWords = ["On", "Den", "På", "Op", "Am", "Le", "Il", "El", "Em", "Dnia", "W dniu", "Vào", "Pe"];

    /// <summary>Whether the (possibly joined) text is an attribution line.</summary>
    public static bool Is(ReadOnlySpan<char> line)
    {
        var trimmed = Scan.TrimBlank(line);
        if (trimmed.Length < 8 || trimmed.Length > MaxLength) return false;

        // "---- X wrote ----" (Android), "------On … wrote-----": the client's dashes vouch for the line.
        var s = Scan.TrimDecoration(trimmed, "-*_");
        if (s.IsEmpty) return false;
        var framed = s.Length < trimmed.Length - 2 && trimmed[^1] == '-';
        var endsInColon = s[^1] is ':' or '：';
        var core = Scan.TrimDecoration(s, ":： ");
        if (core.IsEmpty) return false;

        // The evidence is looked for only once a verb or a date shape matched: most lines have neither.
        foreach (var verb in EndVerbs)
        {
            if (Scan.EndsWithWord(core, verb)) return framed || core.Contains('@') || IsDated(core) || (StartsWithOnWord(core) && Scan.HasDigit(core));
        }

        if (endsInColon)
        {
            // "On … Roman Tkachenko <romant@example.com> sent:" (talon's Sparrow), only after an "On".
            if (Scan.EndsWithWord(core, "sent")) return StartsWithOnWord(core) && (core.Contains('@') || IsDated(core));

            foreach (var verb in MiddleVerbs)
            {
                if (!Scan.ContainsWord(core, verb)) continue;
                return core.Contains('@') || (StartsWithOnWord(core) && IsDated(core)) || (Scan.HasTime(core) && Scan.HasYear(core));
            }

            // "26.06.2014, 14:41, "Alexander L" <abc@example.com>:", "2014-10-17 11:28 GMT+03:00 X <x@y>:".
            if (core[^1] == '>' && core.Contains('@') && Scan.HasDigit(core[..Math.Min(core.Length, 12)]) && IsDated(core)) return true;
        }

        // "2016-03-03 17:21 GMT+01:00 Some One", "2013/7/20 sam via Discourse Meta <info@discourse.org>" (no colon).
        return StartsWithNumericDate(core) && (core.Contains("GMT", StringComparison.Ordinal) || (core[^1] == '>' && core.Contains('@')));
    }

    private static bool IsDated(ReadOnlySpan<char> s) => Scan.HasTime(s) || Scan.HasYear(s);

    /// <summary>
    /// Where an attribution begins inside a line that starts with the customer's own words
    /// ("reply On Wed, Apr 4, 2012 at 3:59 PM, bob@example.com wrote:"), or 0.
    /// </summary>
    public static int StartInside(ReadOnlySpan<char> line)
    {
        foreach (var on in OnWords)
        {
            var at = line.LastIndexOf(on, StringComparison.Ordinal);
            if (at <= 0 || line[at - 1] is not (' ' or '-') || at + on.Length >= line.Length || line[at + on.Length] != ' ') continue;
            var before = Scan.TrimDecoration(line[..at], "-");
            if (!before.IsEmpty && Is(line[at..])) return at;
        }

        return 0;
    }

    /// <summary>Whether a line may be the first of an attribution that a client wrapped over several lines.</summary>
    public static bool MayStart(ReadOnlySpan<char> line)
    {
        var s = Scan.TrimBlank(line);
        if (s.Length == 0 || s.Length > MaxLength) return false;
        // An address in angle brackets ("X <x@y> schrieb am …") or one about to start on the next line ("X <").
        return StartsWithOnWord(s) || char.IsDigit(s[0]) || StartsWithWeekday(s) || s[^1] == '<' || (s.Contains('<') && s.Contains('@'));
    }

    /// <summary>
    /// Whether a line may be the first part of an attribution whose remainder already reads as one on its own
    /// ("On Thu, Jun 20, 2013 at 4:18 PM, X via Y &lt;" + "info@example.org&gt; wrote:"): it must carry the date,
    /// so a sentence of the customer's is never glued to the attribution under it.
    /// </summary>
    public static bool MayStartBefore(ReadOnlySpan<char> line) =>
        MayStart(line) && (Scan.HasTime(line) || Scan.HasYear(line));

    private static bool StartsWithOnWord(ReadOnlySpan<char> s)
    {
        foreach (var on in OnWords)
        {
            if (s.StartsWith(on, StringComparison.Ordinal) && s.Length > on.Length && s[on.Length] == ' ') return true;
        }

        return false;
    }

    // Gmail in Nordic languages opens with an abbreviated weekday: "tir. 3. mars 2026 kl. 14:05 skrev", "ti 3.3.2026 klo".
    private static bool StartsWithWeekday(ReadOnlySpan<char> s)
    {
        var word = Scan.FirstWord(s);
        if (word.Length is 0 or > 12 || !char.IsLetter(word[0])) return false;
        var rest = s[word.Length..].TrimStart(".,");
        return rest.Length > 1 && rest[0] == ' ' && char.IsDigit(rest[1]);
    }

    private static bool StartsWithNumericDate(ReadOnlySpan<char> s)
    {
        // yyyy-mm-dd or yyyy/m/d
        if (s.Length < 8 || !char.IsAsciiDigit(s[0]) || !char.IsAsciiDigit(s[1]) || !char.IsAsciiDigit(s[2]) || !char.IsAsciiDigit(s[3])) return false;
        if (s[4] is not ('-' or '/')) return false;
        var i = 5;
        while (i < s.Length && char.IsAsciiDigit(s[i])) i++;
        return i > 5 && i < s.Length && s[i] == s[4];
    }
}
