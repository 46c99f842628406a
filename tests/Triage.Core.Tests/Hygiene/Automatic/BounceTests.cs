using Triage.Core.Mail;
using static Triage.Core.Tests.Hygiene.Automatic.TestMail;

namespace Triage.Core.Tests.Hygiene.Automatic;

public sealed class BounceTests
{
    [Fact]
    public void Detect_DeliveryStatusWithTwoFailedAndOneDelivered_ReportsOnlyTheFailed()
    {
        var verdict = Detect("""
            Return-Path: <>
            From: Mail Delivery System <MAILER-DAEMON@mx2.kassasystem.example>
            To: support@kassasystem.example
            Subject: Undelivered Mail Returned to Sender
            Message-ID: <20260401101500.4F1A2@mx2.kassasystem.example>
            MIME-Version: 1.0
            Content-Type: multipart/report; report-type=delivery-status; boundary="r1"

            --r1
            Content-Type: text/plain

            Your message could not be delivered to one or more recipients.

            --r1
            Content-Type: message/delivery-status

            Reporting-MTA: dns; mx2.kassasystem.example

            Final-Recipient: rfc822; lisa@hemmakaffe.example
            Action: failed
            Status: 5.1.1
            Diagnostic-Code: smtp; 550 5.1.1 <lisa@hemmakaffe.example>: Recipient address rejected

            Final-Recipient: rfc822; per@hemmakaffe.example
            Action: delivered
            Status: 2.0.0

            Final-Recipient: RFC822; <Olof@Hemmakaffe.example>
            Original-Recipient: rfc822;olof@hemmakaffe.example
            Action: failed
            Status: 5.2.2
            Diagnostic-Code: smtp; 552 5.2.2 Mailbox full

            --r1
            Content-Type: message/rfc822

            From: Kassasystem Support <support@kassasystem.example>
            To: lisa@hemmakaffe.example, per@hemmakaffe.example, olof@hemmakaffe.example
            Subject: [#SUP-100400] Ny version av kassaprogrammet
            Message-ID: <sup-100400.20260401101455.aa01@kassasystem.example>

            Hej!
            --r1--
            """);

        Assert.Equal(MailKind.Bounce, verdict.Kind);
        Assert.Equal(["lisa@hemmakaffe.example", "olof@hemmakaffe.example"], verdict.BouncedRecipients);
        Assert.Equal("sup-100400.20260401101455.aa01@kassasystem.example", verdict.ReturnedMessageId);
        Assert.Equal("[#SUP-100400] Ny version av kassaprogrammet", verdict.ReturnedSubject);
        Assert.Contains("DSN Final-Recipient", verdict.Signals);
    }

    [Fact]
    public void Detect_DelayWarning_ReportsTheDelayedRecipient()
    {
        var verdict = Detect("""
            From: Mail Delivery Subsystem <mailer-daemon@googlemail.com>
            To: support@kassasystem.example
            Subject: Delivery Status Notification (Delay)
            MIME-Version: 1.0
            Content-Type: multipart/report; report-type=delivery-status; boundary="d1"

            --d1
            Content-Type: text/plain

            Delivery to the following recipient has been delayed: jukka@kahvila.example

            --d1
            Content-Type: message/delivery-status

            Reporting-MTA: dns; googlemail.com

            Final-Recipient: rfc822; jukka@kahvila.example
            Action: delayed
            Status: 4.4.1
            --d1--
            """);

        Assert.Equal(MailKind.Bounce, verdict.Kind);
        Assert.Equal(["jukka@kahvila.example"], verdict.BouncedRecipients);
    }

    [Fact]
    public void Detect_EximWithFailedRecipientsHeader_UsesTheHeader()
    {
        var verdict = Detect("""
            Return-Path: <>
            From: Mail Delivery System <Mailer-Daemon@mail.webhotell.example>
            To: support@kassasystem.example
            Subject: Mail delivery failed: returning message to sender
            X-Failed-Recipients: ingrid@strandbutikk.example, ola@strandbutikk.example
            Auto-Submitted: auto-replied
            Content-Type: text/plain

            This message was created automatically by mail delivery software.

            A message that you sent could not be delivered to one or more of its
            recipients. This is a permanent error. The following address(es) failed:

              ingrid@strandbutikk.example
                mailbox is full
              ola@strandbutikk.example
                no such user

            ------ This is a copy of the message, including all the headers. ------

            Message-ID: <sup-100401.20260402080000.bb02@kassasystem.example>
            From: support@kassasystem.example
            To: ingrid@strandbutikk.example, ola@strandbutikk.example
            """);

        Assert.Equal(MailKind.Bounce, verdict.Kind);
        Assert.Equal(["ingrid@strandbutikk.example", "ola@strandbutikk.example"], verdict.BouncedRecipients);
        Assert.Equal("sup-100401.20260402080000.bb02@kassasystem.example", verdict.ReturnedMessageId);
        Assert.Contains("X-Failed-Recipients", verdict.Signals);
    }

    [Fact]
    public void Detect_ExchangePlainTextReport_ReadsRecipientFromText()
    {
        var verdict = Detect("""
            From: Microsoft Outlook <MicrosoftExchange329e71ec88ae4615bbc36ab6ce41109e@jansenkaas.example>
            To: Kassasystem Support <support@kassasystem.example>
            Subject: Undeliverable: [#SUP-100402] Uw factuur 2026-0520
            Content-Type: text/plain; charset=us-ascii

            Delivery has failed to these recipients or groups:

            Ruud Jansen (ruud@jansenkaas.example)
            The email address you entered couldn't be found. Please check the recipient's email address and try to resend the message.

            Diagnostic information for administrators:

            Generating server: AM6PR05MB1234.eurprd05.prod.outlook.example

            ruud@jansenkaas.example
            Remote Server returned '550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient not found by SMTP address lookup'

            Original message headers:

            From: Kassasystem Support <support@kassasystem.example>
            To: Ruud Jansen <ruud@jansenkaas.example>
            Subject: [#SUP-100402] Uw factuur 2026-0520
            Message-ID: <sup-100402.20260403090000.cc03@kassasystem.example>
            """);

        Assert.Equal(MailKind.Bounce, verdict.Kind);
        Assert.Equal(["ruud@jansenkaas.example"], verdict.BouncedRecipients);
        Assert.Equal("sup-100402.20260403090000.cc03@kassasystem.example", verdict.ReturnedMessageId);
    }

    [Fact]
    public void Detect_PostfixWithoutDeliveryStatus_ReadsRecipientFromText()
    {
        var verdict = Detect("""
            From: MAILER-DAEMON@mail.kukkakauppa.example (Mail Delivery System)
            To: support@kassasystem.example
            Subject: Undelivered Mail Returned to Sender
            Content-Type: text/plain

            This is the mail system at host mail.kukkakauppa.example.

            I'm sorry to have to inform you that your message could not
            be delivered to one or more recipients. For further assistance, please
            send mail to <postmaster@mail.kukkakauppa.example>.

            <teemu@kukkakauppa.example>: host mx.kukkakauppa.example[192.0.2.7] said:
                550 5.1.1 <teemu@kukkakauppa.example>: Recipient address rejected: User
                unknown in local recipient table (in reply to RCPT TO command)
            """);

        Assert.Equal(MailKind.Bounce, verdict.Kind);
        Assert.Equal(["teemu@kukkakauppa.example"], verdict.BouncedRecipients);
    }

    [Fact]
    public void Detect_QmailReport_SkipsTheReturnedCopy()
    {
        var verdict = Detect("""
            From: MAILER-DAEMON@mx.cykelverkstad.example
            To: support@kassasystem.example
            Subject: failure notice
            Content-Type: text/plain

            Hi. This is the qmail-send program at mx.cykelverkstad.example.
            I'm afraid I wasn't able to deliver your message to the following addresses.
            This is a permanent error; I've given up. Sorry it didn't work out.

            <mikael@cykelverkstad.example>:
            Sorry, no mailbox here by that name. (#5.1.1)

            --- Below this line is a copy of the message.

            Return-Path: <support@kassasystem.example>
            From: support@kassasystem.example
            To: mikael@cykelverkstad.example
            Cc: ekonomi@cykelverkstad.example
            Subject: [#SUP-100403] Faktura
            """);

        Assert.Equal(["mikael@cykelverkstad.example"], verdict.BouncedRecipients);
    }

    [Fact]
    public void Detect_SendmailExpandedAlias_ReportsTheAddressWeWrote()
    {
        var verdict = Detect("""
            From: Mail Delivery Subsystem <MAILER-DAEMON@relay.bakkerij.example>
            To: support@kassasystem.example
            Subject: Returned mail: see transcript for details
            Content-Type: text/plain

            The original message was received at Mon, 6 Apr 2026 10:00:00 +0200
            from mail.kassasystem.example [192.0.2.1]

               ----- The following addresses had permanent fatal errors -----
            sanne.devries@oud.bakkerij.example
                (expanded from: sanne@bakkerij.example)

               ----- Transcript of session follows -----
            550 5.1.1 sanne.devries@oud.bakkerij.example... User unknown
            """);

        Assert.Equal(["sanne@bakkerij.example"], verdict.BouncedRecipients);
    }

    // Localised Exchange/Office 365 reports from a gateway we do not know by name (no daemon address, no null
    // Return-Path): the subject and body phrases plus the listed address make them bounces.
    [Theory]
    [InlineData("sv", "Olevererbart: [#SUP-100410] Faktura", "Leveransen till följande mottagare eller grupper misslyckades:")]
    [InlineData("sv", "Ej levererat: [#SUP-100410] Faktura", "Meddelandet kunde inte levereras till följande mottagare:")]
    [InlineData("nb", "Leveringsfeil: [#SUP-100411] Faktura", "Leveringen til følgende mottakere eller grupper mislyktes:")]
    [InlineData("nb", "Kan ikke leveres: [#SUP-100411] Faktura", "Meldingen kunne ikke leveres til følgende mottaker:")]
    [InlineData("da", "Kan ikke leveres: [#SUP-100412] Faktura", "Levering til følgende modtagere eller grupper mislykkedes:")]
    [InlineData("fi", "Toimitus epäonnistui: [#SUP-100413] Lasku", "Toimitus seuraaville vastaanottajille tai ryhmille epäonnistui:")]
    [InlineData("fi", "Viestin toimitus epäonnistui: [#SUP-100413] Lasku", "Viestiä ei voitu toimittaa seuraaville vastaanottajille:")]
    [InlineData("nl", "Onbestelbaar: [#SUP-100414] Factuur", "De bezorging is mislukt voor deze ontvangers of groepen:")]
    [InlineData("nl", "Onbezorgbaar: [#SUP-100414] Factuur", "Het bericht kan niet worden bezorgd bij deze ontvangers:")]
    [InlineData("de", "Unzustellbar: [#SUP-100415] Rechnung", "Die Zustellung an folgende Empfänger oder Gruppen ist fehlgeschlagen:")]
    [InlineData("de", "Nicht zustellbar: [#SUP-100415] Rechnung", "Die Nachricht konnte nicht zugestellt werden an:")]
    [InlineData("en", "Undeliverable: [#SUP-100416] Invoice", "Delivery has failed to these recipients or groups:")]
    [InlineData("en", "Mail delivery failed: returning message to sender", "A message that you sent could not be delivered to one or more of its recipients:")]
    [InlineData("en", "Delivery Status Notification (Failure)", "Delivery to the following recipient failed permanently:")]
    [InlineData("en", "Returned mail: see transcript for details", "The following addresses had permanent fatal errors:")]
    [InlineData("fr", "Non remis : [#SUP-100417] Facture", "La remise aux destinataires ou groupes suivants a échoué :")]
    public void Detect_LocalisedReportFromUnknownGateway_IsBounceWithRecipient(string language, string subject, string phrase)
    {
        var mail = Parse($"""
            From: Mail Gateway <gateway@kunde.example>
            To: support@kassasystem.example
            Subject: {subject}
            Content-Type: text/plain; charset=utf-8

            {phrase}

            ruud@kunde.example
            """);

        var verdict = Detector.Detect(mail);

        Assert.True(verdict.Kind == MailKind.Bounce, $"{language}: {subject} gave {verdict.Kind}");
        Assert.Equal(["ruud@kunde.example"], verdict.BouncedRecipients);
    }

    [Theory]
    [InlineData("Olevererbart: [#SUP-100420] Faktura")]
    [InlineData("Leveringsfeil: [#SUP-100420] Faktura")]
    [InlineData("Toimitus epäonnistui: [#SUP-100420] Lasku")]
    [InlineData("Onbestelbaar: [#SUP-100420] Factuur")]
    [InlineData("Unzustellbar: [#SUP-100420] Rechnung")]
    [InlineData("Non remis : [#SUP-100420] Facture")]
    public void Detect_BounceSubjectWithNullReturnPath_IsBounce(string subject)
    {
        var verdict = Detector.Detect(Customer(subject, "Mailbox unavailable.", ("Return-Path", "<>")));

        Assert.Equal(MailKind.Bounce, verdict.Kind);
    }

    [Fact]
    public void Detect_BounceFromOurOwnMailServer_IsBounceNotSystem()
    {
        var verdict = Detect("""
            Return-Path: <>
            From: Mail Delivery System <MAILER-DAEMON@mx1.kassasystem.example>
            To: support@kassasystem.example
            Subject: Undelivered Mail Returned to Sender
            Message-ID: <20260312130211.7A1C2E0051@mx1.kassasystem.example>
            Content-Type: text/plain

            <tom@cykel.example>: host mx.cykel.example said: 550 5.1.1 User unknown
            """);

        Assert.Equal(MailKind.Bounce, verdict.Kind);
        Assert.Equal(["tom@cykel.example"], verdict.BouncedRecipients);
    }

    [Theory]
    [InlineData("Undeliverable mails from the webshop", "Hi,\n\nsince yesterday our order confirmations could not be delivered, customers get '550 5.1.1 user unknown'.\n\nkunde@example.com\n\nRegards, Anna")]
    [InlineData("Fwd: Undeliverable: [#SUP-100430] Invoice", "Hi, I got this, can you check the address?\n\n---------- Forwarded message ---------\nDelivery has failed to these recipients or groups:\n\nruud@kunde.example\n550 5.1.10 Recipient not found")]
    [InlineData("VB: Leveringsfeil: [#SUP-100430] Faktura", "Hei, vi fikk denne. Leveringen til følgende mottakere eller grupper mislyktes:\nole@kunde.example")]
    [InlineData("Mail delivery failed", "Hej! Varför kunde inte mejlet levereras till kund@example.com? Vi får 550 5.1.1.")]
    public void Detect_PersonWritingAboutBounces_StaysHuman(string subject, string body)
    {
        var verdict = Detector.Detect(Customer(subject, body));

        Assert.Equal(MailKind.Human, verdict.Kind);
        Assert.Empty(verdict.BouncedRecipients);
    }
}
