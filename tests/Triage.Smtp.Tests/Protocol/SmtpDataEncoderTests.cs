using System.Text;
using Triage.Smtp.Protocol;

namespace Triage.Smtp.Tests.Protocol;

public class SmtpDataEncoderTests
{
    private static string Encode(params string[] chunks)
    {
        var encoder = new SmtpDataEncoder();
        var output = new StringBuilder();
        foreach (var chunk in chunks)
        {
            var input = Encoding.UTF8.GetBytes(chunk);
            var buffer = new byte[SmtpDataEncoder.MaxEncodedLength(input.Length)];
            output.Append(Encoding.UTF8.GetString(buffer, 0, encoder.Encode(input, buffer)));
        }

        var end = new byte[SmtpDataEncoder.MaxFinishLength];
        return output.Append(Encoding.UTF8.GetString(end, 0, encoder.Finish(end))).ToString();
    }

    [Theory]
    [InlineData("", ".\r\n")]
    [InlineData("a\r\n", "a\r\n.\r\n")]
    [InlineData("no final break", "no final break\r\n.\r\n")]
    [InlineData(".\r\n", "..\r\n.\r\n")]
    [InlineData("a\r\n.\r\nb\r\n", "a\r\n..\r\nb\r\n.\r\n")]
    [InlineData("..two dots\r\n", "...two dots\r\n.\r\n")]
    [InlineData("a\r\n.", "a\r\n..\r\n.\r\n")]
    [InlineData("mid.dot . stays\r\n", "mid.dot . stays\r\n.\r\n")]
    [InlineData("bare\nlf\n.\n", "bare\r\nlf\r\n..\r\n.\r\n")]
    [InlineData("bare\rcr\r.x", "bare\r\ncr\r\n..x\r\n.\r\n")]
    [InlineData("cr at end\r", "cr at end\r\n.\r\n")]
    [InlineData("\r\n\r\n", "\r\n\r\n.\r\n")]
    [InlineData("blåbär ✓\n", "blåbär ✓\r\n.\r\n")]
    public void Encode_Message_NormalizesLineBreaksAndStuffsDots(string input, string expected)
    {
        Assert.Equal(expected, Encode(input));
    }

    [Fact]
    public void Encode_AnySplitIntoChunks_GivesTheSameBytes()
    {
        const string input = "a\r\n.b\n..c\r.\r\nd\r\r\n.";
        var whole = Encode(input);

        for (var i = 0; i <= input.Length; i++)
        {
            for (var j = i; j <= input.Length; j++)
            {
                Assert.Equal(whole, Encode(input[..i], input[i..j], input[j..]));
            }
        }

        Assert.Equal("a\r\n..b\r\n...c\r\n..\r\nd\r\n\r\n..\r\n.\r\n", whole);
    }

    [Fact]
    public void Encode_WorstCaseInput_FitsTheAnnouncedBound()
    {
        var input = Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat(".\n", 500)));
        var encoder = new SmtpDataEncoder();
        var output = new byte[SmtpDataEncoder.MaxEncodedLength(input.Length)];

        Assert.Equal(input.Length * 2, encoder.Encode(input, output));
    }
}
