using Triage.Core.Hygiene;
using Triage.Core.Mail;
using Triage.Core.Tests.Hygiene.Automatic;
using Triage.Core.Tickets;

namespace Triage.Core.Tests.Tickets;

public sealed class TicketThreaderTests
{
    private const string Customer = "anna@bergsbageri.example";

    private static readonly FakeTicketLookup Lookup = new FakeTicketLookup()
        .Add(FakeTicketLookup.Ticket("SUP-100001", Customer, "kalle@bergsbageri.example"), "CAF3first@mail.bergsbageri.example")
        .Add(FakeTicketLookup.Ticket("SUP-100002", "per@kiosk.example"));

    private static async Task<ThreadingDecision> DecideAsync(InboundMail mail, HygieneOptions? options = null)
    {
        options ??= HygieneOptions.Default;
        var hygiene = new MailHygiene(options).Inspect(mail);
        return await new TicketThreader(new AcknowledgementIds(), options).DecideAsync(mail, hygiene, Lookup, CancellationToken.None);
    }

    private static InboundMail Mail(string from, string subject, string body = "Hej, kassan startar fortfarande inte.", string[]? inReplyTo = null, string[]? references = null, params (string Name, string Value)[] headers) =>
        TestMail.Customer(subject, body, headers) with
        {
            From = new MailAddress(null, from),
            InReplyTo = inReplyTo ?? [],
            References = references ?? [],
        };

    [Theory]
    [InlineData(Customer, "Re: [#SUP-100001] Kassan startar inte", ThreadingAction.FollowUp, "SUP-100001")]
    [InlineData("ANNA@Bergsbageri.example", "SV: [#sup-100001] Kassan", ThreadingAction.FollowUp, "SUP-100001")]
    [InlineData("kalle@bergsbageri.example", "Re: [#SUP-100001] Kassan", ThreadingAction.FollowUp, "SUP-100001")]
    [InlineData("mallory@elsewhere.example", "Re: [#SUP-100001] Kassan", ThreadingAction.OpenTicket, null)]
    [InlineData(Customer, "Re: [#SUP-100002] Someone else's ticket", ThreadingAction.OpenTicket, null)]
    [InlineData(Customer, "Re: [#SUP-999999] No such ticket", ThreadingAction.OpenTicket, null)]
    [InlineData(Customer, "Kassan startar inte", ThreadingAction.OpenTicket, null)]
    public async Task DecideAsync_ReferenceInSubject_JoinsOnlyFromAnAddressOnTheTicket(string from, string subject, ThreadingAction action, string? number)
    {
        var decision = await DecideAsync(Mail(from, subject));

        Assert.Equal((action, number), (decision.Action, decision.Ticket?.Number));
    }

    [Fact]
    public async Task DecideAsync_ReferenceInBodyFromCustomer_FollowUp()
    {
        var decision = await DecideAsync(Mail(Customer, "Kassan igen", "Gäller ärende [#SUP-100001], det händer igen."));

        Assert.Equal(ThreadingAction.FollowUp, decision.Action);
    }

    [Fact]
    public async Task DecideAsync_StrangerQuotingReference_ReasonSaysWhy()
    {
        var decision = await DecideAsync(Mail("mallory@elsewhere.example", "Re: [#SUP-100001]"));

        Assert.Contains("not on the ticket", decision.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ack.SUP-100002.3f9a0c1d2e4b@triage.local")]
    [InlineData("<ACK.sup-100002.3f9a0c1d2e4b@TRIAGE.local>")]
    public async Task DecideAsync_InReplyToOurAcknowledgement_JoinsItsTicketFromAnySender(string ackId)
    {
        var decision = await DecideAsync(Mail("colleague@kiosk.example", "Re: Tack för ditt mejl", inReplyTo: [ackId]));

        Assert.Equal((ThreadingAction.FollowUp, "SUP-100002"), (decision.Action, decision.Ticket?.Number));
    }

    [Fact]
    public async Task DecideAsync_ReferencesNameStoredMessage_JoinsNewestMatch()
    {
        var decision = await DecideAsync(Mail("colleague@kiosk.example", "Re: Kassan", references: ["CAF3first@mail.bergsbageri.example", "unknown@x.example"]));

        Assert.Equal((ThreadingAction.FollowUp, "SUP-100001"), (decision.Action, decision.Ticket?.Number));
    }

    [Fact]
    public async Task DecideAsync_AckIdOfOtherDomain_NotOurs()
    {
        var decision = await DecideAsync(Mail(Customer, "Re: Tack", inReplyTo: ["ack.SUP-100002.3f9a0c1d2e4b@other.example"]));

        Assert.Equal(ThreadingAction.OpenTicket, decision.Action);
    }

    [Fact]
    public async Task DecideAsync_BounceOfOurAcknowledgement_NoteWithoutReopening()
    {
        var bounce = TestMail.Parse("""
            Return-Path: <>
            From: Mail Delivery System <MAILER-DAEMON@mx.kiosk.example>
            To: support@kassasystem.example
            Subject: Undelivered Mail Returned to Sender
            MIME-Version: 1.0
            Content-Type: multipart/report; report-type=delivery-status; boundary="r1"

            --r1
            Content-Type: text/plain

            Your message could not be delivered.

            --r1
            Content-Type: message/delivery-status

            Reporting-MTA: dns; mx.kiosk.example

            Final-Recipient: rfc822; per@kiosk.example
            Action: failed
            Status: 5.1.1

            --r1
            Content-Type: message/rfc822

            From: support@kassasystem.example
            To: per@kiosk.example
            Subject: [#SUP-100002] Tack
            Message-ID: <ack.SUP-100002.3f9a0c1d2e4b@triage.local>

            Tack!
            --r1--
            """);

        var decision = await DecideAsync(bounce);

        Assert.Equal((ThreadingAction.Note, "SUP-100002"), (decision.Action, decision.Ticket?.Number));
        Assert.StartsWith("bounce about SUP-100002", decision.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DecideAsync_BounceNamingTicketOnlyInReturnedSubject_NoteWhenFailedRecipientOnTicket()
    {
        var bounce = TestMail.Parse("""
            From: MAILER-DAEMON@mx.kiosk.example
            To: support@kassasystem.example
            Subject: Undelivered Mail Returned to Sender
            MIME-Version: 1.0
            Content-Type: multipart/report; report-type=delivery-status; boundary="r1"

            --r1
            Content-Type: message/delivery-status

            Final-Recipient: rfc822; per@kiosk.example
            Action: failed
            Status: 5.2.2

            --r1
            Content-Type: text/rfc822-headers

            From: helpdesk@kassasystem.example
            To: per@kiosk.example
            Subject: Re: [#SUP-100002] Kassan
            Message-ID: <sent-by-helpdesk@kassasystem.example>
            --r1--
            """);

        var decision = await DecideAsync(bounce);

        Assert.Equal((ThreadingAction.Note, "SUP-100002"), (decision.Action, decision.Ticket?.Number));
    }

    [Fact]
    public async Task DecideAsync_AutoReplyFromCustomerAboutTicket_Note()
    {
        var decision = await DecideAsync(Mail(Customer, "Autosvar: Re: [#SUP-100001] Kassan", "Jag är på semester till måndag.", headers: ("Auto-Submitted", "auto-replied")));

        Assert.Equal((ThreadingAction.Note, "SUP-100001"), (decision.Action, decision.Ticket?.Number));
    }

    [Fact]
    public async Task DecideAsync_AutoReplyMatchingNoTicket_StoredOnly()
    {
        var decision = await DecideAsync(Mail(Customer, "Autosvar: Kassan", "Jag är på semester till måndag.", headers: ("Auto-Submitted", "auto-replied")));

        Assert.Equal(ThreadingAction.StoreOnly, decision.Action);
        Assert.Null(decision.Ticket);
    }

    [Fact]
    public async Task DecideAsync_ListMailQuotingTicketFromStranger_StoredOnly()
    {
        var decision = await DecideAsync(Mail("news@vendor.example", "[#SUP-100001] digest", headers: ("List-Id", "<news.vendor.example>")));

        Assert.Equal(ThreadingAction.StoreOnly, decision.Action);
    }

    [Theory]
    [InlineData(NoReplyPolicy.NotifyOnly, ThreadingAction.StoreOnly)]
    [InlineData(NoReplyPolicy.JoinReferencedTicket, ThreadingAction.OpenTicket)]
    [InlineData(NoReplyPolicy.OpenTicket, ThreadingAction.OpenTicket)]
    public async Task DecideAsync_NewMailToNoReplyAddress_FollowsPolicy(NoReplyPolicy policy, ThreadingAction expected)
    {
        var mail = Mail(Customer, "Fråga om fakturan") with { To = [new MailAddress(null, "no-reply@kassasystem.example")] };

        var decision = await DecideAsync(mail, HygieneOptions.Default with { NoReplyPolicy = policy });

        Assert.Equal(expected, decision.Action);
    }
}
