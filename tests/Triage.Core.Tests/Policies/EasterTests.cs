using Triage.Core.Policies;

namespace Triage.Core.Tests.Policies;

public sealed class EasterTests
{
    [Theory]
    [InlineData(1818, "1818-03-22")] // the earliest possible date
    [InlineData(1943, "1943-04-25")] // the latest possible date
    [InlineData(2000, "2000-04-23")]
    [InlineData(2008, "2008-03-23")]
    [InlineData(2011, "2011-04-24")]
    [InlineData(2018, "2018-04-01")]
    [InlineData(2019, "2019-04-21")]
    [InlineData(2023, "2023-04-09")]
    [InlineData(2024, "2024-03-31")]
    [InlineData(2025, "2025-04-20")]
    [InlineData(2026, "2026-04-05")]
    [InlineData(2027, "2027-03-28")]
    [InlineData(2028, "2028-04-16")]
    [InlineData(2029, "2029-04-01")]
    [InlineData(2030, "2030-04-21")]
    [InlineData(2035, "2035-03-25")]
    [InlineData(2038, "2038-04-25")]
    [InlineData(2285, "2285-03-22")]
    public void Sunday_KnownYear_KnownDate(int year, string expected)
    {
        Assert.Equal(DateOnly.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), Easter.Sunday(year));
    }

    [Fact]
    public void Sunday_EveryYear_SundayBetween22MarchAnd25April()
    {
        for (int year = 1583; year <= 9999; year++)
        {
            var easter = Easter.Sunday(year);
            Assert.Equal(DayOfWeek.Sunday, easter.DayOfWeek);
            Assert.InRange(easter, new DateOnly(year, 3, 22), new DateOnly(year, 4, 25));
        }
    }

    [Theory]
    [InlineData(1582)]
    [InlineData(10_000)]
    public void Sunday_OutsideGregorianDateRange_Throws(int year)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Easter.Sunday(year));
    }
}
