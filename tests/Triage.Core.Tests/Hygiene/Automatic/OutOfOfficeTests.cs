using Triage.Core.Mail;
using static Triage.Core.Tests.Hygiene.Automatic.TestMail;

namespace Triage.Core.Tests.Hygiene.Automatic;

public sealed class OutOfOfficeTests
{
    [Theory]
    [InlineData("sv", "Autosvar: [#SUP-100300] Kvittoskrivaren", "Hej, jag är på semester till och med 22 april.")]
    [InlineData("sv", "Automatiskt svar: [#SUP-100300] Kvittoskrivaren", "Jag är ledig till och med måndag den 22 april.")]
    [InlineData("sv", "Frånvaro: [#SUP-100300] Kvittoskrivaren", "Jag är frånvarande vecka 16.")]
    [InlineData("sv", "Frånvarande: [#SUP-100300] Kvittoskrivaren", "Jag är tillbaka på kontoret den 22 april.")]
    [InlineData("nb", "Automatisk svar: [#SUP-100301] Kortterminal", "Hei, jeg er på ferie til og med 22. april.")]
    [InlineData("nb", "Fravær: [#SUP-100301] Kortterminal", "Jeg er fraværende frem til mandag.")]
    [InlineData("nb", "Fraværende: [#SUP-100301] Kortterminal", "Jeg er tilbake på kontoret 22. april.")]
    [InlineData("da", "Automatisk svar: [#SUP-100302] Webshop", "Hej, jeg holder ferie og er tilbage på kontoret 22. april.")]
    [InlineData("da", "Ikke til stede: [#SUP-100302] Webshop", "Jeg er ikke på kontoret før mandag.")]
    [InlineData("fi", "Automaattinen vastaus: [#SUP-100303] Kassa", "Hei, olen lomalla 22.4. asti.")]
    [InlineData("fi", "Poissa: [#SUP-100303] Kassa", "Olen poissa toimistolta 22.4. asti.")]
    [InlineData("fi", "Poissa toimistolta: [#SUP-100303] Kassa", "Palaan töihin maanantaina.")]
    [InlineData("fi", "Lomalla: [#SUP-100303] Kassa", "Olen vuosilomalla 22.4. asti.")]
    [InlineData("nl", "Automatisch antwoord: [#SUP-100304] Pinautomaat", "Ik ben met vakantie tot en met 22 april.")]
    [InlineData("nl", "Afwezig: [#SUP-100304] Pinautomaat", "Ik ben afwezig tot en met 22 april.")]
    [InlineData("nl", "Afwezigheidsbericht: [#SUP-100304] Pinautomaat", "Ik ben niet op kantoor tot 22 april.")]
    [InlineData("de", "Automatische Antwort: [#SUP-100305] Kartenterminal", "Ich bin bis zum 22. April im Urlaub.")]
    [InlineData("de", "Abwesenheitsnotiz: [#SUP-100305] Kartenterminal", "Ich bin bis einschließlich 22. April nicht im Büro.")]
    [InlineData("de", "Abwesenheit: [#SUP-100305] Kartenterminal", "Ich bin ab dem 22. April wieder im Büro.")]
    [InlineData("en", "Out of Office: [#SUP-100306] Checkout", "I am out of the office until 22 April.")]
    [InlineData("en", "Automatic reply: [#SUP-100306] Checkout", "I am on annual leave and will be back on 22 April.")]
    [InlineData("en", "Auto-reply: [#SUP-100306] Checkout", "I'm on holiday with limited access to email.")]
    [InlineData("en", "[Out of Office] [#SUP-100306] Checkout", "Back on Monday.")]
    [InlineData("fr", "Réponse automatique : [#SUP-100307] Caisse", "Je suis absent du bureau jusqu'au 22 avril.")]
    [InlineData("fr", "Absence : [#SUP-100307] Caisse", "Je suis en congé jusqu'au 22 avril.")]
    public void Detect_OutOfOfficeSubjectPrefix_IsOutOfOfficeAutoReply(string language, string subject, string body)
    {
        var verdict = Detector.Detect(Customer(subject, body));

        Assert.True(verdict.Kind == MailKind.AutoReply, $"{language}: {subject} gave {verdict.Kind}");
        Assert.True(verdict.OutOfOffice, $"{language}: {subject}");
    }

    [Theory]
    [InlineData("sv", "Hej!\n\nJag är på semester till och med den 22 april och läser inte min e-post.")]
    [InlineData("nb", "Hei!\n\nJeg er på ferie til og med 22. april og leser ikke e-post.")]
    [InlineData("da", "Hej\n\nJeg holder ferie og er tilbage på kontoret mandag den 22. april.")]
    [InlineData("fi", "Hei,\n\nolen lomalla 22.4. asti enkä lue sähköpostiani.")]
    [InlineData("nl", "Beste,\n\nIk ben met vakantie tot en met 22 april en lees mijn e-mail niet.")]
    [InlineData("de", "Guten Tag,\n\nich bin bis zum 22. April im Urlaub und lese keine E-Mails.")]
    [InlineData("en", "Hello,\n\nI am out of the office until 22 April with no access to email.")]
    [InlineData("fr", "Bonjour,\n\nJe suis absent du bureau jusqu'au 22 avril.")]
    public void Detect_AutoSubmittedWithAbsenceBody_FlagsOutOfOffice(string language, string body)
    {
        var verdict = Detector.Detect(Customer("Re: [#SUP-100310] Ny kassa", body, ("Auto-Submitted", "auto-replied")));

        Assert.Equal(MailKind.AutoReply, verdict.Kind);
        Assert.True(verdict.OutOfOffice, language);
    }

    [Theory]
    [InlineData("Automatic reply: [#SUP-100311] Order 4711", "Thank you for your message. We answer within one working day.")]
    [InlineData("Autosvar: [#SUP-100311] Order 4711", "Tack för ditt meddelande! Vi svarar inom en arbetsdag.")]
    [InlineData("Automatisch antwoord: [#SUP-100311] Bestelling", "Bedankt voor uw bericht, wij reageren binnen één werkdag.")]
    public void Detect_AcknowledgementWithoutAbsence_IsAutoReplyNotOutOfOffice(string subject, string body)
    {
        var verdict = Detector.Detect(Customer(subject, body));

        Assert.Equal(MailKind.AutoReply, verdict.Kind);
        Assert.False(verdict.OutOfOffice);
    }

    [Fact]
    public void Detect_ResponderNamingItselfBeforeAnsweredSubject_IsOutOfOffice()
    {
        var verdict = Detector.Detect(Customer("Anna Berg - vacation response RE: [#SUP-100312] Callback", "I am on vacation until Monday."));

        Assert.Equal(MailKind.AutoReply, verdict.Kind);
        Assert.True(verdict.OutOfOffice);
    }

    [Theory]
    [InlineData("Kassan", "Hi, I'll be out of office next week, can you call my colleague Per about the till instead?")]
    [InlineData("Re: [#SUP-100313] Kassan", "Hej, jag är på semester nästa vecka, så ring Per om kassan. Mvh Anna")]
    [InlineData("Out of office settings in the webshop", "Hello, how do I set an out of office reply for the shop while we are on holiday?")]
    [InlineData("Frånvaro i personalschemat", "Hej! Hur registrerar jag frånvaro för en anställd i kassan?")]
    [InlineData("Abwesenheit der Mitarbeiter im Kassenbericht", "Guten Tag, wie trage ich Abwesenheit ein? Ich bin nächste Woche im Urlaub.")]
    [InlineData("SV: Autosvar: [#SUP-100314] Kvittoskrivaren", "Hej, jag såg ert autosvar men det här är brådskande.\n\n> Jag är på semester till 22 april.")]
    [InlineData("Re: Automatic reply: [#SUP-100314] Checkout", "I know you are out of office, but please forward this to someone.")]
    public void Detect_PersonMentioningAbsence_StaysHuman(string subject, string body)
    {
        var verdict = Detector.Detect(Customer(subject, body));

        Assert.Equal(MailKind.Human, verdict.Kind);
        Assert.False(verdict.OutOfOffice);
    }

    [Fact]
    public void Detect_HumanWithSuppressAll_StaysHuman()
    {
        var mail = Customer("Spørsmål: felles lager", "Hei, er det mulig å få felles lagersaldo? Jeg er på ferie neste uke.", ("X-Auto-Response-Suppress", "All"));

        Assert.Equal(MailKind.Human, Detector.Detect(mail).Kind);
    }
}
