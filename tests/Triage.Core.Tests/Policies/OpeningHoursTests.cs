using Triage.Core.Policies;

namespace Triage.Core.Tests.Policies;

public sealed class OpeningHoursTests
{
    [Theory]
    [InlineData("Mon-Fri 08:00-17:00", "Mon 08:00-17:00; Tue 08:00-17:00; Wed 08:00-17:00; Thu 08:00-17:00; Fri 08:00-17:00")]
    [InlineData("Mon-Fri 09:00-11:30,12:00-15:30; Sat 09:00-13:00",
        "Mon 09:00-11:30,12:00-15:30; Tue 09:00-11:30,12:00-15:30; Wed 09:00-11:30,12:00-15:30; Thu 09:00-11:30,12:00-15:30; Fri 09:00-11:30,12:00-15:30; Sat 09:00-13:00")]
    [InlineData(" mon , WED  8:00-12:00 , 13:00-17:00 ;; ", "Mon 08:00-12:00,13:00-17:00; Wed 08:00-12:00,13:00-17:00")]
    [InlineData("Fri-Mon 00:00-24:00", "Mon 00:00-24:00; Fri 00:00-24:00; Sat 00:00-24:00; Sun 00:00-24:00")]
    [InlineData("Mon-Sun 08:00-20:00", "Mon 08:00-20:00; Tue 08:00-20:00; Wed 08:00-20:00; Thu 08:00-20:00; Fri 08:00-20:00; Sat 08:00-20:00; Sun 08:00-20:00")]
    [InlineData("Mon 13:00-17:00; Mon 08:00-12:00", "Mon 08:00-12:00,13:00-17:00")]
    [InlineData("Tue 09:00-12:00,12:00-15:00", "Tue 09:00-12:00,12:00-15:00")]
    [InlineData("", "")]
    public void Parse_ValidText_CanonicalForm(string text, string expected)
    {
        Assert.Equal(expected, OpeningHours.Parse(text).ToString());
    }

    [Fact]
    public void Parse_SplitDay_IntervalsInOrder()
    {
        var hours = OpeningHours.Parse("Mon-Fri 12:00-15:30, 09:00-11:30");

        Assert.Equal(
            [new OpenInterval(TimeSpan.FromHours(9), TimeSpan.FromHours(11.5)), new OpenInterval(TimeSpan.FromHours(12), TimeSpan.FromHours(15.5))],
            hours.On(DayOfWeek.Wednesday));
        Assert.Empty(hours.On(DayOfWeek.Saturday));
    }

    [Theory]
    [InlineData("08:00-17:00", "needs days and hours")]
    [InlineData("Mon-Fri", "needs days and hours")]
    [InlineData("Mo-Fr 08:00-17:00", "'Mo-Fr' is not a day or day range")]
    [InlineData("Mon-Tue-Wed 08:00-17:00", "is not a day or day range")]
    [InlineData("Mon-Fri 8-17", "'8-17' is not an interval like 08:00-17:00")]
    [InlineData("Mon-Fri 08:00", "'08:00' is not an interval")]
    [InlineData("Mon-Fri 08:60-17:00", "is not an interval")]
    [InlineData("Mon-Fri 08:00-24:30", "is not an interval")]
    [InlineData("Mon-Fri 08:00-25:00", "is not an interval")]
    [InlineData("Mon-Fri 22:00-06:00", "ends before it starts")]
    [InlineData("Mon-Fri 08:00-08:00", "ends before it starts")]
    [InlineData("Mon-Fri 08:00-12:00,11:00-17:00", "08:00-12:00 overlaps 11:00-17:00")]
    [InlineData("Mon-Fri 08:00-17:00; Fri 16:00-18:00", "on Fri 08:00-17:00 overlaps 16:00-18:00")]
    public void TryParse_InvalidText_ClearError(string text, string expected)
    {
        Assert.False(OpeningHours.TryParse(text, out var hours, out var error));
        Assert.Null(hours);
        Assert.Contains(expected, error, StringComparison.Ordinal);
        Assert.StartsWith($"Opening hours '{text}'", error, StringComparison.Ordinal);
        Assert.Throws<FormatException>(() => OpeningHours.Parse(text));
    }

    [Theory]
    [InlineData("", true)]
    [InlineData("Sun 10:00-11:00", false)]
    public void IsAlwaysClosed_Text_TrueOnlyWithoutHours(string text, bool expected)
    {
        Assert.Equal(expected, OpeningHours.Parse(text).IsAlwaysClosed);
    }
}
