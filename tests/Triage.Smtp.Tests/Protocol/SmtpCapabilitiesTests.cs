namespace Triage.Smtp.Tests.Protocol;

public class SmtpCapabilitiesTests
{
    private static SmtpCapabilities Parse(params string[] lines) => SmtpCapabilities.Parse(new SmtpReply(250, null, lines));

    [Fact]
    public void Parse_SizeWithoutLimitOrZero_HasSizeButNoMaximum()
    {
        Assert.Null(Parse("mx", "SIZE").MaxMessageSize);
        Assert.Null(Parse("mx", "SIZE 0").MaxMessageSize);
        Assert.True(Parse("mx", "SIZE 0").Size);
        Assert.Equal(10240000, Parse("mx", "SIZE 10240000").MaxMessageSize);
    }

    [Fact]
    public void Parse_AuthListedTwiceInBothForms_MergesMechanismsUpperCase()
    {
        var caps = Parse("mx", "AUTH login Plain", "AUTH=CRAM-MD5 XOAUTH2");

        Assert.Equal(["CRAM-MD5", "LOGIN", "PLAIN", "XOAUTH2"], caps.AuthMechanisms.Order());
        Assert.True(caps.SupportsAuth("plain"));
    }

    [Fact]
    public void Parse_KeywordsInAnyCase_AreFound()
    {
        var caps = Parse("mx", "pipelining", "8bitmime", "StartTLS");

        Assert.True(caps.Pipelining && caps.EightBitMime && caps.StartTls);
        Assert.False(caps.SmtpUtf8);
    }
}
