using System.Globalization;

namespace Triage.Core.Policies;

/// <summary>Local wall-clock time within one day, from <see cref="Start"/> up to (not including) <see cref="End"/>.</summary>
public readonly record struct OpenInterval
{
    public OpenInterval(TimeSpan start, TimeSpan end)
    {
        if (start < TimeSpan.Zero || end > TimeSpan.FromDays(1) || start >= end)
        {
            throw new ArgumentOutOfRangeException(nameof(end), $"{Format(start)}-{Format(end)} is not a span within one day.");
        }

        Start = start;
        End = end;
    }

    public TimeSpan Start { get; }

    /// <summary>Up to 24:00, so a desk can stay open until midnight.</summary>
    public TimeSpan End { get; }

    public override string ToString() => $"{Format(Start)}-{Format(End)}";

    internal static string Format(TimeSpan time) =>
        string.Create(CultureInfo.InvariantCulture, $"{(int)time.TotalHours:00}:{time.Minutes:00}");
}
