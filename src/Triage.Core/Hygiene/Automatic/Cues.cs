namespace Triage.Core.Hygiene.Automatic;

/// <summary>
/// The words robots write, in the languages our customers write (sv, nb, da, fi, nl, de, en) plus French. Subject
/// prefixes are what mail clients put in front of the original subject; body phrases are what responders and MTAs say.
/// </summary>
internal static class Cues
{
    /// <summary>Subject prefixes of an automatic reply (Outlook, Gmail, Exchange, vacation programs), before a colon.</summary>
    public static Phrases AutoReplyPrefixes { get; } = new(
        "Automatic reply", "Automatic response", "Auto-reply", "Autoreply", "Auto reply", "Auto-response", "Autoresponse",
        "Auto response", "Automated reply", "Automated response", "AutoAnswer", "Auto-Antwort",
        "Autosvar", "Automatiskt svar", "Automatiskt meddelande",
        "Automatisk svar", "Automatisk besked", "Automatisk melding", "Autosvar fra",
        "Automaattinen vastaus", "Automaattivastaus",
        "Automatisch antwoord", "Automatisch bericht", "Autoantwoord",
        "Automatische Antwort", "Automatische Nachricht", "Autoantwort",
        "Réponse automatique", "Reponse automatique", "Message automatique");

    /// <summary>Subject prefixes of an out-of-office reply, before a colon (or alone as the whole subject).</summary>
    public static Phrases OutOfOfficePrefixes { get; } = new(
        "Out of Office", "Out of the Office", "Out-of-office", "Out of Office AutoReply", "Out of office reply", "OOO",
        "Away from the office", "Vacation reply", "Vacation response", "On vacation", "On holiday", "Absence",
        "Frånvaro", "Frånvarande", "Frånvaromeddelande", "Semestersvar", "Ej på kontoret",
        "Fravær", "Fraværende", "Fraværsmelding", "Fraværsbesked", "Ikke til stede", "Ikke på kontoret", "Feriesvar",
        "Poissa", "Poissa toimistolta", "Poissaoloviesti", "Lomalla", "Lomavastaaja", "Lomaviesti",
        "Afwezig", "Afwezigheid", "Afwezigheidsbericht", "Afwezigheidsmelding", "Niet aanwezig", "Vakantiebericht",
        "Abwesenheit", "Abwesenheitsnotiz", "Abwesenheitsmeldung", "Abwesend", "Nicht im Büro", "Urlaubsnotiz",
        "Absent", "Absence du bureau", "Absente", "En congé", "En vacances",
        "På semester", "På ferie", "Op vakantie", "Met vakantie", "Im Urlaub", "Vacation");

    /// <summary>Out-of-office phrases inside a subject (e.g. "Name - vacation response RE: …"); weak on their own.</summary>
    public static Phrases OutOfOfficeInSubject { get; } = new(
        "out of office", "out of the office", "vacation response", "vacation reply", "autoreply", "auto-reply", "automatic reply",
        "frånvaro", "fravær", "ikke til stede", "poissa", "lomalla", "afwezig", "abwesenheit", "réponse automatique");

    /// <summary>Body phrases of someone being away; only ever corroborate other evidence.</summary>
    public static Phrases OutOfOfficeBody { get; } = new(
        "out of the office", "out of office", "on vacation", "on holiday", "on annual leave", "on leave until", "away from the office",
        "away until", "limited access to e-mail", "limited access to email", "return to the office", "back in the office",
        "på semester", "frånvarande", "är ledig", "ledig till", "ledig t.o.m", "inte på kontoret", "åter på kontoret", "tillbaka på kontoret",
        "föräldraledig", "tjänstledig",
        "på ferie", "fraværende", "ikke på kontoret", "ikke til stede", "tilbake på kontoret", "tilbage på kontoret", "tilbage igen",
        "er på ferie", "har ferie", "holder ferie",
        "lomalla", "poissa toimistolta", "olen poissa", "palaan töihin", "palaan toimistolle", "vuosilomalla",
        "afwezig", "met vakantie", "op vakantie", "niet op kantoor", "niet aanwezig", "weer aanwezig", "terug op kantoor",
        "nicht im büro", "abwesend", "im urlaub", "außer haus", "ausser haus", "nicht erreichbar", "wieder im büro", "abwesenheit",
        "absent du bureau", "je suis absent", "je suis absente", "en congé", "en vacances", "hors du bureau", "de retour le");

    /// <summary>Body phrases a responder uses to say it is one.</summary>
    public static Phrases AutoReplyBody { get; } = new(
        "this is an automatic reply", "this is an automated reply", "this is an automatic response", "this is an automated response",
        "this is an auto-reply", "this is an autoreply", "this message was sent automatically", "this is an automatically generated",
        "detta är ett automatiskt", "det här är ett automatiskt", "automatiskt svar", "dette er et automatisk", "automatisk svar",
        "tämä on automaattinen", "automaattinen vastaus", "dit is een automatisch", "automatisch antwoord", "automatisch gegenereerd",
        "dies ist eine automatische", "automatische antwort", "automatisch generiert", "ceci est une réponse automatique",
        "réponse automatique", "message automatique");

    /// <summary>Subject phrases of a delivery failure (anywhere in the subject: MTAs put host names in front).</summary>
    public static Phrases BounceSubject { get; } = new(
        "Undeliverable", "Undelivered Mail", "Undelivered message", "Delivery Status Notification", "Delivery Notification",
        "Mail delivery failed", "Mail delivery failure", "Delivery failure", "Delivery failed", "Failed delivery", "Failure delivery",
        "Returned mail", "Returned to sender", "Failure notice", "Non-Delivery", "Nondeliverable", "Non delivery",
        "Mail System Error", "could not be delivered", "Message delivery has failed", "Delivery has failed", "Delayed Mail",
        "Message delayed", "Delivery delayed", "Delivery has been delayed", "Delivery report", "Mail Not Delivered",
        "Mail Delivery Problem", "Delivery Warning", "Permanent Delivery Failure", "Failed mail", "could not send message",
        "Leveringsfeil", "Kunne ikke leveres", "Ikke levert", "Levering mislyktes", "Kan ikke leveres", "Ikke leveret",
        "Levering mislykkedes", "Ej levererat", "Ej levererbart", "Olevererbart", "Kunde inte levereras",
        "Leverans misslyckades", "Onbestelbaar", "Onbezorgbaar", "Niet bezorgd", "Bezorging mislukt",
        "Unzustellbar", "Nicht zustellbar", "Zustellung fehlgeschlagen", "Unzustellbare",
        "Toimitus epäonnistui", "Toimitus epaonnistui", "Viestin toimitus epäonnistui", "Ei voitu toimittaa", "Toimittamaton",
        "Leveransfel", "Leveransstatus", "Returnerat meddelande", "Returnert e-post", "Leveringsstatus", "Returneret post",
        "Palautettu viesti", "Toimituksen tila", "Bezorgstatus", "Niet afgeleverd", "Übermittlungsstatus", "Zustellungsbericht",
        "Non remis", "Non distribuable", "État de remise", "Etat de remise", "Échec de la remise", "Echec de la remise", "Non recapitabile", "No se puede entregar");

    /// <summary>Body phrases of a delivery failure report (Postfix, Exim, qmail, Sendmail, Exchange, Gmail, Yahoo, Notes, …).</summary>
    public static Phrases BounceBody { get; } = new(
        "could not be delivered", "couldn't be delivered", "was not delivered", "wasn't delivered", "cannot be delivered",
        "can't be delivered", "undeliverable", "delivery has failed", "delivery failed", "delivery to the following", "failed to deliver",
        "unable to deliver", "not able to deliver", "wasn't able to deliver", "permanent fatal errors", "permanent error",
        "did not reach the following", "could not deliver", "mail delivery system", "mail delivery subsystem",
        "delivery status notification", "returned to sender", "user unknown", "unknown user", "no such user", "mailbox unavailable",
        "mailbox not found", "recipient address rejected", "address rejected", "does not exist", "message was undeliverable",
        "the following recipients", "the following address", "following recipient", "delivery problem", "delayed delivery",
        "has not yet been delivered", "try to deliver", "could not send message", "still being retried", "delivery attempts will continue",
        "leveringen til følgende", "levering til følgende", "kunne ikke leveres", "kan ikke leveres", "ble ikke levert", "blev ikke leveret",
        "leveransen till följande", "kunde inte levereras", "kan inte levereras", "ej levererat", "gick inte att leverera",
        "kan niet bezorgen", "niet worden bezorgd", "bezorging is mislukt", "bezorging mislukt", "onbestelbaar", "kon niet worden afgeleverd",
        "zustellung an folgende", "konnte nicht zugestellt", "nicht zugestellt werden", "unzustellbar", "ist fehlgeschlagen",
        "toimitus seuraaville", "toimitus epäonnistui", "ei voitu toimittaa", "viestiä ei voitu",
        "levering mislyktes", "leveringen mislyktes", "leveringen mislykkedes", "leverans misslyckades", "leveransen misslyckades",
        "zustellung fehlgeschlagen", "niet afgeleverd", "kon niet worden bezorgd", "kan niet worden bezorgd", "toimitus ei onnistunut",
        "la remise aux destinataires", "n'a pas pu être remis", "n'a pas pu etre delivre", "échec de la remise", "non remis");

    /// <summary>How people open a letter; reports never do.</summary>
    public static Phrases Greetings { get; } = new(
        "hi", "hello", "hey", "dear", "good morning", "good afternoon", "good evening", "to whom",
        "hej", "hejsan", "hallå", "god morgon", "goddag", "god dag", "hei", "heisann", "hallo", "kære", "kjære", "god morgen",
        "moi", "moikka", "terve", "hyvä", "huomenta", "hoi", "beste", "geachte", "goedemorgen", "goedemiddag", "goedendag",
        "sehr geehrte", "liebe", "lieber", "guten tag", "guten morgen", "moin", "servus", "bonjour", "bonsoir", "madame", "monsieur",
        "cher", "chère", "salut");

    /// <summary>The first non-blank line opens with a greeting word ("Hi Anna,", "Hej!", "Sehr geehrte Damen und Herren").</summary>
    public static bool OpensWithGreeting(ReadOnlySpan<char> text)
    {
        var line = text.TrimStart();
        var end = line.IndexOf('\n');
        line = end < 0 ? line : line[..end];
        return Greetings.PhraseAt(line) is { } greeting && (line.Length == greeting.Length || !char.IsLetter(line[greeting.Length]));
    }

    /// <summary>Lines that start the copy of the returned message inside a plain-text report.</summary>
    public static Phrases ReturnedCopyMarkers { get; } = new(
        "original message", "copy of the message", "copy of your message", "returned message", "message follows",
        "message headers", "header of the original", "headers of the original", "undelivered message", "message as received",
        "the header and top", "text of the message", "unsent message", "ursprüngliche nachricht", "oorspronkelijk bericht",
        "ursprungligt meddelande", "opprinnelig melding", "oprindelig meddelelse", "alkuperäinen viesti", "message d'origine",
        "message original");
}
