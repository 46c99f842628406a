namespace Triage.Core.Policies;

/// <summary>A first-response promise: when a ticket received at some instant is due.</summary>
public abstract class SlaTier
{
    protected SlaTier(string name, BusinessCalendar calendar)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(calendar);
        Name = name;
        Calendar = calendar;
    }

    public string Name { get; }

    public BusinessCalendar Calendar { get; }

    /// <summary>The due time as a UTC instant.</summary>
    public abstract DateTimeOffset DueAt(DateTimeOffset received);
}

/// <summary>
/// Same working day before the cut-off: a ticket received on a working day before that day's cut-off is due at the
/// day's closing time; any other ticket is due at the next working day's cut-off. A day's cut-off is the earlier of
/// <see cref="CutOff"/> and its closing time, so a Saturday closing at 13:00 has its cut-off at 13:00.
/// </summary>
public sealed class CutOffTier(string name, BusinessCalendar calendar, TimeOnly cutOff) : SlaTier(name, calendar)
{
    public TimeOnly CutOff { get; } = cutOff;

    public override DateTimeOffset DueAt(DateTimeOffset received)
    {
        var day = Calendar.LocalDate(received);
        if (Calendar.PeriodsOn(day) is [.., var last] && received < CutOffOf(day, last))
        {
            return last.End;
        }

        var next = Calendar.NextWorkingDay(day);
        return CutOffOf(next, Calendar.PeriodsOn(next)[^1]);
    }

    private DateTimeOffset CutOffOf(DateOnly day, OpenPeriod last)
    {
        var cutOff = Calendar.At(day, CutOff.ToTimeSpan());
        return cutOff < last.End ? cutOff : last.End;
    }
}

/// <summary>Within a number of business hours of the tier's own calendar (which may be open every day).</summary>
public sealed class BusinessHoursTier(string name, BusinessCalendar calendar, TimeSpan within) : SlaTier(name, calendar)
{
    public TimeSpan Within { get; } = within > TimeSpan.Zero ? within : throw new ArgumentOutOfRangeException(nameof(within), within, "A response time must be positive.");

    public override DateTimeOffset DueAt(DateTimeOffset received) => Calendar.AddBusinessTime(received, Within);
}
