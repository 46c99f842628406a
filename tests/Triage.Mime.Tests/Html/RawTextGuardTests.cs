using Triage.Mime.Html;

namespace Triage.Mime.Tests.Html;

public sealed class RawTextGuardTests
{
    [Theory]
    [InlineData("<p>a < b</p>", "<p>a < b</p>")]
    [InlineData("<title>x < y</title><p>t</p>", "<title></title><p>t</p>")]
    [InlineData("<TEXTAREA rows=2>1 <b> 2</TEXTAREA>", "<TEXTAREA rows=2>1 &lt;b> 2</TEXTAREA>")]
    [InlineData("<style>a<b{}</style>ok", "<style></style>ok")]
    [InlineData("<style>p{}</style>ok", "<style>p{}</style>ok")]
    [InlineData("<xmp>never closed <<<", "<xmp>never closed &lt;&lt;&lt;")]
    [InlineData("<titles>not a title <x></titles>", "<titles>not a title <x></titles>")]
    public void Neutralize_RawTextContent_IsEscapedOrEmptied(string html, string expected) =>
        Assert.Equal(expected, RawTextGuard.Neutralize(html));

    [Fact]
    public void Convert_TextareaWithMarkupLikeText_ShowsItLiterally()
    {
        Assert.Equal("if a <b> then", HtmlToText.Convert("<textarea>if a <b> then</textarea>"));
    }

    [Fact]
    public void Convert_InputOverMaxInputLength_IsCut()
    {
        var options = HtmlToTextOptions.Default with { MaxInputLength = 10 };

        Assert.Equal("0123456", HtmlToText.Convert("<p>0123456789</p>", options));
    }
}
