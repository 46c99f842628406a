using Triage.Core.Tickets;

namespace Triage.Core.Tests.Tickets;

public sealed class TicketNumberingTests
{
    [Fact]
    public void Next_NoTicketYet_DefaultStartWithPrefix()
    {
        var numbering = new TicketNumbering();

        Assert.Equal("SUP-100001", numbering.Format(numbering.Next(null)));
    }

    [Theory]
    [InlineData(null, 500)]
    [InlineData(500L, 501)]
    [InlineData(7L, 500)]
    [InlineData(100001L, 100002)]
    public void Next_AfterLast_NextButNeverBelowFirst(long? last, long expected)
    {
        Assert.Equal(expected, new TicketNumbering("HD-", 500).Next(last));
    }

    [Theory]
    [InlineData("")]
    [InlineData("SUP ")]
    [InlineData("SÜP-")]
    [InlineData("[#")]
    [InlineData("ABCDEFGHIJKLMNOPQ")]
    public void Constructor_PrefixUnsafeInSubjectsOrMessageIds_Throws(string prefix)
    {
        Assert.ThrowsAny<ArgumentException>(() => new TicketNumbering(prefix));
    }

    [Fact]
    public void Constructor_FirstBelowOne_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new TicketNumbering("SUP-", 0));
    }
}
