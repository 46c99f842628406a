using System.Globalization;
using Triage.Core.Policies;

namespace Triage.Core.Tests.Policies;

public sealed class BusinessCalendarTests
{
    private static readonly TimeZoneInfo Stockholm = TimeZoneInfo.FindSystemTimeZoneById("Europe/Stockholm");

    private static BusinessCalendar Calendar(string hours, HolidayCountry? country = HolidayCountry.SE) =>
        new(Stockholm, OpeningHours.Parse(hours)) { HolidayCountry = country };

    private static DateTimeOffset Instant(string iso) => DateTimeOffset.Parse(iso, CultureInfo.InvariantCulture);

    private static DateOnly Date(string iso) => DateOnly.Parse(iso, CultureInfo.InvariantCulture);

    [Theory]
    [InlineData("2026-01-15", 12, 0, "2026-01-15T11:00Z")]
    [InlineData("2026-07-01", 12, 0, "2026-07-01T10:00Z")]
    [InlineData("2026-03-29", 1, 59, "2026-03-29T00:59Z")]
    [InlineData("2026-03-29", 2, 0, "2026-03-29T01:00Z")] // skipped: the moment of the jump
    [InlineData("2026-03-29", 2, 30, "2026-03-29T01:00Z")] // skipped: the moment of the jump
    [InlineData("2026-03-29", 3, 0, "2026-03-29T01:00Z")]
    [InlineData("2026-03-29", 3, 30, "2026-03-29T01:30Z")]
    [InlineData("2026-10-25", 1, 59, "2026-10-24T23:59Z")]
    [InlineData("2026-10-25", 2, 0, "2026-10-25T00:00Z")] // shown twice: the first (CEST) showing
    [InlineData("2026-10-25", 2, 30, "2026-10-25T00:30Z")] // shown twice: the first (CEST) showing
    [InlineData("2026-10-25", 3, 0, "2026-10-25T02:00Z")]
    [InlineData("2026-03-28", 24, 0, "2026-03-28T23:00Z")]
    public void At_LocalTime_FirstInstantShowingIt(string date, int hour, int minute, string expected)
    {
        var at = Calendar("Mon 08:00-17:00").At(Date(date), new TimeSpan(hour, minute, 0));

        Assert.Equal(Instant(expected), at);
        Assert.Equal(TimeSpan.Zero, at.Offset);
    }

    [Theory]
    [InlineData("2026-03-10T08:00+01:00", true)]  // Tuesday, opening
    [InlineData("2026-03-10T07:59:59+01:00", false)]
    [InlineData("2026-03-10T16:59:59+01:00", true)]
    [InlineData("2026-03-10T17:00+01:00", false)] // closing is not open
    [InlineData("2026-03-10T10:00Z", true)]       // 11:00 local
    [InlineData("2026-03-10T16:30Z", false)]      // 17:30 local
    [InlineData("2026-03-14T10:00+01:00", false)] // Saturday
    [InlineData("2026-04-03T10:00+02:00", false)] // Långfredagen
    [InlineData("2026-04-02T10:00+02:00", true)]  // Skärtorsdagen is a working day
    [InlineData("2026-06-19T10:00+02:00", false)] // Midsommarafton, customary
    [InlineData("2026-12-24T10:00+01:00", false)] // Julafton, customary
    public void IsOpen_Instant_FollowsHoursAndHolidays(string instant, bool expected)
    {
        Assert.Equal(expected, Calendar("Mon-Fri 08:00-17:00").IsOpen(Instant(instant)));
    }

    [Theory]
    [InlineData("2026-06-19", true)]   // Midsommarafton
    [InlineData("2026-12-24", true)]   // Julafton
    [InlineData("2026-12-25", false)]  // Juldagen is official either way
    public void IsWorkingDay_CustomaryDaysOpen_OnlyCustomaryDaysWork(string date, bool expected)
    {
        var calendar = new BusinessCalendar(Stockholm, OpeningHours.Parse("Mon-Fri 08:00-17:00"))
        {
            HolidayCountry = HolidayCountry.SE,
            CustomaryDaysClosed = false,
        };

        Assert.Equal(expected, calendar.IsWorkingDay(Date(date)));
    }

    [Fact]
    public void HoursOn_ClosedAndOpenDates_OverrideWeekAndHolidays()
    {
        var extra = new OpenInterval(TimeSpan.FromHours(10), TimeSpan.FromHours(14));
        var calendar = new BusinessCalendar(Stockholm, OpeningHours.Parse("Mon-Fri 08:00-17:00"))
        {
            HolidayCountry = HolidayCountry.SE,
            ClosedDates = new HashSet<DateOnly> { Date("2026-03-10") },
            OpenDates = new Dictionary<DateOnly, IReadOnlyList<OpenInterval>> { [Date("2026-01-06")] = [extra], [Date("2026-03-14")] = [extra] },
        };

        Assert.Empty(calendar.HoursOn(Date("2026-03-10")));           // closed date, a Tuesday
        Assert.Equal([extra], calendar.HoursOn(Date("2026-01-06")));  // open on Trettondedag jul
        Assert.Equal([extra], calendar.HoursOn(Date("2026-03-14")));  // open on a Saturday
        Assert.Equal(TimeSpan.FromHours(8), Assert.Single(calendar.HoursOn(Date("2026-03-11"))).Start);
    }

    [Theory]
    [InlineData("2026-03-10T10:00+01:00", "2026-03-10T10:00+01:00")] // open: itself
    [InlineData("2026-03-10T06:00+01:00", "2026-03-10T08:00+01:00")]
    [InlineData("2026-03-10T17:00+01:00", "2026-03-11T08:00+01:00")]
    [InlineData("2026-03-13T18:00+01:00", "2026-03-16T08:00+01:00")] // Friday evening → Monday
    [InlineData("2026-03-27T18:00+01:00", "2026-03-30T08:00+02:00")] // over the spring change
    [InlineData("2026-04-02T17:30+02:00", "2026-04-07T08:00+02:00")] // over Easter
    [InlineData("2026-12-23T17:30+01:00", "2026-12-28T08:00+01:00")] // over Christmas
    public void NextOpening_Instant_FirstOpenMoment(string instant, string expected)
    {
        var next = Calendar("Mon-Fri 08:00-17:00").NextOpening(Instant(instant));

        Assert.Equal(Instant(expected), next);
        Assert.Equal(TimeSpan.Zero, next.Offset);
    }

    [Theory]
    // Split day 09:00–11:30, 12:00–15:30 and Saturday 09:00–13:00.
    [InlineData("2026-03-10T10:30+01:00", 2.0, "2026-03-10T13:00+01:00")]  // across lunch
    [InlineData("2026-03-10T11:40+01:00", 2.0, "2026-03-10T14:00+01:00")]  // from lunch
    [InlineData("2026-03-10T10:30+01:00", 1.0, "2026-03-10T11:30+01:00")]  // ends at a closing: the closing
    [InlineData("2026-03-10T15:00+01:00", 2.0, "2026-03-11T10:30+01:00")]  // across the night
    [InlineData("2026-03-13T15:00+01:00", 2.0, "2026-03-14T10:30+01:00")]  // into Saturday morning
    [InlineData("2026-03-14T12:30+01:00", 2.0, "2026-03-16T10:30+01:00")]  // across Sunday
    [InlineData("2026-03-10T10:00+01:00", 14.0, "2026-03-12T12:30+01:00")] // Tue 5 h, Wed 6 h, Thu 2.5 h to lunch, then 0.5 h
    [InlineData("2026-04-02T15:00+02:00", 1.0, "2026-04-04T09:30+02:00")]  // Långfredagen closed; Påskafton is no holiday
    [InlineData("2026-04-04T12:30+02:00", 1.0, "2026-04-07T09:30+02:00")]  // Påskdagen (Sunday) and Annandag påsk closed
    [InlineData("2026-03-28T12:00+01:00", 2.0, "2026-03-30T10:00+02:00")]  // over the spring change
    [InlineData("2026-10-24T12:00+02:00", 2.0, "2026-10-26T10:00+01:00")]  // over the autumn change
    [InlineData("2026-03-10T20:00+01:00", 0.0, "2026-03-11T09:00+01:00")]  // nothing to add: the next opening
    public void AddBusinessTime_SplitDays_CountsOnlyOpenTime(string start, double hours, string expected)
    {
        var result = Calendar("Mon-Fri 09:00-11:30,12:00-15:30; Sat 09:00-13:00").AddBusinessTime(Instant(start), TimeSpan.FromHours(hours));

        Assert.Equal(Instant(expected), result);
        Assert.Equal(TimeSpan.Zero, result.Offset);
    }

    [Theory]
    [InlineData("2026-03-29T00:00+01:00", "2026-03-30T01:00+02:00")] // a 23-hour day: 24 h pass at 01:00 next day
    [InlineData("2026-10-25T00:00+02:00", "2026-10-25T23:00+01:00")] // a 25-hour day: 24 h pass at 23:00 the same day
    public void AddBusinessTime_AlwaysOpenAcrossChange_CountsRealTime(string start, string expected)
    {
        var result = Calendar("Mon-Sun 00:00-24:00", country: null).AddBusinessTime(Instant(start), TimeSpan.FromHours(24));

        Assert.Equal(Instant(expected), result);
    }

    [Theory]
    // A desk open 02:30–04:00 every night: on 2026-03-29 02:30 does not exist (open 03:00–04:00 CEST, 1 h);
    // on 2026-10-25 it exists twice (open from the first 02:30 CEST to 04:00 CET, 2.5 h).
    [InlineData("2026-03-29T00:59:59Z", false)]
    [InlineData("2026-03-29T01:00Z", true)]  // 03:00 CEST
    [InlineData("2026-03-29T01:59Z", true)]  // 03:59 CEST
    [InlineData("2026-03-29T02:00Z", false)] // 04:00 CEST
    [InlineData("2026-10-25T00:29Z", false)] // 02:29 CEST
    [InlineData("2026-10-25T00:30Z", true)]  // 02:30 CEST
    [InlineData("2026-10-25T01:30Z", true)]  // 02:30 CET, the second showing
    [InlineData("2026-10-25T02:59Z", true)]  // 03:59 CET
    [InlineData("2026-10-25T03:00Z", false)] // 04:00 CET
    public void IsOpen_NightDeskOnChangeDays_FollowsDocumentedRule(string instant, bool expected)
    {
        Assert.Equal(expected, Calendar("Mon-Sun 02:30-04:00", country: null).IsOpen(Instant(instant)));
    }

    [Theory]
    [InlineData("2026-03-28T01:30Z", 2.0, "2026-03-29T01:30Z")] // 1.5 h on the 28th, then 0.5 h from 03:00 CEST
    [InlineData("2026-10-25T00:30Z", 2.5, "2026-10-25T03:00Z")] // the whole long night
    [InlineData("2026-10-25T00:30Z", 3.0, "2026-10-26T02:00Z")] // 0.5 h more from 02:30 CET the next night
    public void AddBusinessTime_NightDeskOnChangeDays_FollowsDocumentedRule(string start, double hours, string expected)
    {
        var calendar = Calendar("Mon-Sun 02:30-04:00", country: null);

        Assert.Equal(Instant(expected), calendar.AddBusinessTime(Instant(start), TimeSpan.FromHours(hours)));
    }

    [Fact]
    public void PeriodsOn_IntervalInsideSkippedHour_NoWorkingDay()
    {
        var calendar = Calendar("Mon-Sun 02:00-03:00", country: null);

        Assert.False(calendar.IsWorkingDay(Date("2026-03-29")));
        Assert.True(calendar.IsWorkingDay(Date("2026-03-30")));
        Assert.Equal(Date("2026-03-30"), calendar.NextWorkingDay(Date("2026-03-28")));
    }

    [Fact]
    public void AddBusinessTime_NegativeDuration_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Calendar("Mon-Fri 08:00-17:00").AddBusinessTime(Instant("2026-03-10T10:00Z"), TimeSpan.FromMinutes(-1)));
    }

    [Fact]
    public void NextOpening_NeverOpen_ThrowsWithReason()
    {
        var calendar = Calendar("", country: null);

        var error = Assert.Throws<InvalidOperationException>(() => calendar.NextOpening(Instant("2026-03-10T10:00Z")));
        Assert.Contains("no open time", error.Message, StringComparison.Ordinal);
        Assert.False(calendar.IsOpen(Instant("2026-03-10T10:00Z")));
    }
}
