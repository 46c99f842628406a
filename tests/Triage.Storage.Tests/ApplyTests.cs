using System.Text;
using Triage.Core.Mail;
using Triage.Core.Tickets;

namespace Triage.Storage.Tests;

public sealed class ApplyTests
{
    [Fact]
    public async Task ApplyAsync_NewTicket_WritesTicketAddressesMessageAndCreatedEvent()
    {
        await using var t = await TestStore.CreateAsync();

        var result = await t.NewTicketAsync("m1");

        Assert.Equal(ApplyStatus.Applied, result.Status);
        var ticket = await t.Store.GetTicketAsync("SUP-100001", CancellationToken.None);
        Assert.NotNull(ticket);
        Assert.Equal((result.Ticket!.Id, TicketStatus.Open, new MailAddress("Anna Berg", "anna@bergsbageri.example"), "Kassan startar inte", ManualClock.Start), (ticket.Id, ticket.Status, ticket.Customer, ticket.Subject, ticket.CreatedAt));
        Assert.Equal(0.8, ticket.Assessment.TopicScores["bug"]);
        Assert.Equal(["anna@bergsbageri.example", "kalle@bergsbageri.example"], ticket.Addresses.Order());
        Assert.Equal(["Vad gör jag?", "Kan ni ringa?"], ticket.Assessment.Questions);
        var message = Assert.Single(await t.Store.GetMessagesAsync(ticket.Id, CancellationToken.None));
        Assert.Equal((MessageDirection.Inbound, "human"), (message.Direction, message.Kind));
        var entry = Assert.Single(await t.Store.GetPendingAsync(OutboxChannel.Events, 10, CancellationToken.None));
        Assert.Equal((TicketEvent.Created, ticket.Id, result.EventIds[0]), (entry.Type, entry.TicketId, entry.EventId));
        var published = TicketEvent.FromJson(entry.Body.Span);
        Assert.Equal(("SUP-100001", "bug", "sv"), (published.TicketNumber, published.Topic, published.Language));
        Assert.Equal("bug", entry.Properties["topic"]);
    }

    [Fact]
    public async Task ApplyAsync_SameMailTwice_SecondWritesNothing()
    {
        await using var t = await TestStore.CreateAsync();
        var key = await t.StoreAsync("m1");
        var outcome = TestStore.Outcome(key, TestStore.Open, "m1") with { Acknowledgement = TestStore.Ack("anna@bergsbageri.example") };
        var first = await t.Store.ApplyAsync(outcome, CancellationToken.None);
        var counts = (await t.CountAsync("tickets"), await t.CountAsync("outbox"), await t.CountAsync("messages"), await t.CountAsync("send_counters"));

        var second = await t.Store.ApplyAsync(outcome, CancellationToken.None);

        Assert.Equal(ApplyStatus.Duplicate, second.Status);
        Assert.Equal(first.Ticket!.Id, second.Ticket?.Id);
        Assert.Empty(second.EventIds);
        Assert.Equal(counts, (await t.CountAsync("tickets"), await t.CountAsync("outbox"), await t.CountAsync("messages"), await t.CountAsync("send_counters")));
    }

    [Fact]
    public async Task ApplyAsync_WithChildTickets_OpensLinkedChildrenWithTheirEventsOnce()
    {
        await using var t = await TestStore.CreateAsync();
        var key = await t.StoreAsync("m1");
        var outcome = TestStore.Outcome(key, TestStore.Open, "m1") with
        {
            ChildTickets = [new(1, "Vad gör jag?", "Kassan startar inte (1/2)"), new(2, "Kan ni ringa?", "Kassan startar inte (2/2)")],
        };

        var first = await t.Store.ApplyAsync(outcome, CancellationToken.None);
        var second = await t.Store.ApplyAsync(outcome, CancellationToken.None);

        Assert.Equal(3, first.EventIds.Count);
        Assert.Equal(ApplyStatus.Duplicate, second.Status);
        Assert.Equal((3L, 2L, 3L), (await t.CountAsync("tickets"), await t.CountAsync("linked_child_tickets"), await t.CountAsync("outbox")));
        var events = (await t.Store.GetPendingAsync(OutboxChannel.Events, 10, CancellationToken.None)).Select(e => TicketEvent.FromJson(e.Body.Span)).ToList();
        Assert.Equal([Ticket.IdFor(key), Ticket.IdFor(key + "#q1"), Ticket.IdFor(key + "#q2")], events.Select(e => e.TicketId));
        Assert.Equal([null, "SUP-100001", "SUP-100001"], events.Select(e => e.ParentTicket));
        Assert.Equal(["Kassan startar inte", "Kassan startar inte (1/2)", "Kassan startar inte (2/2)"], events.Select(e => e.Subject));
        Assert.Equal(["Kan ni ringa?"], events[2].Questions);
        var child = await t.Store.GetTicketAsync("SUP-100003", CancellationToken.None);
        Assert.Equal("Kan ni ringa?", Assert.Single(child!.Assessment.Questions));
    }

    [Fact]
    public async Task ApplyAsync_ChildTicketsWithoutNewParent_IsRejected()
    {
        await using var t = await TestStore.CreateAsync();
        var key = await t.StoreAsync("m1");
        var outcome = TestStore.Outcome(key, new ThreadingDecision(ThreadingAction.StoreOnly, null, "stored"), "m1") with { ChildTickets = [new(1, "Vad gör jag?", "Fråga (1/1)")] };

        await Assert.ThrowsAsync<ArgumentException>(() => t.Store.ApplyAsync(outcome, CancellationToken.None));

        Assert.Equal(0L, await t.CountAsync("tickets"));
    }

    [Fact]
    public async Task GetOpenTicketNumbersAsync_ListsSendersOpenTicketsOldestFirstExceptClosedAndExcluded()
    {
        await using var t = await TestStore.CreateAsync();
        var first = await t.NewTicketAsync("m1");
        await t.NewTicketAsync("m2");
        await t.NewTicketAsync("m3");
        await t.NewTicketAsync("m4", from: "bo@annat.example");
        await t.Store.SetStatusAsync("SUP-100002", TicketStatus.Closed, CancellationToken.None);

        Assert.Equal(["SUP-100001", "SUP-100003"], await t.Store.GetOpenTicketNumbersAsync("ANNA@bergsbageri.example", "none", CancellationToken.None));
        Assert.Equal(["SUP-100003"], await t.Store.GetOpenTicketNumbersAsync("anna@bergsbageri.example", first.Ticket!.Id, CancellationToken.None));
    }

    [Fact]
    public async Task ApplyAsync_FailureMidway_WritesNothingAndRetrySucceeds()
    {
        await using var t = await TestStore.CreateAsync();
        var key = await t.StoreAsync("m1");
        // The renderer runs after the ticket, message and event are written: a failure there must undo all of them.
        var failing = new AcknowledgementRequest("anna@bergsbageri.example", (_, _) => throw new IOException("template missing"));
        var outcome = TestStore.Outcome(key, TestStore.Open, "m1");

        await Assert.ThrowsAsync<IOException>(() => t.Store.ApplyAsync(outcome with { Acknowledgement = failing }, CancellationToken.None));

        Assert.Equal((0L, 0L, 0L, 0L), (await t.CountAsync("tickets"), await t.CountAsync("ticket_addresses"), await t.CountAsync("outbox"), await t.CountAsync("send_counters")));
        Assert.Single(await t.Store.GetUnprocessedAsync(10, CancellationToken.None));
        var retry = await t.Store.ApplyAsync(outcome, CancellationToken.None);
        Assert.Equal("SUP-100001", retry.Ticket?.Number);
    }

    [Fact]
    public async Task ApplyAsync_CancelledMidway_WritesNothing()
    {
        await using var t = await TestStore.CreateAsync();
        var key = await t.StoreAsync("m1");
        using var cts = new CancellationTokenSource();
        var cancelling = new AcknowledgementRequest("anna@bergsbageri.example", (_, _) =>
        {
            cts.Cancel();
            return Encoding.UTF8.GetBytes("Subject: ack\r\n\r\n");
        });

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => t.Store.ApplyAsync(TestStore.Outcome(key, TestStore.Open, "m1") with { Acknowledgement = cancelling }, cts.Token));

        Assert.Equal((0L, 0L, 1L), (await t.CountAsync("tickets"), await t.CountAsync("outbox"), await t.CountAsync("messages")));
    }

    [Fact]
    public async Task ApplyAsync_NewTickets_NumberedInSequenceFromConfiguredPrefix()
    {
        await using var t = await TestStore.CreateAsync(o => o with { Numbering = new TicketNumbering("HD-", 500) });

        var numbers = new List<string?>();
        for (var i = 0; i < 3; i++)
        {
            numbers.Add((await t.NewTicketAsync("m" + i)).Ticket?.Number);
        }

        Assert.Equal(["HD-500", "HD-501", "HD-502"], numbers);
    }

    [Fact]
    public async Task ApplyAsync_FollowUp_ReopensRaisesCriticalAndQueuesUpdated()
    {
        await using var t = await TestStore.CreateAsync();
        var opened = (await t.NewTicketAsync("m1")).Ticket!;
        await t.Store.SetStatusAsync(opened.Number, TicketStatus.Closed, CancellationToken.None);
        t.Clock.Advance(TimeSpan.FromHours(2));
        var key = await t.StoreAsync("m2", "kalle@bergsbageri.example");
        var followUp = TestStore.Outcome(key, new ThreadingDecision(ThreadingAction.FollowUp, opened, "reference"), "m2", "kalle@bergsbageri.example") with
        {
            Participants = ["kalle@bergsbageri.example", "lisa@bergsbageri.example"],
            Assessment = new TicketAssessment { Language = "sv", Topic = "billing", Critical = true, Priority = TicketPriority.Urgent },
        };

        var result = await t.Store.ApplyAsync(followUp, CancellationToken.None);

        var ticket = await t.Store.GetTicketAsync(opened.Number, CancellationToken.None);
        Assert.Equal((TicketStatus.Open, true, TicketPriority.Urgent, "bug"), (ticket!.Status, ticket.Assessment.Critical, ticket.Assessment.Priority, ticket.Assessment.Topic));
        Assert.True(ticket.HasAddress("lisa@bergsbageri.example"));
        Assert.Equal(ManualClock.Start.AddHours(2), ticket.UpdatedAt);
        var events = await t.Store.GetPendingAsync(OutboxChannel.Events, 10, CancellationToken.None);
        Assert.Equal([TicketEvent.Created, TicketEvent.Updated], events.Select(e => e.Type));
        Assert.Equal(result.EventIds[0], events[1].EventId);
        Assert.Equal("urgent", events[1].Properties["priority"]);
    }

    [Fact]
    public async Task ApplyAsync_NoteAboutClosedTicket_AttachesWithoutReopeningOrEvent()
    {
        await using var t = await TestStore.CreateAsync();
        var opened = (await t.NewTicketAsync("m1")).Ticket!;
        await t.Store.SetStatusAsync(opened.Number, TicketStatus.Closed, CancellationToken.None);
        var key = await t.StoreAsync("bounce", "mailer-daemon@mx.example");

        var result = await t.Store.ApplyAsync(TestStore.Outcome(key, new ThreadingDecision(ThreadingAction.Note, opened, "bounce"), "bounce", "mailer-daemon@mx.example", MailKind.Bounce), CancellationToken.None);

        Assert.Empty(result.EventIds);
        Assert.Equal(TicketStatus.Closed, (await t.Store.GetTicketAsync(opened.Number, CancellationToken.None))!.Status);
        var messages = await t.Store.GetMessagesAsync(opened.Id, CancellationToken.None);
        Assert.Equal([(MessageDirection.Inbound, "human"), (MessageDirection.Note, "bounce")], messages.Select(m => (m.Direction, m.Kind)));
        Assert.Single(await t.Store.GetPendingAsync(OutboxChannel.Events, 10, CancellationToken.None));
    }

    [Fact]
    public async Task ApplyAsync_StoreOnly_KeepsMessageWithoutTicket()
    {
        await using var t = await TestStore.CreateAsync();
        var key = await t.StoreAsync("ooo", "anna@bergsbageri.example");

        var result = await t.Store.ApplyAsync(TestStore.Outcome(key, new ThreadingDecision(ThreadingAction.StoreOnly, null, "auto-reply"), "ooo", kind: MailKind.AutoReply), CancellationToken.None);

        Assert.Null(result.Ticket);
        Assert.Equal((0L, 0L, 1L), (await t.CountAsync("tickets"), await t.CountAsync("outbox"), await t.CountAsync("messages")));
        Assert.Empty(await t.Store.GetUnprocessedAsync(10, CancellationToken.None));
    }

    [Fact]
    public async Task ApplyAsync_Acknowledgement_QueuedOnMailChannelAndThreadable()
    {
        await using var t = await TestStore.CreateAsync();

        var result = await t.NewTicketAsync("m1", ack: TestStore.Ack("anna@bergsbageri.example"));

        Assert.StartsWith("ack.SUP-100001.", result.AcknowledgementMessageId, StringComparison.Ordinal);
        var mail = Assert.Single(await t.Store.GetPendingAsync(OutboxChannel.Mail, 10, CancellationToken.None));
        Assert.Equal((OutboxTypes.Acknowledgement, "anna@bergsbageri.example", result.AcknowledgementMessageId), (mail.Type, mail.Properties[OutboxTypes.RecipientProperty], mail.Properties[OutboxTypes.MessageIdProperty]));
        Assert.Contains("[#SUP-100001]", Encoding.UTF8.GetString(mail.Body.Span), StringComparison.Ordinal);
        Assert.Equal("SUP-100001", (await t.Store.FindByMessageIdAsync("<" + result.AcknowledgementMessageId + ">", CancellationToken.None))?.Number);
        var messages = await t.Store.GetMessagesAsync(result.Ticket!.Id, CancellationToken.None);
        Assert.Equal((MessageDirection.Outbound, "acknowledgement"), (messages[1].Direction, messages[1].Kind));
    }

    [Fact]
    public async Task ApplyAsync_AcknowledgementOverCap_TicketOpensWithoutAcknowledgement()
    {
        await using var t = await TestStore.CreateAsync();
        var oncePerHour = new SendCap(TimeSpan.FromHours(1), 1);
        await t.NewTicketAsync("m1", ack: TestStore.Ack("anna@bergsbageri.example", oncePerHour));

        var second = await t.NewTicketAsync("m2", ack: TestStore.Ack("anna@bergsbageri.example", oncePerHour));

        Assert.Equal(("SUP-100002", true, null), (second.Ticket?.Number, second.AcknowledgementCapped, second.AcknowledgementMessageId));
        Assert.Single(await t.Store.GetPendingAsync(OutboxChannel.Mail, 10, CancellationToken.None));
    }

    [Fact]
    public async Task ApplyAsync_MessageNeverStored_ThrowsAndWritesNothing()
    {
        await using var t = await TestStore.CreateAsync();

        var e = await Assert.ThrowsAsync<InvalidOperationException>(() => t.Store.ApplyAsync(TestStore.Outcome(new string('a', 64), TestStore.Open, "m1"), CancellationToken.None));

        Assert.Contains("not stored", e.Message, StringComparison.Ordinal);
        Assert.Equal(0, await t.CountAsync("tickets"));
    }

    [Fact]
    public async Task ApplyAsync_AcknowledgementOnFollowUp_Rejected()
    {
        await using var t = await TestStore.CreateAsync();
        var opened = (await t.NewTicketAsync("m1")).Ticket!;
        var key = await t.StoreAsync("m2");
        var outcome = TestStore.Outcome(key, new ThreadingDecision(ThreadingAction.FollowUp, opened, "ref"), "m2") with { Acknowledgement = TestStore.Ack("anna@bergsbageri.example") };

        await Assert.ThrowsAsync<ArgumentException>(() => t.Store.ApplyAsync(outcome, CancellationToken.None));
    }
}
