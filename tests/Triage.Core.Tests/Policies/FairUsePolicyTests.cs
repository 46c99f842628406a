using System.Globalization;
using Triage.Core.Policies;

namespace Triage.Core.Tests.Policies;

/// <summary>Defaults: more than 10 mails in any 24 h, or more than 5 open tickets, counting the mail being judged.</summary>
public sealed class FairUsePolicyTests
{
    private const string Sender = "anna@kaffebaren.se";

    private static readonly DateTimeOffset Now = DateTimeOffset.Parse("2026-11-24T10:00+01:00", CultureInfo.InvariantCulture);

    private static readonly FairUsePolicy Policy = new(FairUseOptions.Default);

    /// <summary>Earlier mails from <see cref="Sender"/>, the i-th received i × spacing before <see cref="Now"/>; the first few opened tickets.</summary>
    private static FairUseLedger Ledger(int mails, TimeSpan spacing, int openedTickets = 0)
    {
        var ledger = new FairUseLedger();
        for (int i = 1; i <= mails; i++)
        {
            ledger.Record(Sender, Now - (i * spacing), openedTicket: i <= openedTickets);
        }

        return ledger;
    }

    [Theory]
    [InlineData(9, 60, false)]  // with this one, 10 mails in 24 h: fair
    [InlineData(10, 60, true)]  // 11 mails in 24 h
    [InlineData(10, 140, true)] // the oldest is 23 h 20 min old: still 11 in the window
    [InlineData(10, 150, false)] // the oldest is 25 h old and has slid out: 10
    [InlineData(40, 1440, false)] // one a day
    public async Task EvaluateAsync_MailsInSlidingWindow_ExceededPastTen(int earlierMails, int minutesApart, bool expected)
    {
        var verdict = await Policy.EvaluateAsync(Ledger(earlierMails, TimeSpan.FromMinutes(minutesApart)), Sender, Now, opensTicket: false, CancellationToken.None);

        Assert.Equal(expected, verdict.Exceeded);
        Assert.Equal(expected, verdict.Reason is not null);
    }

    [Fact]
    public async Task EvaluateAsync_EleventhMail_ReasonNamesCountAndThreshold()
    {
        var verdict = await Policy.EvaluateAsync(Ledger(10, TimeSpan.FromMinutes(5)), "ANNA@kaffebaren.se", Now, opensTicket: false, CancellationToken.None);

        Assert.Equal("11 mails in 24 h (fair use: at most 10).", verdict.Reason);
    }

    [Theory]
    [InlineData(4, true, false)]
    [InlineData(5, true, true)]   // a 6th open ticket
    [InlineData(5, false, false)] // a follow-up opens nothing
    [InlineData(6, false, true)]
    public async Task EvaluateAsync_OpenTickets_ExceededPastFive(int openTickets, bool opensTicket, bool expected)
    {
        // Spread over days so only the open-ticket threshold can trip.
        var verdict = await Policy.EvaluateAsync(Ledger(openTickets, TimeSpan.FromDays(1), openTickets), Sender, Now, opensTicket, CancellationToken.None);

        Assert.Equal(expected, verdict.Exceeded);
    }

    [Fact]
    public async Task EvaluateAsync_SeveralWindows_FirstCrossedGivesReason()
    {
        var policy = new FairUsePolicy(new FairUseOptions { Windows = [new(TimeSpan.FromMinutes(30), 3), new(TimeSpan.FromHours(24), 10)] });

        var verdict = await policy.EvaluateAsync(Ledger(3, TimeSpan.FromMinutes(5)), Sender, Now, opensTicket: false, CancellationToken.None);

        Assert.Equal("4 mails in 30 min (fair use: at most 3).", verdict.Reason);
    }

    [Fact]
    public async Task EvaluateAsync_Disabled_NeverExceeded()
    {
        var policy = new FairUsePolicy(FairUseOptions.Default with { Enabled = false });

        var verdict = await policy.EvaluateAsync(Ledger(50, TimeSpan.FromMinutes(1), 50), Sender, Now, opensTicket: true, CancellationToken.None);

        Assert.False(verdict.Exceeded);
    }

    [Fact]
    public async Task EvaluateAsync_OtherSendersMail_NotCounted()
    {
        var ledger = new FairUseLedger();
        for (int i = 0; i < 20; i++)
        {
            ledger.Record("bo@kaffebaren.se", Now.AddMinutes(-i), openedTicket: true);
        }

        var verdict = await Policy.EvaluateAsync(ledger, Sender, Now, opensTicket: true, CancellationToken.None);

        Assert.False(verdict.Exceeded);
    }

    [Fact]
    public void Constructor_InvalidOptions_ThrowsNamingSetting()
    {
        var e = Assert.Throws<ArgumentException>(() => new FairUsePolicy(new FairUseOptions { Windows = [new(TimeSpan.Zero, 10)], MaxOpenTickets = 0 }));

        Assert.Contains("FairUse:Windows:0", e.Message, StringComparison.Ordinal);
        Assert.Equal(2, new FairUseOptions { Windows = [new(TimeSpan.Zero, 10)], MaxOpenTickets = 0 }.Validate().Count);
    }

    [Fact]
    public async Task Decide_SenderOverThreshold_GetsP4()
    {
        var desk = new SupportPolicy(new DeskOptions().CreateDesk());
        var verdict = await Policy.EvaluateAsync(Ledger(10, TimeSpan.FromMinutes(30)), Sender, Now, opensTicket: true, CancellationToken.None);

        var decision = desk.Decide(Now, critical: false, new CustomerAccount("A-1", "Kaffebaren AB", "premium", true), verdict);

        Assert.Equal(SupportPriority.P4, decision.Priority);
        Assert.True(decision.FairUse.Exceeded);
    }
}
