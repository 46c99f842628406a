using System.Globalization;
using Triage.Core.Policies;

namespace Triage.Core.Tests.Policies;

public sealed class PublicHolidaysTests
{
    private static Holiday? Find(HolidayCountry country, string date)
    {
        var day = DateOnly.Parse(date, CultureInfo.InvariantCulture);
        return PublicHolidays.Of(country, day.Year).SingleOrDefault(h => h.Date == day);
    }

    [Theory]
    // Sweden: fixed, Easter-based, the Saturday rules and the customary eves.
    [InlineData(HolidayCountry.SE, "2026-01-06", "Trettondedag jul", HolidayKind.Official)]
    [InlineData(HolidayCountry.SE, "2024-03-29", "Långfredagen", HolidayKind.Official)]
    [InlineData(HolidayCountry.SE, "2025-04-21", "Annandag påsk", HolidayKind.Official)]
    [InlineData(HolidayCountry.SE, "2026-05-14", "Kristi himmelsfärdsdag", HolidayKind.Official)]
    [InlineData(HolidayCountry.SE, "2027-05-16", "Pingstdagen", HolidayKind.Official)]
    [InlineData(HolidayCountry.SE, "2038-06-03", "Kristi himmelsfärdsdag", HolidayKind.Official)]
    [InlineData(HolidayCountry.SE, "2025-06-06", "Sveriges nationaldag", HolidayKind.Official)]
    [InlineData(HolidayCountry.SE, "2024-06-21", "Midsommarafton", HolidayKind.Customary)]
    [InlineData(HolidayCountry.SE, "2024-06-22", "Midsommardagen", HolidayKind.Official)]
    [InlineData(HolidayCountry.SE, "2026-06-19", "Midsommarafton", HolidayKind.Customary)]
    [InlineData(HolidayCountry.SE, "2026-06-20", "Midsommardagen", HolidayKind.Official)]
    [InlineData(HolidayCountry.SE, "2027-06-26", "Midsommardagen", HolidayKind.Official)]
    [InlineData(HolidayCountry.SE, "2024-11-02", "Alla helgons dag", HolidayKind.Official)]
    [InlineData(HolidayCountry.SE, "2026-10-31", "Alla helgons dag", HolidayKind.Official)]
    [InlineData(HolidayCountry.SE, "2027-11-06", "Alla helgons dag", HolidayKind.Official)]
    [InlineData(HolidayCountry.SE, "2026-12-24", "Julafton", HolidayKind.Customary)]
    [InlineData(HolidayCountry.SE, "2026-12-31", "Nyårsafton", HolidayKind.Customary)]
    [InlineData(HolidayCountry.SE, "2004-05-31", "Annandag pingst", HolidayKind.Official)]
    // Norway
    [InlineData(HolidayCountry.NO, "2026-04-02", "Skjærtorsdag", HolidayKind.Official)]
    [InlineData(HolidayCountry.NO, "2025-04-18", "Langfredag", HolidayKind.Official)]
    [InlineData(HolidayCountry.NO, "2026-05-01", "1. mai", HolidayKind.Official)]
    [InlineData(HolidayCountry.NO, "2026-05-17", "17. mai", HolidayKind.Official)]
    [InlineData(HolidayCountry.NO, "2024-05-09", "Kristi himmelfartsdag", HolidayKind.Official)]
    [InlineData(HolidayCountry.NO, "2025-06-09", "Andre pinsedag", HolidayKind.Official)]
    [InlineData(HolidayCountry.NO, "2038-06-14", "Andre pinsedag", HolidayKind.Official)]
    [InlineData(HolidayCountry.NO, "2026-12-24", "Julaften", HolidayKind.Customary)]
    // Denmark
    [InlineData(HolidayCountry.DK, "2027-03-25", "Skærtorsdag", HolidayKind.Official)]
    [InlineData(HolidayCountry.DK, "2023-05-05", "Store bededag", HolidayKind.Official)]
    [InlineData(HolidayCountry.DK, "2026-05-25", "2. pinsedag", HolidayKind.Official)]
    [InlineData(HolidayCountry.DK, "2025-06-05", "Grundlovsdag", HolidayKind.Customary)]
    [InlineData(HolidayCountry.DK, "2025-12-24", "Juleaftensdag", HolidayKind.Customary)]
    // Finland
    [InlineData(HolidayCountry.FI, "2026-01-06", "Loppiainen", HolidayKind.Official)]
    [InlineData(HolidayCountry.FI, "2025-05-01", "Vappu", HolidayKind.Official)]
    [InlineData(HolidayCountry.FI, "2025-05-29", "Helatorstai", HolidayKind.Official)]
    [InlineData(HolidayCountry.FI, "2025-06-20", "Juhannusaatto", HolidayKind.Customary)]
    [InlineData(HolidayCountry.FI, "2025-06-21", "Juhannuspäivä", HolidayKind.Official)]
    [InlineData(HolidayCountry.FI, "2025-11-01", "Pyhäinpäivä", HolidayKind.Official)]
    [InlineData(HolidayCountry.FI, "2027-12-06", "Itsenäisyyspäivä", HolidayKind.Official)]
    [InlineData(HolidayCountry.FI, "2026-12-26", "Tapaninpäivä", HolidayKind.Official)]
    // Netherlands: Koningsdag moves back to Saturday when 27 April is a Sunday.
    [InlineData(HolidayCountry.NL, "2025-04-26", "Koningsdag", HolidayKind.Official)]
    [InlineData(HolidayCountry.NL, "2026-04-27", "Koningsdag", HolidayKind.Official)]
    [InlineData(HolidayCountry.NL, "2014-04-26", "Koningsdag", HolidayKind.Official)]
    [InlineData(HolidayCountry.NL, "2006-04-29", "Koninginnedag", HolidayKind.Official)]
    [InlineData(HolidayCountry.NL, "2013-04-30", "Koninginnedag", HolidayKind.Official)]
    [InlineData(HolidayCountry.NL, "2025-05-05", "Bevrijdingsdag", HolidayKind.Official)]
    [InlineData(HolidayCountry.NL, "2026-05-05", "Bevrijdingsdag", HolidayKind.Customary)]
    [InlineData(HolidayCountry.NL, "2030-05-05", "Bevrijdingsdag", HolidayKind.Official)]
    [InlineData(HolidayCountry.NL, "2026-05-14", "Hemelvaartsdag", HolidayKind.Official)]
    [InlineData(HolidayCountry.NL, "2027-05-17", "Tweede Pinksterdag", HolidayKind.Official)]
    // Belgium
    [InlineData(HolidayCountry.BE, "2026-04-06", "Paasmaandag", HolidayKind.Official)]
    [InlineData(HolidayCountry.BE, "2026-05-01", "Feest van de Arbeid", HolidayKind.Official)]
    [InlineData(HolidayCountry.BE, "2025-05-29", "Onze-Lieve-Heer-Hemelvaart", HolidayKind.Official)]
    [InlineData(HolidayCountry.BE, "2024-05-20", "Pinkstermaandag", HolidayKind.Official)]
    [InlineData(HolidayCountry.BE, "2025-07-21", "Nationale feestdag", HolidayKind.Official)]
    [InlineData(HolidayCountry.BE, "2025-08-15", "Onze-Lieve-Vrouw-Hemelvaart", HolidayKind.Official)]
    [InlineData(HolidayCountry.BE, "2027-11-01", "Allerheiligen", HolidayKind.Official)]
    [InlineData(HolidayCountry.BE, "2026-11-11", "Wapenstilstand", HolidayKind.Official)]
    public void Of_KnownDate_HolidayWithNameAndKind(HolidayCountry country, string date, string localName, HolidayKind kind)
    {
        var holiday = Find(country, date);

        Assert.NotNull(holiday);
        Assert.Equal(localName, holiday.LocalName);
        Assert.Equal(kind, holiday.Kind);
        Assert.False(string.IsNullOrWhiteSpace(holiday.EnglishName));
    }

    [Theory]
    [InlineData(HolidayCountry.SE, "2026-04-02")] // Skärtorsdagen is a working day in Sweden
    [InlineData(HolidayCountry.SE, "2026-05-25")] // Annandag pingst gave way to Nationaldagen in 2005
    [InlineData(HolidayCountry.DK, "2024-04-26")] // Store bededag abolished from 2024
    [InlineData(HolidayCountry.DK, "2026-05-01")]
    [InlineData(HolidayCountry.NL, "2025-04-27")] // Koningsdag moved to the Saturday
    [InlineData(HolidayCountry.NL, "2026-04-03")] // Goede Vrijdag is no general day off
    [InlineData(HolidayCountry.BE, "2026-04-03")]
    [InlineData(HolidayCountry.BE, "2026-12-26")]
    [InlineData(HolidayCountry.FI, "2026-12-31")]
    public void Of_OrdinaryDate_NoHoliday(HolidayCountry country, string date)
    {
        Assert.Null(Find(country, date));
    }

    [Theory]
    [InlineData(HolidayCountry.SE, 2026, 13, 3)]
    [InlineData(HolidayCountry.NO, 2026, 12, 2)]
    [InlineData(HolidayCountry.DK, 2023, 11, 3)]
    [InlineData(HolidayCountry.DK, 2024, 10, 3)]
    [InlineData(HolidayCountry.FI, 2026, 13, 2)]
    [InlineData(HolidayCountry.NL, 2025, 10, 0)]
    [InlineData(HolidayCountry.NL, 2026, 9, 1)]
    [InlineData(HolidayCountry.BE, 2026, 10, 0)]
    public void Of_Year_CountsOfOfficialAndCustomaryDays(HolidayCountry country, int year, int official, int customary)
    {
        var holidays = PublicHolidays.Of(country, year);

        Assert.Equal(official, holidays.Count(h => h.Kind == HolidayKind.Official));
        Assert.Equal(customary, holidays.Count(h => h.Kind == HolidayKind.Customary));
    }

    [Fact]
    public void Of_ManyYears_SaturdayRulesHoldAndListSortedWithinYear()
    {
        for (int year = PublicHolidays.FirstYear; year <= 2200; year++)
        {
            foreach (var country in Enum.GetValues<HolidayCountry>())
            {
                var holidays = PublicHolidays.Of(country, year);
                Assert.All(holidays, h => Assert.Equal(year, h.Date.Year));
                Assert.Equal(holidays.OrderBy(h => h.Date), holidays);
            }

            var sweden = PublicHolidays.Of(HolidayCountry.SE, year);
            var midsummer = sweden.Single(h => h.LocalName == "Midsommardagen").Date;
            Assert.Equal(DayOfWeek.Saturday, midsummer.DayOfWeek);
            Assert.InRange(midsummer, new DateOnly(year, 6, 20), new DateOnly(year, 6, 26));
            Assert.Equal(midsummer.AddDays(-1), sweden.Single(h => h.LocalName == "Midsommarafton").Date);
            var allSaints = PublicHolidays.Of(HolidayCountry.FI, year).Single(h => h.LocalName == "Pyhäinpäivä").Date;
            Assert.Equal(DayOfWeek.Saturday, allSaints.DayOfWeek);
            Assert.InRange(allSaints, new DateOnly(year, 10, 31), new DateOnly(year, 11, 6));
            var kingsDay = PublicHolidays.Of(HolidayCountry.NL, year).Single(h => h.EnglishName is "King's Day" or "Queen's Day").Date;
            Assert.NotEqual(DayOfWeek.Sunday, kingsDay.DayOfWeek);
        }
    }

    [Fact]
    public void Of_YearBeforeFirstYear_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => PublicHolidays.Of(HolidayCountry.SE, PublicHolidays.FirstYear - 1));
    }
}
