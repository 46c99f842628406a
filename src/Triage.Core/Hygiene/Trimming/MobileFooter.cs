namespace Triage.Core.Hygiene.Trimming;

/// <summary>
/// The line a phone or mail app appends under what the customer typed ("Skickat från min iPhone",
/// "Lähetetty iPhonesta", "Get Outlook for Android"). A footer is an app phrase followed either by a possessive
/// ("my", "min", "mijn", "meinem"…: the device is theirs, whatever it is called) or by the name of a device or mail
/// app; that second condition keeps "Sendt fra jeres lager i går" (sent from your warehouse) as the customer's text.
/// </summary>
internal static class MobileFooter
{
    // Longer than any footer seen in the wild; a longer line is prose.
    private const int MaxLength = 120;

    // "<phrase> …": the words that open a footer. A trailing space is part of the phrase.
    private static readonly string[] Openers =
    [
        "sent from ", "sent via ", "sent with ", "sent using ", "from my ",
        "get outlook for ", "get outlook ", "get [outlook ",
        "skickat från ", "skickat med ", "hämta outlook för ",
        "sendt fra ", "sendt med ", "hent outlook for ", "hent outlook til ", "få outlook til ",
        "hanki outlook ",
        "verzonden vanaf ", "verzonden vanuit ", "verzonden met ", "verzonden van ",
        "verstuurd vanaf ", "verstuurd vanuit ", "verstuurd met ", "download outlook voor ",
        "gesendet von ", "gesendet vom ", "gesendet mit ", "gesendet aus ",
        "envoyé de mon ", "envoyé depuis mon ", "envoyé de ", "envoyé depuis ", "envoyé à partir de ",
        "obtenir outlook pour ", "télécharger outlook pour ",
        "enviado desde ", "enviado do ", "enviado de ", "inviato da ", "inviato dal ",
    ];

    // The device is the writer's own: "my iPhone", "min Samsung", "meinem Mobilgerät".
    private static readonly string[] Possessives =
    [
        "my", "min", "mitt", "mina", "mine", "minun", "mijn", "meinem", "meiner", "mon", "ma", "mi", "meu", "mio",
    ];

    // Devices and mail apps (lower case, matched anywhere in the line, so "iPhonesta" and "Mobiltelefon" count).
    private static readonly string[] Products =
    [
        "iphone", "ipad", "ipod", "android", "samsung", "galaxy", "huawei", "xiaomi", "pixel", "nokia", "blackberry",
        "mobil", "phone", "telefon", "puhelin", "puhelime", "tablet", "outlook", "mail", "e-post", "yahoo", "aol",
        "mailbox", "sparrow", "spark", "windows", "ios", "k-9", "proton", "airmail",
    ];

    public static bool Is(ReadOnlySpan<char> line)
    {
        // Footers come wrapped as "(Sent from mobile device)" or "<<sent by galaxy>>" too.
        var s = Scan.TrimDecoration(line, "()<>*_[]");
        if (s.IsEmpty) return false;

        // "Someone from mobile".
        if (s.EndsWith(" from mobile", StringComparison.OrdinalIgnoreCase)) return Scan.WordCount(s) <= 4;

        // Every other footer starts with one of these letters; most lines are turned away here.
        if (!"sfghvdeotil從发".Contains(char.ToLowerInvariant(s[0]))) return false;
        if (s.Length < 6 || s.Length > MaxLength || s.Contains(':') && !s.Contains("://", StringComparison.Ordinal)) return false;

        switch (char.ToLowerInvariant(s[0]))
        {
            case 'v':
                // German puts the verb last: "Von meinem iPhone gesendet".
                if (s.StartsWith("von meinem ", StringComparison.OrdinalIgnoreCase)) return EndsWithGesendet(s);
                break;
            case 'd':
                if (s.StartsWith("diese nachricht wurde ", StringComparison.OrdinalIgnoreCase)) return EndsWithGesendet(s);
                break;
            case 'l':
                // Finnish: "Lähetetty iPhonesta", "Lähetetty Samsung Galaxy -älypuhelimesta" (elative case: -sta/-stä).
                if (Scan.StartsWithWord(s, "lähetetty") && Scan.WordCount(s) <= 6)
                {
                    var end = Scan.TrimDecoration(s, ".");
                    return end.EndsWith("sta", StringComparison.OrdinalIgnoreCase) || end.EndsWith("stä", StringComparison.OrdinalIgnoreCase);
                }

                break;
            case 'o':
                // "Outlook für iOS beziehen", "Outlook voor Android downloaden".
                if (s.StartsWith("outlook ", StringComparison.OrdinalIgnoreCase)) return Scan.WordCount(s) <= 5 && (Scan.ContainsWord(s, "ios") || Scan.ContainsWord(s, "android"));
                break;
            case '從' or '发':
                return s.Contains("iPhone", StringComparison.OrdinalIgnoreCase) || s.Contains("我的", StringComparison.Ordinal);
        }

        if (s.StartsWith("sent by ", StringComparison.OrdinalIgnoreCase)) return s.Length != line.Trim().Length && HasProduct(s);

        foreach (var opener in Openers)
        {
            if (!s.StartsWith(opener, StringComparison.OrdinalIgnoreCase)) continue;
            var rest = s[opener.Length..];
            if (opener.EndsWith(" my ", StringComparison.Ordinal) || opener.EndsWith(" mon ", StringComparison.Ordinal) || IsPossessive(Scan.FirstWord(rest)))
            {
                return Scan.WordCount(s) <= 12;
            }

            return Scan.WordCount(s) <= 8 && HasProduct(rest);
        }

        return false;
    }

    private static bool EndsWithGesendet(ReadOnlySpan<char> s) => Scan.EndsWithWord(Scan.TrimDecoration(s, "."), "gesendet");

    private static bool IsPossessive(ReadOnlySpan<char> word)
    {
        foreach (var p in Possessives)
        {
            if (word.Equals(p, StringComparison.OrdinalIgnoreCase)) return true;
        }

        return false;
    }

    private static bool HasProduct(ReadOnlySpan<char> s)
    {
        foreach (var p in Products)
        {
            if (s.Contains(p, StringComparison.OrdinalIgnoreCase)) return true;
        }

        return false;
    }
}
