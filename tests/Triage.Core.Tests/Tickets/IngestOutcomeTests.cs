using Triage.Core.Hygiene;
using Triage.Core.Mail;
using Triage.Core.Tests.Hygiene.Automatic;
using Triage.Core.Tickets;

namespace Triage.Core.Tests.Tickets;

public sealed class IngestOutcomeTests
{
    [Fact]
    public void Create_MailWithReplyToAndCc_CustomerIsReplyToParticipantsExcludeOursAndRobots()
    {
        var mail = TestMail.Customer("SV: [#SUP-100001] Kassan", "Hej igen") with
        {
            ReplyTo = [new MailAddress("Anna privat", "anna.berg@home.example")],
            Cc = [new MailAddress(null, "kalle@bergsbageri.example"), new MailAddress(null, "noreply@shop.example"), new MailAddress(null, "Support@Kassasystem.example")],
            InReplyTo = ["a@x"],
            References = ["root@x", "a@x"],
        };
        var hygiene = new MailHygiene(HygieneOptions.Default).Inspect(mail);
        var decision = new ThreadingDecision(ThreadingAction.OpenTicket, null, "new ticket");

        var outcome = IngestOutcome.Create("key", mail, hygiene, decision, DateTimeOffset.UnixEpoch, HygieneOptions.Default);

        Assert.Equal(new MailAddress("Anna privat", "anna.berg@home.example"), outcome.Customer);
        Assert.Equal(["anna@bergsbageri.example", "anna.berg@home.example", "kalle@bergsbageri.example"], outcome.Participants);
        Assert.Equal(["a@x", "root@x"], outcome.ThreadMessageIds);
        Assert.Equal(("Kassan", "Hej igen", MailKind.Human), (outcome.Subject, outcome.NewText, outcome.Kind));
    }

    [Fact]
    public void Create_MailWithoutSender_EmptyCustomerAddress()
    {
        var mail = new InboundMail { Id = "x", Subject = "?", TextBody = "Hej" };
        var hygiene = new MailHygiene(HygieneOptions.Default).Inspect(mail);

        var outcome = IngestOutcome.Create("key", mail, hygiene, new ThreadingDecision(ThreadingAction.OpenTicket, null, "new"), DateTimeOffset.UnixEpoch, HygieneOptions.Default);

        Assert.Equal(string.Empty, outcome.Customer.Address);
        Assert.Empty(outcome.Participants);
    }
}
