namespace Triage.Core.Policies;

/// <summary>First-response due times of a desk's tickets.</summary>
public sealed class DueTimeCalculator(SupportDesk desk)
{
    /// <summary>The due time (UTC) of a ticket of <paramref name="tier"/> received at <paramref name="received"/>.</summary>
    public DateTimeOffset DueAt(DateTimeOffset received, string tier) =>
        desk.Tiers.TryGetValue(tier, out var sla)
            ? sla.DueAt(received)
            : throw new ArgumentException($"Desk '{desk.Name}' has no SLA tier '{tier}' (it has: {string.Join(", ", desk.Tiers.Keys)}).", nameof(tier));
}
