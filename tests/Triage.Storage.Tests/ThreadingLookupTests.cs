using Triage.Core.Hygiene;
using Triage.Core.Mail;
using Triage.Core.Tickets;

namespace Triage.Storage.Tests;

/// <summary>The threader over the real store: what it finds through SQLite.</summary>
public sealed class ThreadingLookupTests
{
    private static readonly TicketThreader Threader = new(new AcknowledgementIds(), HygieneOptions.Default);

    private static Task<ThreadingDecision> DecideAsync(SqliteStore store, InboundMail mail) =>
        Threader.DecideAsync(mail, new MailHygiene(HygieneOptions.Default).Inspect(mail), store, CancellationToken.None);

    private static InboundMail Reply(string from, string subject, params string[] inReplyTo) => new()
    {
        Id = "reply",
        From = new MailAddress(null, from),
        Subject = subject,
        MessageId = "reply-" + Guid.NewGuid().ToString("N") + "@example.org",
        InReplyTo = inReplyTo,
        TextBody = "Hej igen, det fungerar fortfarande inte.",
    };

    [Fact]
    public async Task DecideAsync_InReplyToOurAcknowledgement_FollowUp()
    {
        await using var t = await TestStore.CreateAsync();
        var ack = (await t.NewTicketAsync("m1", ack: TestStore.Ack("anna@bergsbageri.example"))).AcknowledgementMessageId!;

        var decision = await DecideAsync(t.Store, Reply("stranger@elsewhere.example", "Re: Tack", ack));

        Assert.Equal((ThreadingAction.FollowUp, "SUP-100001"), (decision.Action, decision.Ticket?.Number));
    }

    [Fact]
    public async Task DecideAsync_InReplyToStoredCustomerMail_FollowUp()
    {
        await using var t = await TestStore.CreateAsync();
        await t.NewTicketAsync("m1");

        var decision = await DecideAsync(t.Store, Reply("kalle@bergsbageri.example", "Re: Kassan", "m1@bergsbageri.example"));

        Assert.Equal((ThreadingAction.FollowUp, "SUP-100001"), (decision.Action, decision.Ticket?.Number));
    }

    [Fact]
    public async Task DecideAsync_ReferenceFromStrangerInSubject_NewTicket()
    {
        await using var t = await TestStore.CreateAsync();
        await t.NewTicketAsync("m1");

        var fromCustomer = await DecideAsync(t.Store, Reply("ANNA@bergsbageri.example", "Re: [#SUP-100001] Kassan"));
        var fromStranger = await DecideAsync(t.Store, Reply("mallory@evil.example", "Re: [#SUP-100001] Kassan"));

        Assert.Equal(ThreadingAction.FollowUp, fromCustomer.Action);
        Assert.Equal(ThreadingAction.OpenTicket, fromStranger.Action);
    }
}
