using Triage.Core.Hygiene;

namespace Triage.Core.Tests.Hygiene.Trimming;

/// <summary>One rule of the trimmer per test, in every language our customers write; replies are our own.</summary>
public sealed class ReplyTrimmerTests
{
    private const string Reply = "Hej,\n\nKassan startar fortfarande inte efter omstarten.\n\nMvh Karin";

    private static string Trimmed(string text) => ReplyTrimmer.Trim(text).NewText;

    [Theory]
    [InlineData("Den 3 mars 2026 kl. 10:12 skrev Support <support@kassasystem.example>:")]
    [InlineData("Den 5. mars 2026 kl. 10:31 skrev Kassasystem Support <support@kassasystem.example>:")]
    [InlineData("tir. 3. mars 2026 kl. 14:05 skrev Kassasystem Support <support@kassasystem.example>:")]
    [InlineData("Den 4. marts 2026 kl. 09.30 skrev Kassasystem Support <support@kassasystem.example>:")]
    [InlineData("ti 3. maalisk. 2026 klo 14.05 Kassasystem Support <support@kassasystem.example> kirjoitti:")]
    [InlineData("Kassasystem Support kirjoitti 3.3.2026 kello 14.05:")]
    [InlineData("Op 17-03-2026 om 11:45 schreef Kassasystem Support <support@kassasystem.example>:")]
    [InlineData("Op 17 mrt. 2026 om 11:45 heeft Daan <support@kassasystem.example> het volgende geschreven:")]
    [InlineData("Am 17.03.2026 um 11:45 schrieb Kassasystem Support <support@kassasystem.example>:")]
    [InlineData("Kassasystem Support <support@kassasystem.example> schrieb am Di., 17. März 2026 um 11:45:")]
    [InlineData("On Tue, 17 Mar 2026 at 11:45, Kassasystem Support <support@kassasystem.example> wrote:")]
    [InlineData("On 17 Mar 2026, at 11:45, Ella wrote:")]
    [InlineData("Le mar. 17 mars 2026 à 11:45, Kassasystem Support <support@kassasystem.example> a écrit :")]
    [InlineData("---- Ella wrote ----")]
    [InlineData("2026-03-17 11:45 GMT+01:00 Kassasystem Support <support@kassasystem.example>:")]
    public void Trim_AttributionAfterReply_CutsQuotedHistory(string attribution)
    {
        var result = ReplyTrimmer.Trim($"{Reply}\n\n{attribution}\n> Hej Karin,\n>\n> Prova att starta om kassan.\n");

        Assert.Equal(Reply, result.NewText);
        Assert.True(result.QuoteRemoved);
    }

    [Theory]
    [InlineData("Den 3 mars 2026 kl. 10:12 skrev Kassasystem Support <\nsupport@kassasystem.example>:")]
    [InlineData("Den 3. mars 2026 kl. 10:12 skrev Kassasystem Support\n<support@kassasystem.example>:")]
    [InlineData("Op 16 mrt. 2026 05:13 schreef \"Kassasystem Support\" <support@kassasystem.example> het\nvolgende geschreven:")]
    [InlineData("Am 21.03.2026 17:48 schrieb \"Kassasystem Support\" <support@kassasystem.example\n>:")]
    [InlineData("Le 4 mars 2026 19:03, \"Kassasystem Support\"\n<support@kassasystem.example>\na écrit :")]
    [InlineData("On Mon, Mar 2, 2026 at 4:18 PM, Kassasystem Support via Helpdesk <\nsupport@kassasystem.example> wrote:")]
    [InlineData("On Mon, Mar 2, 2026 at 10:07 PM Ella\n\n<\nmailto:Ella <ella@kassasystem.example>\n> wrote:")]
    public void Trim_AttributionWrappedOverLines_CutsQuotedHistory(string attribution)
    {
        Assert.Equal(Reply, Trimmed($"{Reply}\n\n{attribution}\n\n> Hej Karin,\n> Prova att starta om kassan.\n"));
    }

    [Theory]
    [InlineData("Den 3 mars 2026 kl. 10:12 skrev Support <support@kassasystem.example>:")]
    [InlineData("Op 17-03-2026 om 11:45 schreef Support <support@kassasystem.example>:")]
    [InlineData("On 17 Mar 2026, at 11:45, Support <support@kassasystem.example> wrote:")]
    public void Trim_AttributionOverUnquotedMessage_CutsFromAttribution(string attribution)
    {
        Assert.Equal(Reply, Trimmed($"{Reply}\n\n{attribution}\n\nHej Karin,\n\nProva att starta om kassan.\n\nLinnea"));
    }

    [Theory]
    [InlineData("Från: Kassasystem Support <support@kassasystem.example>\nSkickat: den 17 mars 2026 11:02\nTill: Karin <karin@example.com>\nÄmne: SV: [#SUP-100131] Retur")]
    [InlineData("Från: Kassasystem Support <support@kassasystem.example>\nDatum: tisdag 17 mars 2026 11:02\nTill: Karin <karin@example.com>\nÄmne: Retur")]
    [InlineData("Fra: Kassasystem Support <support@kassasystem.example>\nSendt: tirsdag 17. mars 2026 11:02\nTil: Håkon <hakon@example.com>\nEmne: SV: Bestilling")]
    [InlineData("Fra: Kassasystem Support <support@kassasystem.example>\nSendt: 17. marts 2026 11:02\nTil: Søren <soren@example.com>\nCc: Bogholderi <bog@example.com>\nEmne: Faktura")]
    [InlineData("Lähettäjä: Kassasystem Support <support@kassasystem.example>\nLähetetty: tiistai 17. maaliskuuta 2026 11.02\nVastaanottaja: Sanna <sanna@example.com>\nAihe: Lasku")]
    [InlineData("Van: Kassasystem Support <support@kassasystem.example>\nVerzonden: dinsdag 17 maart 2026 11:02\nAan: Femke <femke@example.com>\nOnderwerp: Factuur")]
    [InlineData("Von: Kassasystem Support <support@kassasystem.example>\nGesendet: Dienstag, 17. März 2026 11:02\nAn: Anja <anja@example.com>\nBetreff: AW: Rechnung")]
    [InlineData("From: Kassasystem Support <support@kassasystem.example>\nSent: Tuesday, March 17, 2026 11:02 AM\nTo: Ella <ella@example.com>\nSubject: RE: Refund")]
    [InlineData("De : Kassasystem Support [mailto:support@kassasystem.example]\nEnvoyé : mardi 17 mars 2026 11:02\nÀ : Camille\nObjet : Facture")]
    [InlineData("________________________________\nFra: Kassasystem Support <support@kassasystem.example>\nSendt: 17. mars 2026 11:02\nTil: Håkon\nEmne: Bestilling")]
    [InlineData("*From:* Kassasystem Support [mailto:\nsupport@kassasystem.example]\n*Sent:* Tuesday, March 17, 2026 11:02 AM\n*To:* Ella\n*Subject:* Refund")]
    [InlineData("Date: Tue, 17 Mar 2026 11:02:48 +0100\nTo: karin@example.com")]
    public void Trim_OutlookHeaderBlock_CutsFromBlock(string block)
    {
        var result = ReplyTrimmer.Trim($"{Reply}\n\n{block}\n\nHej Karin,\nPaketet skickades i går.\n");

        Assert.Equal(Reply, result.NewText);
        Assert.True(result.QuoteRemoved);
    }

    [Theory]
    [InlineData("-----Original Message-----")]
    [InlineData("-----Ursprungligt meddelande-----")]
    [InlineData("-----Opprinnelig melding-----")]
    [InlineData("-----Oprindelig meddelelse-----")]
    [InlineData("-----Alkuperäinen viesti-----")]
    [InlineData("-----Oorspronkelijk bericht-----")]
    [InlineData("-----Ursprüngliche Nachricht-----")]
    [InlineData("-----Message d'origine-----")]
    [InlineData("----- Original Message -----")]
    [InlineData("*-------- Original Message --------*")]
    [InlineData("---------- Forwarded message ---------")]
    [InlineData("---------- Vidarebefordrat meddelande ---------")]
    [InlineData("---------- Videresendt melding ----------")]
    [InlineData("---------- Videresendt meddelelse ----------")]
    [InlineData("---------- Välitetty viesti ---------")]
    [InlineData("---------- Doorgestuurd bericht ---------")]
    [InlineData("---------- Weitergeleitete Nachricht ---------")]
    [InlineData("Begin forwarded message:")]
    [InlineData("Vidarebefordrat brev:")]
    [InlineData("Välitetty viesti alkaa:")]
    [InlineData("Begin doorgestuurd bericht:")]
    [InlineData("Anfang der weitergeleiteten Nachricht:")]
    public void Trim_OriginalOrForwardMarker_CutsFromMarker(string marker)
    {
        Assert.Equal(Reply, Trimmed($"{Reply}\n\n{marker}\nFrån: Support <support@kassasystem.example>\nÄmne: Retur\n\nHej Karin!"));
    }

    [Theory]
    [InlineData("---------- Forwarded message ---------\nFrom: Karin <karin@example.com>\nDate: Tue, Mar 17, 2026 at 11:02 AM\nSubject: Kassan\nTo: <support@kassasystem.example>")]
    [InlineData("---------- Vidarebefordrat meddelande ---------\nFrån: Karin <karin@example.com>\nDate: tis 17 mars 2026 kl 11:02\nSubject: Kassan\nTo: <support@kassasystem.example>")]
    [InlineData("Välitetty viesti alkaa:\n\nLähettäjä: Karin <karin@example.com>\nAihe: Kassan\nPäivämäärä: 17. maaliskuuta 2026 klo 11.02\nVastaanottaja: support@kassasystem.example")]
    public void Trim_ForwardWithNothingAdded_KeepsForwardedMessage(string forwardHeader)
    {
        Assert.Equal(Reply, Trimmed($"{forwardHeader}\n\n\n{Reply}\n"));
    }

    [Theory]
    [InlineData("Skickat från min iPhone")]
    [InlineData("Hämta Outlook för iOS")]
    [InlineData("Sendt fra min iPhone")]
    [InlineData("Sendt fra min iPad")]
    [InlineData("Sendt fra min Samsung Galaxy-smarttelefon.")]
    [InlineData("Hent Outlook for Android")]
    [InlineData("Lähetetty iPhonesta")]
    [InlineData("Lähetetty Samsung Galaxy -älypuhelimesta")]
    [InlineData("Verzonden vanaf mijn iPhone")]
    [InlineData("Verzonden met BlackBerry Work")]
    [InlineData("Von meinem iPhone gesendet")]
    [InlineData("Gesendet von Outlook für Android")]
    [InlineData("Diese Nachricht wurde von meinem Android-Mobiltelefon mit K-9 Mail gesendet.")]
    [InlineData("Sent from my iPhone")]
    [InlineData("Sent from my Galaxy")]
    [InlineData("Sent from Yahoo Mail on Android")]
    [InlineData("Get Outlook for iOS<https://aka.ms/o0ukef>")]
    [InlineData("Envoyé de mon iPhone")]
    [InlineData("(Sent from mobile device)")]
    public void Trim_MobileFooter_IsRemoved(string footer)
    {
        var result = ReplyTrimmer.Trim($"{Reply}\n\n{footer}\n");

        Assert.Equal(Reply, result.NewText);
        Assert.True(result.SignatureRemoved);
    }

    [Theory]
    [InlineData("-- ")]
    [InlineData("--")]
    [InlineData("__________")]
    public void Trim_SignatureDelimiter_CutsSignature(string delimiter)
    {
        var result = ReplyTrimmer.Trim($"{Reply}\n\n{delimiter}\nKarin Lindqvist\nLindqvists Blommor\n070-312 45 78\n");

        Assert.Equal(Reply, result.NewText);
        Assert.True(result.SignatureRemoved);
        Assert.False(result.QuoteRemoved);
    }

    [Theory]
    [InlineData("Hej!\n\nKan ni ringa mig?\n\nMvh Karin")]
    [InlineData("Hei,\n\nPakken har ikke kommet.\n\nMed vennlig hilsen\nOla Nordmann\nNordmann AS\n+47 55 30 12 40")]
    [InlineData("Hej\n\nVi har fundet en fejl.\n\nMed venlig hilsen\nSøren")]
    [InlineData("Moi,\n\nKassa ei käynnisty.\n\nYstävällisin terveisin\nSanna Korhonen\npuh. 014 123 4567")]
    [InlineData("Goedemiddag,\n\nDe pinautomaat doet het niet.\n\nMet vriendelijke groet,\nFemke Bakker")]
    [InlineData("Guten Tag,\n\ndas Terminal meldet Fehler 51.\n\nMit freundlichen Grüßen\nAnja Hoffmann")]
    [InlineData("Bonjour,\n\nLa caisse ne démarre pas.\n\nCordialement,\nCamille")]
    public void Trim_GreetingClosingAndName_AreKept(string text)
    {
        var result = ReplyTrimmer.Trim(text);

        Assert.Equal(text, result.NewText);
        Assert.False(result.QuoteRemoved);
        Assert.False(result.SignatureRemoved);
    }

    [Fact]
    public void Trim_NestedQuotesWithBlankLines_AreRemoved()
    {
        var text = $"{Reply}\n\n> Hej Karin,\n>\n> Prova igen.\n\n>\n>> Den 3 mars 2026 kl. 09:41 skrev Karin:\n>>\n>> Kassan startar inte.\n\n";

        Assert.Equal(Reply, Trimmed(text));
    }

    [Fact]
    public void Trim_InlineAnswersUnderTopAttribution_KeepsAnswersDropsQuotes()
    {
        var text = "Den 4. marts 2026 kl. 09.30 skrev Kassasystem Support <support@kassasystem.example>:\n" +
            "> Kan du prøve igen efter genstart?\n\nJa, den fryser stadig.\n\n> Har I installeret noget nyt?\n\nNej.\n\nMvh\nJens";

        Assert.Equal("Ja, den fryser stadig.\n\nNej.\n\nMvh\nJens", Trimmed(text));
    }

    [Fact]
    public void Trim_BottomPostedUnderTopAttribution_KeepsTextBelowQuote()
    {
        var text = "Op 17-03-2026 om 11:45 schreef Daan <support@kassasystem.example>:\n\n> Werkt het nu?\n>\n\nNee, nog steeds niet.";

        Assert.Equal("Nee, nog steeds niet.", Trimmed(text));
    }

    [Fact]
    public void Trim_QuoteCitedAboveOwnText_IsKept()
    {
        const string text = "> Fel 1302: terminalen tappade kontakten\n\nDet här står på skärmen varje morgon.";

        Assert.Equal(text, Trimmed(text));
    }

    [Theory]
    [InlineData("> Hej Karin,\n> Prova igen.")]
    [InlineData("Den 3 mars 2026 kl. 10:12 skrev Support <support@kassasystem.example>:\n> Hej Karin,\n> Prova igen.")]
    [InlineData("--\nKarin Lindqvist")]
    public void Trim_EverythingLooksQuoted_ReturnsFullText(string text)
    {
        var result = ReplyTrimmer.Trim(text);

        Assert.Equal(text, result.NewText);
        Assert.False(result.QuoteRemoved);
    }

    [Theory]
    [InlineData("Hej,\n\nJag skrev till er den 3 mars:\nKassan startar inte.\n\nMvh Karin")]
    [InlineData("Hei,\n\nSendt fra jeres lager i går, men ikke kommet.\n\nHilsen Ola")]
    [InlineData("Moi,\n\nLähetetty paketti ei ole tullut perille.\n\nTerveisin Sanna")]
    [InlineData("Hej,\n\nFrån: Stockholm\nTill: Göteborg\n\nMvh Karin")]
    [InlineData("Hallo,\n\nQ: Werkt de kassa?\nA: Nee.\n\nGroet, Joost")]
    [InlineData("Hi,\n\nOn this day\n\nI wrote something\n\nwhich was very interesting.")]
    [InlineData("Hallo,\n\nwie in der Original Message beschrieben, hängt die Kasse.\n\nGruß Jürgen")]
    public void Trim_ProseThatMentionsTheMarkers_IsKept(string text)
    {
        Assert.Equal(text, Trimmed(text));
    }

    [Fact]
    public void Trim_DelimiterInsideCodeFence_IsKept()
    {
        const string text = "Loggen:\n\n```\n####\nERROR 1302\n```\n\nMvh Karin";

        Assert.Equal(text, Trimmed(text));
    }

    [Fact]
    public void Trim_ReplyAndAttributionShareLine_KeepsReply()
    {
        Assert.Equal("Tack", Trimmed("Tack On Wed, Mar 4, 2026 at 3:59 PM, support@kassasystem.example wrote:\n> Hej"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("  \r\n ")]
    public void Trim_Blank_ReturnsEmpty(string text)
    {
        Assert.Equal("", Trimmed(text));
    }

    [Fact]
    public void Trim_CrLfLineEndings_AreHandled()
    {
        var text = "Hej,\r\nFunkar inte.\r\n\r\nDen 3 mars 2026 kl. 10:12 skrev Support <support@kassasystem.example>:\r\n> Prova igen.\r\n";

        Assert.Equal("Hej,\nFunkar inte.", Trimmed(text));
    }

    [Fact]
    public void Trim_ManyAttributionLikeLines_StaysLinear()
    {
        // Every line may start a wrapped attribution and every one looks like a header; none completes.
        var text = string.Concat(Enumerable.Repeat("On 3 Mar 2026 10:12 Karin <\nFrån: x\n", 50_000));
        var watch = System.Diagnostics.Stopwatch.StartNew();

        ReplyTrimmer.Trim(text);

        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"took {watch.Elapsed}");
    }
}
