namespace Triage.Core.Hygiene.Trimming;

/// <summary>
/// The line a mail client puts above a forwarded or original message: "-----Ursprungligt meddelande-----",
/// "---------- Forwarded message ---------", Apple Mail's "Begin forwarded message:". The phrase must stand alone,
/// framed by dashes (or similar) or ending in a colon, so a sentence that mentions "the original message" is text.
/// </summary>
internal static class ForwardMarker
{
    private static readonly string[] Phrases =
    [
        // en
        "original message", "forwarded message", "reply message", "begin forwarded message", "forwarded e-mail",
        // sv
        "ursprungligt meddelande", "vidarebefordrat meddelande", "vidarebefordrat brev", "början av vidarebefordrat meddelande",
        // nb
        "opprinnelig melding", "videresendt melding", "begynnelse på videresendt melding", "opprinnelig e-post",
        // da
        "oprindelig meddelelse", "videresendt meddelelse", "videresendt besked", "start på videresendt besked", "oprindelig besked",
        // fi
        "alkuperäinen viesti", "välitetty viesti", "välitetty viesti alkaa", "edelleenlähetetty viesti",
        // nl
        "oorspronkelijk bericht", "doorgestuurd bericht", "begin doorgestuurd bericht", "origineel bericht",
        // de
        "ursprüngliche nachricht", "weitergeleitete nachricht", "anfang der weitergeleiteten nachricht", "antwort nachricht",
        "original-nachricht",
        // fr
        "message d'origine", "message transféré", "début du message transféré", "début du message réexpédié", "message original",
        // es, it, pt, pl
        "mensaje original", "mensaje reenviado", "messaggio originale", "messaggio inoltrato", "inizio messaggio inoltrato",
        "mensagem original", "mensagem encaminhada", "wiadomość oryginalna", "przekazana wiadomość",
    ];

    public static bool Is(ReadOnlySpan<char> line)
    {
        var trimmed = Scan.TrimBlank(line);
        if (trimmed.Length < 8 || trimmed.Length > 80) return false;
        var phrase = Scan.TrimDecoration(trimmed, "-_=*~");
        var framed = phrase.Length < trimmed.Length - 1;
        var colon = phrase.Length > 0 && phrase[^1] is ':' or '：';
        if (!framed && !colon) return false;
        phrase = Scan.TrimDecoration(phrase, ":：-_=*~");
        foreach (var p in Phrases)
        {
            if (phrase.Equals(p, StringComparison.OrdinalIgnoreCase)) return true;
        }

        return false;
    }
}
