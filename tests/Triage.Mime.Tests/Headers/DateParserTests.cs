using Triage.Mime.Headers;

namespace Triage.Mime.Tests.Headers;

public class DateParserTests
{
    [Theory]
    // RFC 5322 Appendix A style values, written for these tests.
    [InlineData("Fri, 21 Nov 1997 09:55:06 -0600", "1997-11-21T09:55:06-06:00")]
    [InlineData("Tue, 1 Jul 2003 10:52:37 +0200", "2003-07-01T10:52:37+02:00")]
    [InlineData("Thu, 13 Feb 1969 23:32:54 -0330", "1969-02-13T23:32:54-03:30")]
    [InlineData("Thu,\r\n      13\r\n        Feb\r\n          1969\r\n      23:32\r\n               -0330 (Newfoundland Time)", "1969-02-13T23:32:00-03:30")]
    [InlineData("21 Nov 97 09:55:06 GMT", "1997-11-21T09:55:06+00:00")]
    [InlineData("Fri, 21 Nov 1997 09:55:06 -0000", "1997-11-21T09:55:06+00:00")]
    [InlineData("Mon, 15 Jan 2024 08:30:00 +0000 (UTC)", "2024-01-15T08:30:00+00:00")]
    [InlineData("Mon, 15 Jan 2024 08:30:00 -0700", "2024-01-15T08:30:00-07:00")]
    [InlineData("Mon, 15 Jan 2024 08:30:00 +0530", "2024-01-15T08:30:00+05:30")]
    public void TryParse_Rfc5322_KeepsOffset(string input, string expected) => AssertParses(input, expected);

    [Theory]
    [InlineData("15 Jan 2024 08:30:00 +0100", "2024-01-15T08:30:00+01:00")]
    [InlineData("Sun, 15 Jan 2024 08:30:00 +0100", "2024-01-15T08:30:00+01:00")]
    [InlineData("Mon, 15 Jan 24 08:30:00 +0100", "2024-01-15T08:30:00+01:00")]
    [InlineData("Mon, 15 Jan 49 08:30:00 +0100", "2049-01-15T08:30:00+01:00")]
    [InlineData("Mon, 15 Jan 50 08:30:00 +0100", "1950-01-15T08:30:00+01:00")]
    [InlineData("Mon, 15 Jan 124 08:30:00 +0100", "2024-01-15T08:30:00+01:00")]
    [InlineData("Mon, 15 Jan 2024 08:30 +0100", "2024-01-15T08:30:00+01:00")]
    [InlineData("Mon, 5 Jan 2024 8:3:7 +0100", "2024-01-05T08:03:07+01:00")]
    [InlineData("Mon,15 Jan 2024 08:30:00+0100", "2024-01-15T08:30:00+01:00")]
    [InlineData("Mon, 15 January 2024 08:30:00 +0100", "2024-01-15T08:30:00+01:00")]
    [InlineData("Mon, 15 JAN 2024 08:30:00 +0100", "2024-01-15T08:30:00+01:00")]
    [InlineData("Fri, 15 Sept 2023 08:30:00 +0100", "2023-09-15T08:30:00+01:00")]
    [InlineData("Mon, 15-Jan-2024 08:30:00 +0100", "2024-01-15T08:30:00+01:00")]
    [InlineData("Mon, 15.Jan.2024 08:30:00 +0100", "2024-01-15T08:30:00+01:00")]
    [InlineData("Mon, 15 Jan 2024 08:30:00 +01:00", "2024-01-15T08:30:00+01:00")]
    [InlineData("Mon, 15 Jan 2024 08:30:00 GMT+0100", "2024-01-15T08:30:00+01:00")]
    [InlineData("Mon, 15 Jan 2024 08:30:00", "2024-01-15T08:30:00+00:00")]
    [InlineData("Mon, 15 Jan 2024", "2024-01-15T00:00:00+00:00")]
    [InlineData("Mon, 15 Jan 2024 08:30:00.123 +0100", "2024-01-15T08:30:00+01:00")]
    [InlineData("Mon, 15 Jan 2024 08:30:60 +0100", "2024-01-15T08:30:59+01:00")]
    [InlineData("Mon, 15 Jan 2024 08:30:00 +9900", "2024-01-15T08:30:00+00:00")]
    [InlineData("Mon, 15 Jan 2024 08:30:00 +0175", "2024-01-15T08:30:00+00:00")]
    [InlineData("Wed Jun 30 21:49:08 1993", "1993-06-30T21:49:08+00:00")]
    [InlineData("Wed Jun 30 21:49:08 PDT 1993", "1993-06-30T21:49:08-07:00")]
    [InlineData("2020-01-02T03:04:05+01:00", "2020-01-02T03:04:05+01:00")]
    [InlineData("2020-01-02T03:04:05Z", "2020-01-02T03:04:05+00:00")]
    [InlineData("2020-01-02 03:04:05.678-0500", "2020-01-02T03:04:05-05:00")]
    [InlineData("2020-01-02", "2020-01-02T00:00:00+00:00")]
    [InlineData("15.01.2024 08:30:00 +0100", "2024-01-15T08:30:00+01:00")]
    [InlineData("15.01.2024 08.30.00", "2024-01-15T08:30:00+00:00")]
    [InlineData("Jan 15, 2024 8:30 PM EST", "2024-01-15T20:30:00-05:00")]
    [InlineData("Mon, 15 Jan 2024 12:30:00 AM +0000", "2024-01-15T00:30:00+00:00")]
    [InlineData("Di, 16 Mär 2021 10:00:00 +0100", "2021-03-16T10:00:00+01:00")]
    [InlineData("16 okt 2021 10:00:00 +0200", "2021-10-16T10:00:00+02:00")]
    public void TryParse_BrokenButCommon_Parses(string input, string expected) => AssertParses(input, expected);

    [Theory]
    [InlineData("UT", 0)]
    [InlineData("UTC", 0)]
    [InlineData("GMT", 0)]
    [InlineData("Z", 0)]
    [InlineData("EST", -300)]
    [InlineData("EDT", -240)]
    [InlineData("CST", -360)]
    [InlineData("CDT", -300)]
    [InlineData("MST", -420)]
    [InlineData("MDT", -360)]
    [InlineData("PST", -480)]
    [InlineData("PDT", -420)]
    [InlineData("A", 0)]
    [InlineData("M", 0)]
    [InlineData("Y", 0)]
    [InlineData("CET", 60)]
    [InlineData("CEST", 120)]
    [InlineData("MET", 60)]
    [InlineData("MEST", 120)]
    [InlineData("BST", 60)]
    [InlineData("EET", 120)]
    [InlineData("JST", 540)]
    [InlineData("IST", 330)]
    [InlineData("cest", 120)]
    public void TryParse_NamedZone_UsesItsOffset(string zone, int minutes)
    {
        Assert.True(DateParser.TryParse($"Mon, 15 Jan 2024 08:30:00 {zone}", out var date));

        Assert.Equal(TimeSpan.FromMinutes(minutes), date.Offset);
        Assert.Equal(new DateTime(2024, 1, 15, 8, 30, 0), date.DateTime);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("garbage")]
    [InlineData("not a date at all")]
    [InlineData("12345")]
    [InlineData("Mon, 32 Jan 2024 08:30:00 +0000")]
    [InlineData("Mon, 30 Feb 2024 08:30:00 +0000")]
    [InlineData("Mon, 15 Foo 2024 08:30:00 +0000")]
    [InlineData("Mon, 15 Jan 2024 25:30:00 +0000")]
    [InlineData("Mon, 15 Jan 2024 08:61:00 +0000")]
    [InlineData("Mon, 15 Jan 99999 08:30:00 +0000")]
    [InlineData("Mon, 15 Jan 2024 08:30:00 +0000 99999999999999999999")]
    [InlineData("Jan")]
    [InlineData("1 Jan 0000 00:00:00")]
    [InlineData("(Mon, 15 Jan 2024 08:30:00 +0000)")]
    public void TryParse_Garbage_ReturnsFalse(string input) => Assert.False(DateParser.TryParse(input, out _));

    [Fact]
    public void TryParse_EarliestDateWithPositiveOffset_ReturnsFalseInsteadOfThrowing() =>
        Assert.False(DateParser.TryParse("1 Jan 0001 00:00:00 +0100", out _));

    private static void AssertParses(string input, string expected)
    {
        Assert.True(DateParser.TryParse(input, out var date), input);
        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), date);
        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture).Offset, date.Offset);
    }
}
