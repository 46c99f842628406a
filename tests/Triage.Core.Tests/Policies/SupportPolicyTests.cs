using System.Globalization;
using Triage.Core.Policies;
using Triage.Core.Tickets;

namespace Triage.Core.Tests.Policies;

/// <summary>
/// Priority, route, urgency and due time on the shipped desk (Stockholm, Mon–Fri 08:00–17:00, cut-off 16:00, priority
/// tier 4 h of 08:00–20:00 every day). 2026-11-21 is a Saturday, 11-24 a Tuesday, 12-25 Juldagen (a Friday).
/// </summary>
public sealed class SupportPolicyTests
{
    private static readonly SupportPolicy Policy = new(new DeskOptions().CreateDesk());

    private static readonly CustomerAccount Entitled = new("A-1", "Kaffebaren AB", "premium", PrioritySupport: true);

    private static readonly FairUseVerdict Exceeded = new(true, "11 mails in 24 h (fair use: at most 10).");

    private static DateTimeOffset Instant(string iso) => DateTimeOffset.Parse(iso, CultureInfo.InvariantCulture);

    [Theory]
    // critical, entitled, fair use exceeded → priority, route, urgent, tier, due
    [InlineData("2026-11-21T22:00+01:00", true, false, false, "P1", "oncall", false, "priority", "2026-11-22T12:00+01:00")]
    [InlineData("2026-11-24T10:00+01:00", true, false, false, "P1", "normal", true, "priority", "2026-11-24T14:00+01:00")]
    [InlineData("2026-11-24T07:59+01:00", true, false, false, "P1", "oncall", false, "priority", "2026-11-24T12:00+01:00")]
    [InlineData("2026-11-24T17:30+01:00", true, false, false, "P1", "oncall", false, "priority", "2026-11-25T09:30+01:00")] // 2.5 h today, 1.5 h tomorrow
    [InlineData("2026-12-25T10:00+01:00", true, false, false, "P1", "oncall", false, "priority", "2026-12-25T14:00+01:00")]
    [InlineData("2026-11-21T22:00+01:00", true, true, true, "P1", "oncall", false, "priority", "2026-11-22T12:00+01:00")]
    [InlineData("2026-11-24T10:00+01:00", false, true, false, "P2", "normal", false, "priority", "2026-11-24T14:00+01:00")]
    [InlineData("2026-11-21T22:00+01:00", false, true, false, "P2", "normal", false, "priority", "2026-11-22T12:00+01:00")]
    [InlineData("2026-11-24T10:00+01:00", false, false, false, "P3", "normal", false, "standard", "2026-11-24T17:00+01:00")]
    [InlineData("2026-11-21T22:00+01:00", false, false, false, "P3", "normal", false, "standard", "2026-11-23T16:00+01:00")]
    [InlineData("2026-11-24T10:00+01:00", false, false, true, "P4", "normal", false, "standard", "2026-11-24T17:00+01:00")]
    [InlineData("2026-11-24T10:00+01:00", false, true, true, "P4", "normal", false, "standard", "2026-11-24T17:00+01:00")]
    public void Decide_DeskRules_GivePriorityRouteUrgencyAndDue(
        string now, bool critical, bool entitled, bool fairUseExceeded, string priority, string route, bool urgent, string tier, string due)
    {
        var decision = Policy.Decide(Instant(now), critical, entitled ? Entitled : null, fairUseExceeded ? Exceeded : FairUseVerdict.Within);

        Assert.Equal(priority, decision.Priority.ToWireName());
        Assert.Equal(route, decision.Route.ToWireName());
        Assert.Equal(urgent, decision.Urgent);
        Assert.Equal(tier, decision.Tier);
        Assert.Equal(Instant(due), decision.DueAt);
        Assert.Equal(fairUseExceeded, decision.FairUse.Exceeded);
    }

    [Fact]
    public void Decide_CriticalOnSaturdayNight_AcknowledgementGivesOnCallNumberAndBillingNote()
    {
        var decision = Policy.Decide(Instant("2026-11-21T22:00+01:00"), critical: true, null, FairUseVerdict.Within);

        Assert.Equal("+46 00 000 00 00", decision.OnCallPhone);
        Assert.Collection(
            decision.AcknowledgementNotes,
            note => Assert.Contains("+46 00 000 00 00", note, StringComparison.Ordinal),
            note => Assert.Contains("may be billed", note, StringComparison.Ordinal));
    }

    [Fact]
    public void Decide_CriticalOnTuesdayMorning_NoOnCallNotes()
    {
        var decision = Policy.Decide(Instant("2026-11-24T10:00+01:00"), critical: true, null, FairUseVerdict.Within);

        Assert.Null(decision.OnCallPhone);
        Assert.Empty(decision.AcknowledgementNotes);
    }

    [Fact]
    public void Decide_DeskWithoutPriorityTier_EntitledCustomerUsesStandardTier()
    {
        var desk = new DeskOptions { Name = "only-standard", Tiers = new Dictionary<string, SlaTierOptions> { ["standard"] = new() } }.CreateDesk();

        var decision = new SupportPolicy(desk).Decide(Instant("2026-11-24T10:00+01:00"), critical: false, Entitled, FairUseVerdict.Within);

        Assert.Equal(SupportPriority.P2, decision.Priority);
        Assert.Equal("standard", decision.Tier);
        Assert.Equal(Instant("2026-11-24T17:00+01:00"), decision.DueAt);
    }

    [Theory]
    [InlineData(true, false, false, TicketPriority.Urgent)]
    [InlineData(false, true, false, TicketPriority.High)]
    [InlineData(false, false, false, TicketPriority.Normal)]
    [InlineData(false, false, true, TicketPriority.Low)]
    public void TicketPriority_EachSupportPriority_MapsToStorePriority(bool critical, bool entitled, bool exceeded, TicketPriority expected)
    {
        var decision = Policy.Decide(Instant("2026-11-24T10:00+01:00"), critical, entitled ? Entitled : null, exceeded ? Exceeded : FairUseVerdict.Within);

        Assert.Equal(expected, decision.TicketPriority);
    }
}
