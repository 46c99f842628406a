using Triage.Core.Hygiene;
using Triage.Core.Mail;
using static Triage.Core.Tests.Hygiene.Automatic.TestMail;

namespace Triage.Core.Tests.Hygiene.Automatic;

public sealed class SystemListAndReportTests
{
    [Fact]
    public void Detect_OurAcknowledgementComingBack_IsSystem()
    {
        var verdict = Detect("""
            From: Kassasystem Support <support@kassasystem.example>
            To: support@kassasystem.example
            Subject: [#SUP-100500] Vi har tagit emot ditt ärende
            Message-ID: <ack-100500.20260410120000@kassasystem.example>
            Auto-Submitted: auto-replied
            X-Triage-Loop: SUP-100500
            Content-Type: text/plain; charset=utf-8

            Tack, vi har tagit emot ditt ärende.
            """);

        Assert.Equal(MailKind.System, verdict.Kind);
        Assert.Contains("X-Triage-Loop", verdict.Signals);
    }

    [Theory]
    [InlineData("support@kassasystem.example", "x1@mail.forwarder.example")]
    [InlineData("noreply@kassasystem.example", "x2@mail.forwarder.example")]
    [InlineData("ella@forwarder.example", "sup-100501.20260410@kassasystem.example")]
    [InlineData("ella@forwarder.example", "0a1b2c@mx1.kassasystem.example")]
    public void Detect_OwnSenderOrMessageId_IsSystem(string from, string messageId)
    {
        var mail = Customer("[#SUP-100501] Ny faktura", "Hej!") with { From = new MailAddress(null, from), MessageId = messageId };

        Assert.Equal(MailKind.System, Detector.Detect(mail).Kind);
    }

    [Fact]
    public void Detect_MessageIdUnderLookalikeDomain_IsNotSystem()
    {
        var mail = Customer("Fråga", "Hej!") with { MessageId = "abc@notkassasystem.example" };

        Assert.Equal(MailKind.Human, Detector.Detect(mail).Kind);
    }

    [Fact]
    public void Detect_CustomLoopHeaderOption_IsHonoured()
    {
        var detector = new AutomaticMailDetector(HygieneOptions.Default with { LoopHeader = "X-Helpdesk-Loop" });
        var mail = Customer("Re: [#SUP-100502] Kassan", "Hej", ("X-Helpdesk-Loop", "1"));

        Assert.Equal(MailKind.System, detector.Detect(mail).Kind);
    }

    [Fact]
    public void Detect_Newsletter_IsList()
    {
        var verdict = Detect("""
            From: Papirrullen Nyhedsbrev <nyhedsbrev@papirrullen.example>
            To: support@kassasystem.example
            Subject: Forårstilbud på bonruller
            List-Id: Papirrullen <nyhedsbrev.papirrullen.example>
            List-Unsubscribe: <https://papirrullen.example/afmeld?u=1>
            Precedence: bulk
            Content-Type: text/plain; charset=utf-8

            Hej, 20 % rabat på alle bonruller.
            """);

        Assert.Equal(MailKind.List, verdict.Kind);
        Assert.Contains("List-Id", verdict.Signals);
    }

    [Fact]
    public void Detect_AbuseReport_IsFeedbackReport()
    {
        var verdict = Detect("""
            From: Yahoo! Mail AntiSpam Feedback <feedback@arf.mail.example>
            To: abuse@kassasystem.example
            Subject: Email Feedback Report for IP 192.0.2.10
            MIME-Version: 1.0
            Content-Type: multipart/report; report-type=feedback-report; boundary="f1"

            --f1
            Content-Type: text/plain

            This is an email abuse report for an email message received from IP 192.0.2.10.
            --f1
            Content-Type: message/feedback-report

            Feedback-Type: abuse
            User-Agent: SomeGenerator/1.0
            Version: 1
            Original-Mail-From: <support@kassasystem.example>
            Original-Rcpt-To: <kund@mail.example>
            --f1
            Content-Type: text/rfc822-headers

            From: Kassasystem Support <support@kassasystem.example>
            To: kund@mail.example
            Subject: [#SUP-100503] Kampanj
            Message-ID: <sup-100503.20260411@kassasystem.example>
            --f1--
            """);

        Assert.Equal(MailKind.FeedbackReport, verdict.Kind);
        Assert.Equal("sup-100503.20260411@kassasystem.example", verdict.ReturnedMessageId);
    }

    [Fact]
    public void Detect_NullMail_Throws() =>
        Assert.Throws<ArgumentNullException>(() => Detector.Detect(null!));
}
