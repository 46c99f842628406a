using Triage.Core.Mail;
using Triage.Core.Tickets;

namespace Triage.Core.Tests.Tickets;

public sealed class TicketTests
{
    private static readonly DateTimeOffset At = new(2025, 3, 10, 8, 0, 0, TimeSpan.Zero);

    internal static IngestOutcome Mail(string key, TicketAssessment assessment, params string[] participants) => new()
    {
        MessageKey = key,
        Decision = new ThreadingDecision(ThreadingAction.OpenTicket, null, "new ticket"),
        Kind = MailKind.Human,
        Customer = new MailAddress("Anna Berg", "anna@bergsbageri.example"),
        Participants = participants,
        Subject = "Kassan startar inte",
        Assessment = assessment,
        ReceivedAt = At,
    };

    [Fact]
    public void IdFor_SameOpeningMessage_SameIdOtherMessageOtherId()
    {
        Assert.Equal(Ticket.IdFor("k1"), Ticket.IdFor("k1"));
        Assert.NotEqual(Ticket.IdFor("k1"), Ticket.IdFor("k2"));
        Assert.Matches("^[0-9a-f]{24}$", Ticket.IdFor("k1"));
    }

    [Fact]
    public void Open_Mail_OpenTicketWithCustomerAndParticipantsOnce()
    {
        var ticket = Ticket.Open(Mail("k1", TicketAssessment.Unknown, "ANNA@bergsbageri.example", "kalle@bergsbageri.example"), "SUP-100001", At);

        Assert.Equal((Ticket.IdFor("k1"), TicketStatus.Open, At, At), (ticket.Id, ticket.Status, ticket.CreatedAt, ticket.UpdatedAt));
        Assert.Equal(["anna@bergsbageri.example", "kalle@bergsbageri.example"], ticket.Addresses);
    }

    [Fact]
    public void WithFollowUp_CriticalUrgentMailOnClosedTicket_ReopensRaisesAndKeepsTopic()
    {
        var opened = Ticket.Open(Mail("k1", new TicketAssessment { Language = "und", Topic = "bug", Questions = ["Varför?"] }), "SUP-100001", At) with { Status = TicketStatus.Closed };

        var next = opened.WithFollowUp(Mail("k2", new TicketAssessment { Language = "sv", Topic = "billing", Critical = true, Priority = TicketPriority.Urgent, Questions = ["Hur?"] }, "lisa@bergsbageri.example"), At.AddHours(1));

        Assert.Equal((TicketStatus.Open, "sv", "bug", true, TicketPriority.Urgent), (next.Status, next.Assessment.Language, next.Assessment.Topic, next.Assessment.Critical, next.Assessment.Priority));
        Assert.Equal(["Varför?"], next.Assessment.Questions);
        Assert.True(next.HasAddress("LISA@bergsbageri.example"));
        Assert.Equal((At, At.AddHours(1)), (next.CreatedAt, next.UpdatedAt));
    }

    [Fact]
    public void WithFollowUp_CalmerMail_NeverLowersCriticalOrPriorityOrKnownLanguage()
    {
        var opened = Ticket.Open(Mail("k1", new TicketAssessment { Language = "fi", Critical = true, Priority = TicketPriority.High }), "SUP-100001", At);

        var next = opened.WithFollowUp(Mail("k2", new TicketAssessment { Language = "en", Priority = TicketPriority.Low }), At);

        Assert.Equal(("fi", true, TicketPriority.High), (next.Assessment.Language, next.Assessment.Critical, next.Assessment.Priority));
    }
}
