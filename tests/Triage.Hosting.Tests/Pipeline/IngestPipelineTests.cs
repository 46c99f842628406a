using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Triage.Core.Ports;
using Triage.Core.Tickets;
using Triage.Hosting.Acknowledgements;
using Triage.Hosting.Pipeline;
using Triage.Hosting.Policies;
using Triage.Mime;
using Triage.Storage;

namespace Triage.Hosting.Tests.Pipeline;

public sealed class IngestPipelineTests : IDisposable
{
    private readonly PipelineFixture _fixture = new();

    public void Dispose() => _fixture.Dispose();

    [Fact]
    public async Task ProcessPendingAsync_NewHumanMail_OpensTicketAndPublishesCreatedEventToSpool()
    {
        var reports = await _fixture.IngestAsync(Mails.Human("anna@shop.example", "Till does not start", "The till is dead.", "m1@shop.example"));

        var report = Assert.Single(reports);
        Assert.Equal(ThreadingAction.OpenTicket, report.Action);
        Assert.Equal("SUP-100001", report.Result!.Ticket!.Number);
        Assert.Equal(1, await _fixture.Dispatcher.DrainAsync(CancellationToken.None));
        Assert.Equal([TicketEvent.Created], _fixture.SpooledTypes());
    }

    [Fact]
    public async Task ProcessPendingAsync_FollowUpByReferenceInSubject_UpdatesTicket()
    {
        await _fixture.IngestAsync(Mails.Human("anna@shop.example", "Till does not start", "Help", "m1@shop.example"));

        var reports = await _fixture.IngestAsync(Mails.Human("anna@shop.example", "More info [#SUP-100001]", "It beeps.", "m2@shop.example"));

        Assert.Equal(ThreadingAction.FollowUp, Assert.Single(reports).Action);
        Assert.Equal("SUP-100001", reports[0].Result!.Ticket!.Number);
        await _fixture.Dispatcher.DrainAsync(CancellationToken.None);
        Assert.Equal([TicketEvent.Created, TicketEvent.Updated], _fixture.SpooledTypes());
    }

    [Fact]
    public async Task ProcessPendingAsync_FollowUpByInReplyTo_UpdatesTicketInSameBatch()
    {
        var reports = await _fixture.IngestAsync(
            Mails.Human("anna@shop.example", "Till does not start", "Help", "m1@shop.example"),
            Mails.Human("anna@shop.example", "Re: Till does not start", "Still broken.", "m2@shop.example", inReplyTo: "m1@shop.example"));

        Assert.Equal([ThreadingAction.OpenTicket, ThreadingAction.FollowUp], reports.Select(r => r.Action));
        Assert.Equal(reports[0].Result!.Ticket!.Id, reports[1].Result!.Ticket!.Id);
    }

    [Fact]
    public async Task ProcessPendingAsync_AutoReplyAndBounceAboutTicket_AreNotesWithoutEventsOrAcknowledgements()
    {
        var opened = await _fixture.IngestAsync(Mails.Human("anna@shop.example", "Till does not start", "Help", "m1@shop.example"));
        var ackId = opened[0].Result!.AcknowledgementMessageId!;

        var reports = await _fixture.IngestAsync(
            Mails.AutoReply("anna@shop.example", "Till does not start", "oof1@shop.example", inReplyTo: ackId),
            Mails.Bounce("anna@shop.example", ackId, "[#SUP-100001] We have received your request", "dsn1@mx.example"),
            Mails.AutoReply("stranger@else.example", "Hello", "oof2@else.example"));

        Assert.Equal([ThreadingAction.Note, ThreadingAction.Note, ThreadingAction.StoreOnly], reports.Select(r => r.Action));
        Assert.All(reports, r => Assert.Empty(r.Result!.EventIds));
        var store = await _fixture.StoreAsync();
        var pendingMail = await store.GetPendingAsync(OutboxChannel.Mail, 100, CancellationToken.None);
        Assert.Single(pendingMail);
    }

    [Fact]
    public async Task StoreAsync_SameMailTwice_SecondIsDuplicateAndWritesNothing()
    {
        var mail = Mails.Human("anna@shop.example", "Till does not start", "Help", "m1@shop.example");
        await _fixture.IngestAsync(mail);

        var again = await _fixture.Pipeline.StoreAsync(mail, null, flush: true, CancellationToken.None);
        var sameId = await _fixture.Pipeline.StoreAsync(Mails.Human("anna@shop.example", "Other bytes", "x", "m1@shop.example"), null, flush: true, CancellationToken.None);
        var reports = await _fixture.Pipeline.ProcessPendingAsync(null, CancellationToken.None);

        Assert.Equal(SinkOutcome.Duplicate, again.Outcome);
        Assert.Equal(SinkOutcome.Duplicate, sameId.Outcome);
        Assert.Empty(reports);
        Assert.Equal(1, (await (await _fixture.StoreAsync()).ListTicketsAsync(TicketFilter.All, new Paging(), CancellationToken.None)).Total);
    }

    [Fact]
    public async Task AcceptAsync_EmptyMessage_IsRejected()
    {
        var result = await _fixture.Pipeline.AcceptAsync(new RawMail(Array.Empty<byte>(), new MailSource("INBOX", 1, 7, null)), CancellationToken.None);

        Assert.Equal(SinkOutcome.Rejected, result.Outcome);
    }

    [Fact]
    public async Task ProcessPendingAsync_NewTicketFromHuman_QueuesAcknowledgementThatThreadsBack()
    {
        var reports = await _fixture.IngestAsync(Mails.Human("anna@shop.example", "Kassan startar inte", "Hjälp", "m1@shop.example"));
        var store = await _fixture.StoreAsync();
        var row = Assert.Single(await store.GetPendingAsync(OutboxChannel.Mail, 10, CancellationToken.None));
        var ack = MimeParser.Parse(row.Body);

        Assert.Equal("anna@shop.example", row.Properties[OutboxTypes.RecipientProperty]);
        Assert.Contains("[#SUP-100001]", ack.Subject, StringComparison.Ordinal);
        Assert.Equal("auto-replied", ack.Headers["Auto-Submitted"]);
        Assert.Equal("All", ack.Headers["X-Auto-Response-Suppress"]);
        Assert.Equal("auto_reply", ack.Headers["Precedence"]);
        Assert.Equal(["m1@shop.example"], ack.InReplyTo);
        Assert.Equal(reports[0].Result!.AcknowledgementMessageId, ack.MessageId);
        Assert.Equal("SUP-100001", new AcknowledgementIds().TicketNumberOf(ack.MessageId));

        var reply = await _fixture.IngestAsync(Mails.Human("anna@shop.example", "Re: your ack", "Thanks", "m2@shop.example", inReplyTo: ack.MessageId));
        Assert.Equal(ThreadingAction.FollowUp, reply[0].Action);
    }

    [Fact]
    public async Task ProcessPendingAsync_ManyNewTicketsFromOneSender_AcknowledgesTenIn10Minutes()
    {
        // Distinct texts: the same text again would join the open ticket (resend rule) instead of opening one.
        var mails = Enumerable.Range(1, 12).Select(i => Mails.Human("anna@shop.example", $"Question {i}", $"Hi, question {i}", $"q{i}@shop.example")).ToArray();

        var reports = await _fixture.IngestAsync(mails);

        Assert.Equal(10, reports.Count(r => r.Result!.AcknowledgementMessageId is not null));
        Assert.Equal(2, reports.Count(r => r.Result!.AcknowledgementCapped));
        _fixture.Time.Advance(TimeSpan.FromMinutes(10));
        var later = await _fixture.IngestAsync(Mails.Human("anna@shop.example", "Question 13", "Hi, question 13", "q13@shop.example"));
        Assert.NotNull(later[0].Result!.AcknowledgementMessageId);
    }

    [Fact]
    public async Task ProcessPendingAsync_HumanWithAutoResponseSuppress_GetsTicketButNoAcknowledgement()
    {
        var reports = await _fixture.IngestAsync(
            Mails.Human("anna@shop.example", "Help", "x", "m1@shop.example", extraHeaders: "X-Auto-Response-Suppress: All\r\n"),
            Mails.Human("noreply@vendor.example", "Invoice", "x", "m2@vendor.example"));

        Assert.All(reports, r => Assert.Equal(ThreadingAction.OpenTicket, r.Action));
        Assert.All(reports, r => Assert.Null(r.Result!.AcknowledgementMessageId));
    }

    [Fact]
    public async Task ProcessPendingAsync_MailFailingEveryAttempt_IsQuarantinedWithRawKeptAndDoesNotBlock()
    {
        using var fixture = new PipelineFixture(
            new Dictionary<string, string?> { ["Triage:Pipeline:MaxAttempts"] = "2" },
            services => services.AddSingleton<IAcknowledgementPlanner>(new ThrowingPlanner()));
        var poison = Mails.Human("poison@shop.example", "Boom", "x", "p1@shop.example");
        await fixture.Pipeline.StoreAsync(poison, null, flush: true, CancellationToken.None);

        var first = await fixture.Pipeline.ProcessPendingAsync(null, CancellationToken.None);
        var second = await fixture.Pipeline.ProcessPendingAsync(null, CancellationToken.None);
        var after = await fixture.IngestAsync(Mails.Human("anna@shop.example", "Fine", "x", "ok@shop.example"));

        Assert.False(Assert.Single(first).Quarantined);
        Assert.True(Assert.Single(second).Quarantined);
        var copy = Directory.GetFiles(Path.Combine(fixture.Directory, "quarantine"), "*.eml");
        Assert.Equal(poison, await File.ReadAllBytesAsync(Assert.Single(copy)));
        Assert.Equal(ThreadingAction.OpenTicket, Assert.Single(after).Action);
    }

    /// <summary>Fails every mail from poison@: the planner runs inside processing, like any other step.</summary>
    private sealed class ThrowingPlanner : IAcknowledgementPlanner
    {
        public AcknowledgementRequest? Plan(PreparedMail mail, SupportJudgement? support) =>
            mail.Mail.From?.Address == "poison@shop.example" ? throw new InvalidOperationException("planner failed") : null;
    }
}
