namespace Triage.Core.Hygiene.Trimming;

/// <summary>Which header of a quoted message a "Name: value" line repeats.</summary>
internal enum HeaderFieldKind
{
    None,
    From,
    Date,
    To,
    Copy,
    Subject,
    ReplyTo,
}

/// <summary>
/// Reads one line of the header block mail clients write above a quoted or forwarded message
/// ("Från: …", "Lähetetty: …", "*Von:* …", French "De : …"), in the languages our customers write.
/// </summary>
internal static class HeaderField
{
    // The longest field name we know ("Vastaanottaja", "Répondre à", "Päivämäärä") plus decoration.
    private const int MaxNameLength = 24;

    private static readonly Dictionary<string, HeaderFieldKind> Names = Build();

    private static readonly Dictionary<string, HeaderFieldKind>.AlternateLookup<ReadOnlySpan<char>> Lookup =
        Names.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>The field a line starts with, and whether its value (after the colon) shows a digit.</summary>
    public static HeaderFieldKind Read(ReadOnlySpan<char> line, out bool valueHasDigit)
    {
        valueHasDigit = false;
        var s = Scan.TrimBlank(line);
        var colon = s[..Math.Min(s.Length, MaxNameLength)].IndexOfAny(':', '：');
        if (colon <= 0) return HeaderFieldKind.None;

        // "*From:*" and "**Von:**" (bold in plain-text renderings), French "De :" with a space before the colon.
        var name = Scan.TrimDecoration(s[..colon], "*_");
        if (name.IsEmpty || !Lookup.TryGetValue(name, out var kind)) return HeaderFieldKind.None;
        var value = Scan.TrimDecoration(s[(colon + 1)..], "*_");
        valueHasDigit = Scan.HasDigit(value);
        return kind;
    }

    private static Dictionary<string, HeaderFieldKind> Build()
    {
        var names = new Dictionary<string, HeaderFieldKind>(StringComparer.OrdinalIgnoreCase);
        Add(names, HeaderFieldKind.From,
            "From", "Från", "Fra", "Lähettäjä", "Van", "Von", "De", "Da", "Od", "От", "Absender", "Afzender", "Avsändare", "Afsender", "Avsender");
        Add(names, HeaderFieldKind.Date,
            "Sent", "Date", "Skickat", "Datum", "Sendt", "Dato", "Lähetetty", "Päivämäärä", "Päiväys", "Verzonden", "Verstuurd",
            "Gesendet", "Envoyé", "Envoye", "Data", "Enviado", "Enviada em", "Fecha", "Wysłano", "Отправлено");
        Add(names, HeaderFieldKind.To,
            "To", "Till", "Til", "Vastaanottaja", "Aan", "An", "À", "A", "Para", "Do", "Кому", "Mottagare", "Modtager", "Mottaker");
        Add(names, HeaderFieldKind.Copy,
            "Cc", "Bcc", "Kopia", "Kopi", "Kopio", "Kopie", "Blindkopia", "Копия");
        Add(names, HeaderFieldKind.Subject,
            "Subject", "Ämne", "Emne", "Aihe", "Onderwerp", "Betreff", "Objet", "Oggetto", "Asunto", "Assunto", "Temat", "Тема");
        Add(names, HeaderFieldKind.ReplyTo,
            "Reply-To", "Svara till", "Svar til", "Svar till", "Vastausosoite", "Antwoord aan", "Antwort an", "Répondre à", "Risposta",
            "Responder a");
        return names;
    }

    private static void Add(Dictionary<string, HeaderFieldKind> names, HeaderFieldKind kind, params string[] fields)
    {
        foreach (var field in fields) names[field] = kind;
    }
}
