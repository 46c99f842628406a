using Triage.Core.Policies;

namespace Triage.Core.Tests.Policies;

public sealed class DeskOptionsTests
{
    [Fact]
    public void CreateDesk_Defaults_ShippedStockholmDesk()
    {
        var desk = new DeskOptions().CreateDesk();

        Assert.Empty(new DeskOptions().Validate());
        Assert.Equal("Europe/Stockholm", desk.Calendar.TimeZone.Id);
        Assert.Equal("Mon 08:00-17:00; Tue 08:00-17:00; Wed 08:00-17:00; Thu 08:00-17:00; Fri 08:00-17:00", desk.Calendar.Hours.ToString());
        Assert.Equal(HolidayCountry.SE, desk.Calendar.HolidayCountry);
        Assert.Equal(new TimeOnly(16, 0), Assert.IsType<CutOffTier>(desk.Tiers["standard"]).CutOff);
        var priority = Assert.IsType<BusinessHoursTier>(desk.Tiers["priority"]);
        Assert.Equal(TimeSpan.FromHours(4), priority.Within);
        Assert.Null(priority.Calendar.HolidayCountry);
        Assert.NotEmpty(desk.OnCallPhone);
    }

    [Fact]
    public void CreateDesk_OpenDates_BareDateTakesWeekdayHoursAndExplicitHoursWin()
    {
        var desk = new DeskOptions { OpenDates = ["2026-01-06", "2026-12-27 10:00-14:00"] }.CreateDesk();

        Assert.True(desk.Calendar.IsOpen(DateTimeOffset.Parse("2026-01-06T16:30+01:00", System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal("10:00-14:00", Assert.Single(desk.Calendar.HoursOn(new DateOnly(2026, 12, 27))).ToString());
    }

    [Fact]
    public void CreateDesk_PriorityTierNotOpenOnHolidays_KeepsDeskHolidaysAndClosedDates()
    {
        var closed = new DateOnly(2026, 3, 10);
        var desk = new DeskOptions
        {
            ClosedDates = [closed],
            Tiers = new Dictionary<string, SlaTierOptions>
            {
                ["standard"] = new(),
                ["priority"] = new() { Rule = SlaRule.BusinessHours, Hours = 4, OpeningHours = "Mon-Sun 08:00-20:00" },
            },
        }.CreateDesk();

        var calendar = desk.Tiers["priority"].Calendar;
        Assert.Equal(HolidayCountry.SE, calendar.HolidayCountry);
        Assert.False(calendar.IsWorkingDay(closed));
        Assert.False(calendar.IsWorkingDay(new DateOnly(2026, 12, 25)));
        Assert.True(calendar.IsWorkingDay(new DateOnly(2026, 3, 15)));
    }

    public static TheoryData<DeskOptions, string> InvalidDesks => new()
    {
        { new DeskOptions { Name = " " }, "Name is empty." },
        { new DeskOptions { TimeZone = "Europe/Stokholm" }, "TimeZone 'Europe/Stokholm' is not a known time zone id" },
        { new DeskOptions { OpeningHours = "Mon-Fri 8-17" }, "'8-17' is not an interval like 08:00-17:00." },
        { new DeskOptions { OpeningHours = "" }, "OpeningHours names no open time." },
        { new DeskOptions { HolidayCountry = (HolidayCountry)42 }, "HolidayCountry '42' is not one of SE, NO, DK, FI, NL, BE." },
        { new DeskOptions { OnCallPhone = "call us" }, "OnCallPhone 'call us' is not a phone number." },
        { new DeskOptions { OpenDates = ["27-12-2026"] }, "OpenDates entry '27-12-2026' does not start with a date like 2026-12-27." },
        { new DeskOptions { OpenDates = ["2026-12-27"] }, "is a Sunday, which has no regular hours; give its hours, e.g. '2026-12-27 10:00-14:00'." },
        { new DeskOptions { OpenDates = ["2026-12-27 14:00-10:00"] }, "OpenDates entry '2026-12-27 14:00-10:00': '14:00-10:00' ends before it starts" },
        { new DeskOptions { OpenDates = ["2026-01-06"], ClosedDates = [new DateOnly(2026, 1, 6)] }, "2026-01-06 is both a closed date and an open date." },
        { WithTiers(("priority", new SlaTierOptions { Rule = SlaRule.BusinessHours, Hours = 4 })), "Tiers has no 'standard' tier" },
        { WithTiers(("standard", new SlaTierOptions { Hours = 8 })), "tier 'standard': Hours applies only to the BusinessHours rule" },
        { WithTiers(("standard", new()), ("priority", new SlaTierOptions { Rule = SlaRule.BusinessHours })), "tier 'priority': Hours must be a number of business hours above 0" },
        { WithTiers(("standard", new()), ("priority", new SlaTierOptions { Rule = SlaRule.BusinessHours, Hours = -1 })), "tier 'priority': Hours must be" },
        { WithTiers(("standard", new()), ("priority", new SlaTierOptions { Rule = SlaRule.BusinessHours, Hours = 4, OpeningHours = "Daily 08:00-20:00" })), "tier 'priority': Opening hours 'Daily 08:00-20:00': 'Daily' is not a day" },
        { WithTiers(("standard", new()), ("priority", new SlaTierOptions { Rule = SlaRule.BusinessHours, Hours = 4, OpenOnHolidays = true })), "tier 'priority': OpenOnHolidays needs the tier's own OpeningHours." },
        { WithTiers(("standard", new SlaTierOptions { Rule = (SlaRule)7 })), "tier 'standard': Rule '7' is not one of CutOff, BusinessHours." },
    };

    private static DeskOptions WithTiers(params (string Name, SlaTierOptions Tier)[] tiers) =>
        new() { Tiers = tiers.ToDictionary(t => t.Name, t => t.Tier) };

    [Theory]
    [MemberData(nameof(InvalidDesks))]
    public void Validate_InvalidSetting_MessageNamesDeskAndSetting(DeskOptions options, string expected)
    {
        var error = Assert.Single(options.Validate());

        Assert.StartsWith($"Desk '{options.Name}': ", error, StringComparison.Ordinal);
        Assert.Contains(expected, error, StringComparison.Ordinal);
        var thrown = Assert.Throws<InvalidOperationException>(options.CreateDesk);
        Assert.Equal(error, thrown.Message);
    }

    [Fact]
    public void Validate_SeveralProblems_ReportsEach()
    {
        var errors = new DeskOptions { TimeZone = "Mars/Olympus", OpeningHours = "Mon 9-5", OnCallPhone = "" }.Validate();

        Assert.Equal(3, errors.Count);
    }
}
