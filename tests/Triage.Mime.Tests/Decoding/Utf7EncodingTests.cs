using Triage.Mime.Decoding;

namespace Triage.Mime.Tests.Decoding;

public class Utf7EncodingTests
{
    [Theory]
    [InlineData("Hi Mom -+Jjo--!", "Hi Mom -☺-!")]
    [InlineData("+ZeVnLIqe-", "日本語")]
    [InlineData("A+ImIDkQ.", "A\u2262\u0391.")]
    [InlineData("Fr+APY-ken +-1", "Fröken +1")]
    [InlineData("1 +- 1 = 2", "1 + 1 = 2")]
    [InlineData("a + b", "a + b")]
    [InlineData("trailing +", "trailing +")]
    [InlineData("+AGEAYgBj", "abc")]
    [InlineData("plain text", "plain text")]
    public void DecodeToString_Rfc2152Examples_Decodes(string input, string expected) =>
        Assert.Equal(expected, Utf7Encoding.DecodeToString(System.Text.Encoding.ASCII.GetBytes(input)));

    [Theory]
    [InlineData("Hi Mom -☺-!")]
    [InlineData("日本語 and ASCII")]
    [InlineData("Smörgåsbord + köttbullar")]
    [InlineData("emoji 😀 in text")]
    [InlineData("")]
    public void GetBytes_ThenGetString_RoundTrips(string text)
    {
        var bytes = Utf7Encoding.Instance.GetBytes(text);

        Assert.Equal(text, Utf7Encoding.Instance.GetString(bytes));
        Assert.True(bytes.Length <= Utf7Encoding.Instance.GetMaxByteCount(text.Length));
    }

    [Fact]
    public void GetBytes_NonDirectCharacter_UsesBase64Run() =>
        Assert.Equal("Fr+APY-ken +-1"u8.ToArray(), Utf7Encoding.Instance.GetBytes("Fröken +1"));

    [Fact]
    public void GetChars_HighBitByte_BecomesReplacementCharacter() =>
        Assert.Equal("a\uFFFDb", Utf7Encoding.Instance.GetString([0x61, 0xff, 0x62]));

    [Fact]
    public void WebName_IsUtf7() => Assert.Equal("utf-7", Utf7Encoding.Instance.WebName);
}
