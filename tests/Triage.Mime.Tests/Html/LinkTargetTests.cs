using Triage.Mime.Html;

namespace Triage.Mime.Tests.Html;

public class LinkTargetTests
{
    [Theory]
    [InlineData("https://kassa.se/a?b=c", "https://kassa.se/a?b=c")]
    [InlineData("  HTTP://kassa.se  ", "HTTP://kassa.se")]
    [InlineData("mailto:anna@butiken.se", "anna@butiken.se")]
    [InlineData("MAILTO:anna%40butiken.se?subject=Hej&body=x", "anna@butiken.se")]
    [InlineData("mailto:Anna%20Svensson%20%3Canna@butiken.se%3E", "Anna Svensson <anna@butiken.se>")]
    public void TryGetDisplay_HttpOrMailto_Shown(string href, string expected)
    {
        Assert.True(LinkTarget.TryGetDisplay(href, out var display));
        Assert.Equal(expected, display);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("https://")]
    [InlineData("mailto:")]
    [InlineData("mailto:?subject=x")]
    [InlineData("ftp://files.example")]
    [InlineData("tel:+46812345")]
    [InlineData("cid:image001.png")]
    [InlineData("javascript:alert(1)")]
    [InlineData("/relative/path")]
    [InlineData("#anchor")]
    public void TryGetDisplay_OtherTargets_NotShown(string? href)
    {
        Assert.False(LinkTarget.TryGetDisplay(href, out _));
    }

    [Theory]
    [InlineData("https://kassa.se/", "https://kassa.se/", true)]
    [InlineData("kassa.se", "https://kassa.se/", true)]
    [InlineData("www.kassa.se", "http://www.kassa.se", true)]
    [InlineData("KASSA.SE", "https://kassa.se", true)]
    [InlineData("mailto:a@b.se", "a@b.se", true)]
    [InlineData("a@b.se", "a@b.se", true)]
    [InlineData("Klicka här", "https://kassa.se/", false)]
    [InlineData("kassa.se/hjalp", "https://kassa.se/", false)]
    public void IsSameAs_TextAlreadyShowsTarget(string text, string display, bool expected)
    {
        Assert.Equal(expected, LinkTarget.IsSameAs(text, display));
    }
}
