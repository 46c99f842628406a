using Triage.Core.Tickets;

namespace Triage.Core.Tests.Tickets;

public sealed class AcknowledgementIdsTests
{
    private const string Key = "3f9a0c1d2e4b5a6978877665544332211000ffeeddccbbaa9988776655443322";

    [Fact]
    public void Create_TicketAndMessageKey_RecognisableRepeatableId()
    {
        var ids = new AcknowledgementIds("support.kassasystem.example");

        var id = ids.Create("SUP-100001", Key);

        Assert.Equal("ack.SUP-100001.3f9a0c1d2e4b@support.kassasystem.example", id);
        Assert.Equal(id, ids.Create("SUP-100001", Key));
        Assert.Equal("SUP-100001", ids.TicketNumberOf(id));
    }

    [Theory]
    [InlineData("CAF3xq9Yt2@mail.bergsbageri.example")]
    [InlineData("ack.SUP-100001.3f9a0c1d2e4b@triage.local.evil.example")]
    [InlineData("ack.SUP-100001@triage.local")]
    [InlineData("ack..x@triage.local")]
    [InlineData("")]
    [InlineData(null)]
    public void TicketNumberOf_OtherIds_Null(string? messageId)
    {
        Assert.Null(new AcknowledgementIds().TicketNumberOf(messageId));
    }

    [Theory]
    [InlineData("")]
    [InlineData("user@triage.local")]
    [InlineData("triage local")]
    [InlineData(".triage.local")]
    public void Constructor_NotAHostName_Throws(string domain)
    {
        Assert.ThrowsAny<ArgumentException>(() => new AcknowledgementIds(domain));
    }
}
