using System.Collections.Concurrent;
using System.Globalization;

namespace Triage.Core.Policies;

/// <summary>One stretch of open time, as UTC instants.</summary>
public readonly record struct OpenPeriod(DateTimeOffset Start, DateTimeOffset End);

/// <summary>
/// When a support desk is open: weekly hours in the desk's time zone, closed on its country's holidays and its own
/// closed dates, open on its extra open dates. A date's hours are, first match wins: its extra open date entry;
/// none when it is a closed date or a holiday (customary days only when <see cref="CustomaryDaysClosed"/>); else
/// its weekday's hours.
/// </summary>
/// <remarks>
/// Daylight saving: a local time maps to the first instant at which the desk's clock shows that time or later
/// (<see cref="At"/>). A time the clock skips in spring (02:30 on 2026-03-29 in Stockholm) is the moment of the
/// jump (03:00 CEST); a time it shows twice in autumn (02:30 on 2026-10-25) is its first showing (CEST). So a day
/// open 00:00–24:00 is 23 hours long in spring and 25 in autumn, and an interval lying wholly in the skipped hour
/// is empty that day.
/// </remarks>
public sealed class BusinessCalendar
{
    // A calendar closed this many days in a row is treated as never opening again.
    private const int MaxClosedDays = 366;

    private readonly ConcurrentDictionary<int, Dictionary<DateOnly, HolidayKind>> holidaysByYear = new();

    public BusinessCalendar(TimeZoneInfo timeZone, OpeningHours hours)
    {
        ArgumentNullException.ThrowIfNull(timeZone);
        ArgumentNullException.ThrowIfNull(hours);
        TimeZone = timeZone;
        Hours = hours;
    }

    public TimeZoneInfo TimeZone { get; }

    public OpeningHours Hours { get; }

    /// <summary>Whose public holidays close the desk; null for none.</summary>
    public HolidayCountry? HolidayCountry { get; init; }

    /// <summary>Whether customary closed days (Julafton, Grundlovsdag…) close the desk too.</summary>
    public bool CustomaryDaysClosed { get; init; } = true;

    public IReadOnlySet<DateOnly> ClosedDates { get; init; } = new HashSet<DateOnly>();

    /// <summary>Dates open with the hours given, whatever their weekday, holiday or closed date says.</summary>
    public IReadOnlyDictionary<DateOnly, IReadOnlyList<OpenInterval>> OpenDates { get; init; } =
        new Dictionary<DateOnly, IReadOnlyList<OpenInterval>>();

    public DateOnly LocalDate(DateTimeOffset instant) => DateOnly.FromDateTime(ToLocal(instant).DateTime);

    /// <summary>The instant as the desk's clock shows it (its offset is the desk's at that instant).</summary>
    public DateTimeOffset ToLocal(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, TimeZone);

    /// <summary>The first instant (UTC) at which the desk's clock shows <paramref name="timeOfDay"/> on <paramref name="date"/> or later.</summary>
    public DateTimeOffset At(DateOnly date, TimeSpan timeOfDay)
    {
        var local = date.ToDateTime(TimeOnly.MinValue) + timeOfDay;
        if (TimeZone.IsInvalidTime(local))
        {
            return EndOfGap(local);
        }

        var offset = TimeZone.IsAmbiguousTime(local) ? TimeZone.GetAmbiguousTimeOffsets(local).Max() : TimeZone.GetUtcOffset(local);
        return new DateTimeOffset(local, offset).ToUniversalTime();
    }

    /// <summary>The local opening hours of a date after holidays, closed and open dates.</summary>
    public IReadOnlyList<OpenInterval> HoursOn(DateOnly date)
    {
        if (OpenDates.TryGetValue(date, out var extra))
        {
            return extra;
        }

        return ClosedDates.Contains(date) || IsClosingHoliday(date) ? [] : Hours.On(date.DayOfWeek);
    }

    /// <summary>A date's open periods as instants; a period that daylight saving leaves empty is left out.</summary>
    public IReadOnlyList<OpenPeriod> PeriodsOn(DateOnly date) =>
        [.. HoursOn(date).Select(i => new OpenPeriod(At(date, i.Start), At(date, i.End))).Where(p => p.Start < p.End)];

    public bool IsWorkingDay(DateOnly date) => PeriodsOn(date).Count > 0;

    public DateOnly NextWorkingDay(DateOnly after)
    {
        for (int i = 1; i <= MaxClosedDays; i++)
        {
            var date = after.AddDays(i);
            if (IsWorkingDay(date))
            {
                return date;
            }
        }

        throw NeverOpen(after);
    }

    public bool IsOpen(DateTimeOffset instant) => TryNextPeriod(instant, out var period) && period.Start <= instant;

    /// <summary>The instant itself when open, else the next opening (UTC).</summary>
    public DateTimeOffset NextOpening(DateTimeOffset instant) =>
        TryNextPeriod(instant, out var period) ? Later(period.Start, instant) : throw NeverOpen(instant);

    /// <summary>
    /// The instant (UTC) at which <paramref name="duration"/> of open time has passed, counting from the first open
    /// moment at or after <paramref name="start"/>; a duration that ends exactly at a closing gives the closing.
    /// </summary>
    public DateTimeOffset AddBusinessTime(DateTimeOffset start, TimeSpan duration)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(duration, TimeSpan.Zero);
        var remaining = duration;
        foreach (var period in PeriodsFrom(start))
        {
            var from = Later(period.Start, start);
            if (remaining <= period.End - from)
            {
                return from + remaining;
            }

            remaining -= period.End - from;
        }

        throw NeverOpen(start);
    }

    private bool IsClosingHoliday(DateOnly date) =>
        HolidayCountry is { } country
        && holidaysByYear.GetOrAdd(date.Year, year => PublicHolidays.Of(country, year)
            .GroupBy(h => h.Date)
            .ToDictionary(g => g.Key, g => g.Min(h => h.Kind))) // Official sorts first: it wins a shared date
            .TryGetValue(date, out var kind)
        && (kind == HolidayKind.Official || CustomaryDaysClosed);

    private bool TryNextPeriod(DateTimeOffset instant, out OpenPeriod period)
    {
        foreach (var next in PeriodsFrom(instant))
        {
            period = next;
            return true;
        }

        period = default;
        return false;
    }

    /// <summary>Open periods not over at <paramref name="instant"/>, in order; ends after too long a closure.</summary>
    private IEnumerable<OpenPeriod> PeriodsFrom(DateTimeOffset instant)
    {
        // Start a day early: where midnight itself is shifted by daylight saving, yesterday can still be running.
        var date = LocalDate(instant).AddDays(-1);
        for (int closedDays = 0; closedDays <= MaxClosedDays; date = date.AddDays(1))
        {
            var periods = PeriodsOn(date);
            closedDays = periods.Count == 0 ? closedDays + 1 : 0;
            foreach (var period in periods.Where(p => p.End > instant))
            {
                yield return period;
            }
        }
    }

    // Binary search for the first instant whose local time is at least `local`. The local time only moves forward
    // within a day of a skipped hour (no real zone falls back and springs forward within one day).
    private DateTimeOffset EndOfGap(DateTime local)
    {
        long low = (local - TimeZone.BaseUtcOffset).AddDays(-1).Ticks;
        long high = (local - TimeZone.BaseUtcOffset).AddDays(1).Ticks;
        while (low < high)
        {
            long middle = low + (high - low) / 2;
            if (TimeZoneInfo.ConvertTimeFromUtc(new DateTime(middle, DateTimeKind.Utc), TimeZone) >= local)
            {
                high = middle;
            }
            else
            {
                low = middle + 1;
            }
        }

        return new DateTimeOffset(low, TimeSpan.Zero);
    }

    private static DateTimeOffset Later(DateTimeOffset a, DateTimeOffset b) => (a > b ? a : b).ToUniversalTime();

    private static InvalidOperationException NeverOpen(IFormattable from) =>
        new($"The calendar has no open time within {MaxClosedDays} days after {from.ToString("O", CultureInfo.InvariantCulture)}; check its opening hours and closed dates.");
}
