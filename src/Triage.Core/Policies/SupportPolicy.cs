using Triage.Core.Tickets;

namespace Triage.Core.Policies;

/// <summary>Support priority, most urgent first. Wire names are <c>P1</c>…<c>P4</c>.</summary>
public enum SupportPriority
{
    /// <summary>A business-critical fault.</summary>
    P1 = 1,

    /// <summary>A customer entitled to priority support.</summary>
    P2 = 2,

    /// <summary>Normal.</summary>
    P3 = 3,

    /// <summary>Fair use exceeded: served after others.</summary>
    P4 = 4,
}

/// <summary>Where a ticket goes: the desk's normal queue, or the 24/7 on-call team. Wire names <c>normal</c>, <c>oncall</c>.</summary>
public enum SupportRoute
{
    Normal,
    OnCall,
}

/// <summary>
/// What a desk's rules make of one ticket at one moment. <see cref="OnCallPhone"/> is set only for the on-call route;
/// <see cref="AcknowledgementNotes"/> are English sentences the acknowledgement should carry (a localized template may
/// use <see cref="OnCallPhone"/> instead).
/// </summary>
public sealed record SupportDecision(
    SupportPriority Priority,
    SupportRoute Route,
    bool Urgent,
    string Tier,
    DateTimeOffset DueAt,
    FairUseVerdict FairUse,
    string? OnCallPhone,
    IReadOnlyList<string> AcknowledgementNotes)
{
    /// <summary>The ticket store's coarser priority: P1 urgent, P2 high, P3 normal, P4 low.</summary>
    public TicketPriority TicketPriority => Priority switch
    {
        SupportPriority.P1 => TicketPriority.Urgent,
        SupportPriority.P2 => TicketPriority.High,
        SupportPriority.P3 => TicketPriority.Normal,
        _ => TicketPriority.Low,
    };
}

/// <summary>
/// Priority, routing and due time for a desk. Priority: P1 when critical, else P4 when fair use is exceeded, else P2
/// when the account is entitled to priority support, else P3. A critical ticket stays P1 even past fair use (a real
/// outage is not made to wait; the verdict is still reported), and fair use outranks the entitlement. A critical
/// ticket is <c>urgent</c> when the desk is open at that moment and goes to on-call when it is closed. P1 and P2 are due
/// by the desk's <see cref="DeskOptions.PriorityTier"/> (the standard tier when the desk has none), P3 and P4 by
/// <see cref="DeskOptions.StandardTier"/>. Pure; thread-safe.
/// </summary>
public sealed class SupportPolicy(SupportDesk desk)
{
    private readonly DueTimeCalculator _due = new(desk);

    public SupportDesk Desk { get; } = desk;

    public SupportDecision Decide(DateTimeOffset now, bool critical, CustomerAccount? account, FairUseVerdict fairUse)
    {
        ArgumentNullException.ThrowIfNull(fairUse);
        var priority = critical ? SupportPriority.P1
            : fairUse.Exceeded ? SupportPriority.P4
            : account?.PrioritySupport == true ? SupportPriority.P2
            : SupportPriority.P3;
        var open = Desk.Calendar.IsOpen(now);
        var route = critical && !open ? SupportRoute.OnCall : SupportRoute.Normal;
        var tier = priority <= SupportPriority.P2 && Desk.Tiers.ContainsKey(DeskOptions.PriorityTier)
            ? DeskOptions.PriorityTier
            : DeskOptions.StandardTier;
        var onCallPhone = route == SupportRoute.OnCall ? Desk.OnCallPhone : null;
        IReadOnlyList<string> notes = onCallPhone is null ? [] :
        [
            $"Business-critical faults outside our opening hours are handled by our on-call team, 24/7 on {onCallPhone}.",
            "Non-critical use of the on-call line may be billed.",
        ];
        return new SupportDecision(priority, route, critical && open, tier, _due.DueAt(now, tier), fairUse, onCallPhone, notes);
    }
}

/// <summary>The names the event contract and the CLI use for priorities and routes.</summary>
public static class SupportWireNames
{
    public static string ToWireName(this SupportPriority priority) =>
        Enum.IsDefined(priority) ? priority.ToString() : throw new ArgumentOutOfRangeException(nameof(priority), priority, null);

    public static string ToWireName(this SupportRoute route) => route switch
    {
        SupportRoute.Normal => "normal",
        SupportRoute.OnCall => "oncall",
        _ => throw new ArgumentOutOfRangeException(nameof(route), route, null),
    };
}
