using System.Globalization;

namespace Triage.Core.Policies;

/// <summary>
/// Weekly opening hours in local wall-clock time, several intervals per day allowed (a lunch closure is a gap).
/// Compact syntax: <c>Mon-Fri 09:00-11:30,12:00-15:30; Sat 09:00-13:00</c> — rules separated by <c>;</c>, each a
/// day, a day range (<c>Fri-Mon</c> wraps over the weekend) or a comma list of both, then comma-separated intervals;
/// <c>24:00</c> ends a day at midnight. Days not named are closed.
/// </summary>
public sealed class OpeningHours
{
    private static readonly string[] DayNames = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
    private readonly OpenInterval[][] byDay;

    private OpeningHours(OpenInterval[][] byDay) => this.byDay = byDay;

    public IReadOnlyList<OpenInterval> On(DayOfWeek day) => byDay[(int)day];

    public bool IsAlwaysClosed => byDay.All(d => d.Length == 0);

    public static OpeningHours Parse(string text) =>
        TryParse(text, out var hours, out var error) ? hours : throw new FormatException(error);

    public static bool TryParse(string text, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out OpeningHours? hours, out string error)
    {
        ArgumentNullException.ThrowIfNull(text);
        hours = null;
        var days = Enumerable.Range(0, 7).Select(_ => new List<OpenInterval>()).ToArray();
        foreach (var rule in text.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            // The days end where the first time begins.
            int times = rule.AsSpan().IndexOfAnyInRange('0', '9');
            if (times <= 0)
            {
                error = $"Opening hours '{text}': '{rule}' needs days and hours, like 'Mon-Fri 08:00-17:00'.";
                return false;
            }

            if (!TryParseDays(rule[..times].Trim(), out var ruleDays, out error) || !TryParseIntervals(rule[times..], out var intervals, out error))
            {
                error = $"Opening hours '{text}': {error}";
                return false;
            }

            foreach (var day in ruleDays)
            {
                days[(int)day].AddRange(intervals);
            }
        }

        for (int day = 0; day < 7; day++)
        {
            if (!TrySortDisjoint(days[day], out error))
            {
                error = $"Opening hours '{text}': on {DayNames[day]} {error}";
                return false;
            }
        }

        hours = new OpeningHours([.. days.Select(d => d.ToArray())]);
        error = "";
        return true;
    }

    /// <summary>Intervals such as <c>09:00-11:30, 12:00-15:30</c>, sorted, none overlapping another.</summary>
    internal static bool TryParseIntervals(string text, out List<OpenInterval> intervals, out string error)
    {
        intervals = [];
        foreach (var part in text.Split(',', StringSplitOptions.TrimEntries))
        {
            var ends = part.Split('-', StringSplitOptions.TrimEntries);
            if (ends.Length != 2 || !TryParseTime(ends[0], out var start) || !TryParseTime(ends[1], out var end))
            {
                error = $"'{part}' is not an interval like 08:00-17:00.";
                return false;
            }

            if (start >= end)
            {
                error = $"'{part}' ends before it starts (a day ends at 24:00; split a night into two days).";
                return false;
            }

            intervals.Add(new OpenInterval(start, end));
        }

        return TrySortDisjoint(intervals, out error);
    }

    public override string ToString() => string.Join("; ",
        Enumerable.Range(1, 7).Select(d => d % 7).Where(d => byDay[d].Length > 0)
            .Select(d => $"{DayNames[d]} {string.Join(',', byDay[d])}"));

    private static bool TrySortDisjoint(List<OpenInterval> intervals, out string error)
    {
        intervals.Sort((a, b) => a.Start.CompareTo(b.Start));
        for (int i = 1; i < intervals.Count; i++)
        {
            if (intervals[i].Start < intervals[i - 1].End)
            {
                error = $"{intervals[i - 1]} overlaps {intervals[i]}.";
                return false;
            }
        }

        error = "";
        return true;
    }

    private static bool TryParseDays(string text, out List<DayOfWeek> days, out string error)
    {
        days = [];
        foreach (var part in text.Split(',', StringSplitOptions.TrimEntries))
        {
            var ends = part.Split('-', StringSplitOptions.TrimEntries);
            if (ends.Length > 2 || !TryParseDay(ends[0], out var first) || !TryParseDay(ends[^1], out var last))
            {
                error = $"'{part}' is not a day or day range like Mon-Fri (days: {string.Join(' ', DayNames)}).";
                return false;
            }

            for (int day = first; ; day = (day + 1) % 7)
            {
                days.Add((DayOfWeek)day);
                if (day == last)
                {
                    break;
                }
            }
        }

        error = "";
        return true;
    }

    private static bool TryParseDay(string text, out int day)
    {
        day = Array.FindIndex(DayNames, n => n.Equals(text, StringComparison.OrdinalIgnoreCase));
        return day >= 0;
    }

    // HH:MM or H:MM, 00:00 to 24:00.
    private static bool TryParseTime(string text, out TimeSpan time)
    {
        time = default;
        var parts = text.Split(':');
        if (parts.Length != 2 || parts[0].Length is < 1 or > 2 || parts[1].Length != 2
            || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out int hour)
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out int minute)
            || minute > 59 || hour > 24 || (hour == 24 && minute > 0))
        {
            return false;
        }

        time = new TimeSpan(hour, minute, 0);
        return true;
    }
}
