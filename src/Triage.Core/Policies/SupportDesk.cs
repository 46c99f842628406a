namespace Triage.Core.Policies;

/// <summary>A support desk ready for use, built from validated <see cref="DeskOptions"/>.</summary>
public sealed class SupportDesk(string name, BusinessCalendar calendar, string onCallPhone, IReadOnlyDictionary<string, SlaTier> tiers)
{
    public string Name { get; } = name;

    /// <summary>The desk's own opening hours, which decide on-call routing and the standard tier.</summary>
    public BusinessCalendar Calendar { get; } = calendar;

    public string OnCallPhone { get; } = onCallPhone;

    /// <summary>SLA tiers by name, compared without regard to case.</summary>
    public IReadOnlyDictionary<string, SlaTier> Tiers { get; } = tiers;
}
