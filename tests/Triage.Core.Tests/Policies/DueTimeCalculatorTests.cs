using System.Globalization;
using Triage.Core.Policies;

namespace Triage.Core.Tests.Policies;

/// <summary>
/// Due times worked out by hand. Standard: received on a working day before min(cut-off, closing) → that day's
/// closing; else the next working day's min(cut-off, closing). Priority (default): 4 h of 08:00–20:00 every day.
/// Times are written in the desk's local offset (Stockholm +01:00 in winter, +02:00 from 2026-03-29 to 2026-10-25).
/// </summary>
public sealed class DueTimeCalculatorTests
{
    private static readonly Dictionary<string, DueTimeCalculator> Desks = new()
    {
        // Europe/Stockholm, Mon–Fri 08:00–17:00, cut-off 16:00, SE holidays and customary days closed.
        ["se"] = Calculator(new DeskOptions()),
        ["se-eves-open"] = Calculator(new DeskOptions { Name = "se-eves-open", CustomaryDaysClosed = false }),
        ["se-lunch"] = Calculator(new DeskOptions
        {
            Name = "se-lunch",
            OpeningHours = "Mon-Fri 09:00-11:30,12:00-15:30; Sat 09:00-13:00",
            Tiers = new Dictionary<string, SlaTierOptions>
            {
                ["standard"] = new(),
                ["priority"] = new() { Rule = SlaRule.BusinessHours, Hours = 2 },
            },
        }),
        ["no"] = Calculator(new DeskOptions
        {
            Name = "no", TimeZone = "Europe/Oslo", OpeningHours = "Mon-Fri 08:00-16:00", CutOff = new(15, 0), HolidayCountry = HolidayCountry.NO,
        }),
        ["dk"] = Calculator(new DeskOptions { Name = "dk", TimeZone = "Europe/Copenhagen", HolidayCountry = HolidayCountry.DK }),
        ["fi"] = Calculator(new DeskOptions
        {
            Name = "fi", TimeZone = "Europe/Helsinki", OpeningHours = "Mon-Fri 08:00-16:00", CutOff = new(15, 0), HolidayCountry = HolidayCountry.FI,
        }),
        ["nl"] = Calculator(new DeskOptions
        {
            Name = "nl", TimeZone = "Europe/Amsterdam", OpeningHours = "Mon-Fri 09:00-17:00; Sat 10:00-14:00", HolidayCountry = HolidayCountry.NL,
        }),
        ["nl-5mei-open"] = Calculator(new DeskOptions
        {
            Name = "nl-5mei-open", TimeZone = "Europe/Amsterdam", OpeningHours = "Mon-Fri 09:00-17:00", HolidayCountry = HolidayCountry.NL, CustomaryDaysClosed = false,
        }),
        ["be"] = Calculator(new DeskOptions
        {
            Name = "be", TimeZone = "Europe/Brussels", OpeningHours = "Mon-Fri 08:30-12:00,13:00-17:00", HolidayCountry = HolidayCountry.BE,
        }),
    };

    private static DueTimeCalculator Calculator(DeskOptions options) => new(options.CreateDesk());

    private static DateTimeOffset Instant(string iso) => DateTimeOffset.Parse(iso, CultureInfo.InvariantCulture);

    [Theory]
    // Sweden, ordinary weeks (Tue 2026-03-10, Fri 03-13).
    [InlineData("se", "2026-03-10T10:00+01:00", "2026-03-10T17:00+01:00")]
    [InlineData("se", "2026-03-10T06:00+01:00", "2026-03-10T17:00+01:00")] // before opening: same day
    [InlineData("se", "2026-03-10T15:59+01:00", "2026-03-10T17:00+01:00")]
    [InlineData("se", "2026-03-10T16:00+01:00", "2026-03-11T16:00+01:00")] // at the cut-off: next day
    [InlineData("se", "2026-03-10T22:00+01:00", "2026-03-11T16:00+01:00")]
    [InlineData("se", "2026-03-10T14:30Z", "2026-03-10T17:00+01:00")]       // 15:30 local
    [InlineData("se", "2026-03-10T15:30Z", "2026-03-11T16:00+01:00")]       // 16:30 local
    [InlineData("se", "2026-03-13T16:30+01:00", "2026-03-16T16:00+01:00")] // Friday late → Monday
    [InlineData("se", "2026-03-14T10:00+01:00", "2026-03-16T16:00+01:00")] // Saturday
    [InlineData("se", "2026-03-15T23:59+01:00", "2026-03-16T16:00+01:00")] // Sunday night
    // Sweden, both daylight-saving changes of 2026.
    [InlineData("se", "2026-03-27T16:30+01:00", "2026-03-30T16:00+02:00")]
    [InlineData("se", "2026-03-29T01:30Z", "2026-03-30T16:00+02:00")]       // 03:30 CEST, just after the jump
    [InlineData("se", "2026-03-30T07:59+02:00", "2026-03-30T17:00+02:00")]
    [InlineData("se", "2026-10-23T16:01+02:00", "2026-10-26T16:00+01:00")]
    [InlineData("se", "2026-10-25T02:30+02:00", "2026-10-26T16:00+01:00")] // first 02:30
    [InlineData("se", "2026-10-25T02:30+01:00", "2026-10-26T16:00+01:00")] // second 02:30
    [InlineData("se", "2026-10-26T15:00+01:00", "2026-10-26T17:00+01:00")]
    // Sweden, holidays over several years.
    [InlineData("se", "2024-03-28T16:30+01:00", "2024-04-02T16:00+02:00")] // Långfredagen, Annandag påsk 2024
    [InlineData("se", "2025-04-17T16:30+02:00", "2025-04-22T16:00+02:00")] // Easter 2025
    [InlineData("se", "2026-04-02T15:00+02:00", "2026-04-02T17:00+02:00")] // Skärtorsdagen works
    [InlineData("se", "2026-04-02T16:30+02:00", "2026-04-07T16:00+02:00")] // Easter 2026
    [InlineData("se", "2027-03-25T16:30+01:00", "2027-03-30T16:00+02:00")] // Easter 2027, DST on Easter Day
    [InlineData("se", "2026-05-13T16:30+02:00", "2026-05-15T16:00+02:00")] // Kristi himmelsfärdsdag
    [InlineData("se", "2038-06-02T16:30+02:00", "2038-06-04T16:00+02:00")] // Kristi himmelsfärdsdag 2038
    [InlineData("se", "2025-06-05T16:30+02:00", "2025-06-09T16:00+02:00")] // Nationaldagen; Whit Monday works
    [InlineData("se", "2026-06-18T16:30+02:00", "2026-06-22T16:00+02:00")] // Midsommarafton closed
    [InlineData("se-eves-open", "2026-06-18T16:30+02:00", "2026-06-19T16:00+02:00")]
    [InlineData("se", "2026-12-23T16:30+01:00", "2026-12-28T16:00+01:00")] // Julafton, Juldagen
    [InlineData("se-eves-open", "2026-12-23T16:30+01:00", "2026-12-24T16:00+01:00")]
    [InlineData("se", "2026-12-30T16:30+01:00", "2027-01-04T16:00+01:00")] // Nyårsafton, Nyårsdagen
    [InlineData("se", "2027-01-05T16:30+01:00", "2027-01-07T16:00+01:00")] // Trettondedag jul
    // Sweden, split day with lunch and Saturday mornings: cut-off is min(16:00, closing).
    [InlineData("se-lunch", "2026-03-10T11:45+01:00", "2026-03-10T15:30+01:00")] // during lunch
    [InlineData("se-lunch", "2026-03-10T15:40+01:00", "2026-03-11T15:30+01:00")] // after closing, before 16:00
    [InlineData("se-lunch", "2026-03-13T15:40+01:00", "2026-03-14T13:00+01:00")] // Saturday's cut-off is its closing
    [InlineData("se-lunch", "2026-03-14T12:00+01:00", "2026-03-14T13:00+01:00")]
    [InlineData("se-lunch", "2026-03-14T13:30+01:00", "2026-03-16T15:30+01:00")]
    [InlineData("se-lunch", "2026-10-30T15:45+01:00", "2026-11-02T15:30+01:00")] // Alla helgons dag closes the Saturday
    // Norway (cut-off 15:00, closes 16:00).
    [InlineData("no", "2026-04-01T15:30+02:00", "2026-04-07T15:00+02:00")] // Skjærtorsdag to 2. påskedag
    [InlineData("no", "2025-04-16T16:00+02:00", "2025-04-22T15:00+02:00")]
    [InlineData("no", "2026-05-13T15:30+02:00", "2026-05-15T15:00+02:00")] // Kristi himmelfartsdag
    [InlineData("no", "2027-05-14T15:30+02:00", "2027-05-18T15:00+02:00")] // 17. mai = 2. pinsedag 2027
    [InlineData("no", "2025-04-30T15:30+02:00", "2025-05-02T15:00+02:00")] // 1. mai
    [InlineData("no", "2026-05-22T15:30+02:00", "2026-05-26T15:00+02:00")] // 2. pinsedag
    [InlineData("no", "2026-05-22T14:59+02:00", "2026-05-22T16:00+02:00")]
    // Denmark.
    [InlineData("dk", "2023-05-04T16:30+02:00", "2023-05-08T16:00+02:00")] // Store bededag 2023
    [InlineData("dk", "2024-04-25T16:30+02:00", "2024-04-26T16:00+02:00")] // no Store bededag from 2024
    [InlineData("dk", "2025-06-04T16:30+02:00", "2025-06-06T16:00+02:00")] // Grundlovsdag, customary
    [InlineData("dk", "2027-03-24T16:30+01:00", "2027-03-30T16:00+02:00")] // Skærtorsdag to 2. påskedag
    [InlineData("dk", "2025-12-23T16:30+01:00", "2025-12-29T16:00+01:00")] // Juleaftensdag to 2. juledag
    // Finland (cut-off 15:00, closes 16:00; +02:00 winter, +03:00 summer).
    [InlineData("fi", "2025-06-19T15:30+03:00", "2025-06-23T15:00+03:00")] // Juhannusaatto
    [InlineData("fi", "2027-12-03T15:30+02:00", "2027-12-07T15:00+02:00")] // Itsenäisyyspäivä on a Monday
    [InlineData("fi", "2026-01-05T15:30+02:00", "2026-01-07T15:00+02:00")] // Loppiainen
    [InlineData("fi", "2026-04-30T15:30+03:00", "2026-05-04T15:00+03:00")] // Vappu
    [InlineData("fi", "2025-05-28T15:30+03:00", "2025-05-30T15:00+03:00")] // Helatorstai
    [InlineData("fi", "2026-10-23T15:30+03:00", "2026-10-26T15:00+02:00")] // autumn change
    // Netherlands (Saturday 10:00–14:00).
    [InlineData("nl", "2025-04-25T16:30+02:00", "2025-04-28T16:00+02:00")] // Koningsdag moved to Saturday 26 April
    [InlineData("nl", "2026-04-25T14:30+02:00", "2026-04-28T16:00+02:00")] // Koningsdag Monday 27 April
    [InlineData("nl", "2026-04-24T16:30+02:00", "2026-04-25T14:00+02:00")]
    [InlineData("nl", "2025-05-03T14:30+02:00", "2025-05-06T16:00+02:00")] // Bevrijdingsdag 2025, lustrum
    [InlineData("nl", "2026-05-04T16:30+02:00", "2026-05-06T16:00+02:00")] // Bevrijdingsdag 2026, customary, closed
    [InlineData("nl-5mei-open", "2026-05-04T16:30+02:00", "2026-05-05T16:00+02:00")]
    [InlineData("nl", "2026-05-13T16:30+02:00", "2026-05-15T16:00+02:00")] // Hemelvaartsdag
    [InlineData("nl", "2026-05-23T14:30+02:00", "2026-05-26T16:00+02:00")] // Tweede Pinksterdag
    [InlineData("nl", "2026-03-28T14:30+01:00", "2026-03-30T16:00+02:00")] // spring change
    // Belgium (split 08:30–12:00, 13:00–17:00).
    [InlineData("be", "2026-04-03T10:00+02:00", "2026-04-03T17:00+02:00")] // Good Friday works
    [InlineData("be", "2026-04-03T16:30+02:00", "2026-04-07T16:00+02:00")] // Paasmaandag
    [InlineData("be", "2025-07-18T16:30+02:00", "2025-07-22T16:00+02:00")] // Nationale feestdag
    [InlineData("be", "2025-08-14T16:30+02:00", "2025-08-18T16:00+02:00")] // OLV Hemelvaart
    [InlineData("be", "2026-11-10T16:30+01:00", "2026-11-12T16:00+01:00")] // Wapenstilstand
    [InlineData("be", "2026-11-10T12:30+01:00", "2026-11-10T17:00+01:00")] // during lunch
    [InlineData("be", "2027-10-29T16:30+02:00", "2027-11-02T16:00+01:00")] // Allerheiligen after the autumn change
    [InlineData("be", "2038-06-11T16:30+02:00", "2038-06-15T16:00+02:00")] // Pinkstermaandag 2038
    public void DueAt_Standard_SameDayBeforeCutOffElseNextCutOff(string desk, string received, string expected)
    {
        var due = Desks[desk].DueAt(Instant(received), DeskOptions.StandardTier);

        Assert.Equal(Instant(expected), due);
        Assert.Equal(TimeSpan.Zero, due.Offset);
    }

    [Theory]
    [InlineData("se", "2026-03-10T10:00+01:00", "2026-03-10T14:00+01:00")]
    [InlineData("se", "2026-03-14T22:00+01:00", "2026-03-15T12:00+01:00")] // Saturday night → Sunday
    [InlineData("se", "2026-04-03T10:00+02:00", "2026-04-03T14:00+02:00")] // Långfredagen is covered
    [InlineData("se", "2026-12-25T18:00+01:00", "2026-12-26T10:00+01:00")] // Juldagen evening
    [InlineData("se", "2026-03-28T19:00+01:00", "2026-03-29T11:00+02:00")] // into the spring change
    [InlineData("se", "2026-10-24T19:00+02:00", "2026-10-25T11:00+01:00")] // into the autumn change
    [InlineData("nl", "2026-04-27T19:00+02:00", "2026-04-28T11:00+02:00")] // Koningsdag evening
    [InlineData("fi", "2025-06-21T09:00+03:00", "2025-06-21T13:00+03:00")] // Juhannuspäivä
    [InlineData("se-lunch", "2026-03-10T10:30+01:00", "2026-03-10T13:00+01:00")] // 2 h over lunch
    [InlineData("se-lunch", "2026-03-13T15:00+01:00", "2026-03-14T10:30+01:00")] // into Saturday morning
    public void DueAt_Priority_BusinessHoursOfPriorityCalendar(string desk, string received, string expected)
    {
        Assert.Equal(Instant(expected), Desks[desk].DueAt(Instant(received), DeskOptions.PriorityTier));
    }

    [Fact]
    public void DueAt_TierNameInOtherCase_Found()
    {
        Assert.Equal(Instant("2026-03-10T17:00+01:00"), Desks["se"].DueAt(Instant("2026-03-10T10:00+01:00"), "Standard"));
    }

    [Fact]
    public void DueAt_UnknownTier_ThrowsNamingTiers()
    {
        var error = Assert.Throws<ArgumentException>(() => Desks["se"].DueAt(Instant("2026-03-10T10:00Z"), "gold"));

        Assert.Contains("no SLA tier 'gold'", error.Message, StringComparison.Ordinal);
        Assert.Contains("standard", error.Message, StringComparison.Ordinal);
    }
}
