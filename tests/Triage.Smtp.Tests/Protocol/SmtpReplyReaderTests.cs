using System.Text;
using Triage.Smtp.Protocol;

namespace Triage.Smtp.Tests.Protocol;

public class SmtpReplyReaderTests
{
    private static SmtpReplyReader Reader(string text) => new(new MemoryStream(Encoding.UTF8.GetBytes(text)));

    [Fact]
    public async Task ReadReplyAsync_MultiLineReply_KeepsEveryLineAndTheEnhancedCode()
    {
        var reader = Reader("550-5.1.1 The email account that you tried to reach does not exist.\r\n550-5.1.1 Please try\r\n550 5.1.1 double-checking. x12si\r\n");

        var reply = await reader.ReadReplyAsync(CancellationToken.None);

        Assert.Equal((550, "5.1.1"), (reply.Code, reply.EnhancedStatusCode));
        Assert.Equal(["The email account that you tried to reach does not exist.", "Please try", "double-checking. x12si"], reply.Lines);
        Assert.False(reader.HasBufferedData);
    }

    [Theory]
    [InlineData("250\r\n", 250, null, "")]
    [InlineData("250 Ok\n", 250, null, "Ok")]
    [InlineData("451 4.7.1 Greylisted\r\n", 451, "4.7.1", "Greylisted")]
    [InlineData("250 2.0.0\r\n", 250, "2.0.0", "")]
    [InlineData("550 4.1.1 class differs from the code\r\n", 550, null, "4.1.1 class differs from the code")]
    [InlineData("250 2.1.0.5 not a code\r\n", 250, null, "2.1.0.5 not a code")]
    [InlineData("220 smtp.example.test ESMTP Postfix (Debian/GNU)\r\n", 220, null, "smtp.example.test ESMTP Postfix (Debian/GNU)")]
    [InlineData("554 Kundtjänst säger nej\r\n", 554, null, "Kundtjänst säger nej")]
    public async Task ReadReplyAsync_SingleLine_ParsesCodeEnhancedCodeAndText(string input, int code, string? enhanced, string text)
    {
        var reply = await Reader(input).ReadReplyAsync(CancellationToken.None);

        Assert.Equal((code, enhanced, text), (reply.Code, reply.EnhancedStatusCode, reply.Text));
    }

    [Fact]
    public async Task ReadReplyAsync_TwoRepliesInOneRead_ReturnsThemInOrder()
    {
        var reader = Reader("250 first\r\n354 second\r\n");

        Assert.Equal(250, (await reader.ReadReplyAsync(CancellationToken.None)).Code);
        Assert.True(reader.HasBufferedData);
        Assert.Equal(354, (await reader.ReadReplyAsync(CancellationToken.None)).Code);
    }

    [Theory]
    [InlineData("hello\r\n")]
    [InlineData("25\r\n")]
    [InlineData("150 not an SMTP class\r\n")]
    [InlineData("250_ok\r\n")]
    [InlineData("250-first\r\n354 changed code\r\n")]
    [InlineData("250-never ends\r\n")]
    [InlineData("")]
    public async Task ReadReplyAsync_MalformedOrTruncated_ThrowsProtocolException(string input)
    {
        await Assert.ThrowsAsync<SmtpProtocolException>(() => Reader(input).ReadReplyAsync(CancellationToken.None).AsTask());
    }

    [Fact]
    public async Task ReadReplyAsync_EndlessLine_StopsAtTheLimit()
    {
        var reader = Reader("250 " + new string('x', SmtpReplyReader.MaxLineLength * 4));

        var e = await Assert.ThrowsAsync<SmtpProtocolException>(() => reader.ReadReplyAsync(CancellationToken.None).AsTask());

        Assert.Contains("longer than", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadReplyAsync_EndlessContinuation_StopsAtTheLimit()
    {
        var reader = Reader(string.Concat(Enumerable.Repeat("250-more\r\n", SmtpReplyReader.MaxLinesPerReply + 10)) + "250 end\r\n");

        var e = await Assert.ThrowsAsync<SmtpProtocolException>(() => reader.ReadReplyAsync(CancellationToken.None).AsTask());

        Assert.Contains("lines", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadReplyAsync_LongButAllowedLine_IsRead()
    {
        var text = new string('x', SmtpReplyReader.MaxLineLength - 10);

        var reply = await Reader($"250 {text}\r\n").ReadReplyAsync(CancellationToken.None);

        Assert.Equal(text, reply.Text);
    }
}
