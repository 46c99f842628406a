using Triage.Mime.Html;

namespace Triage.Mime.Tests.Html;

/// <summary><see cref="HtmlToTextOptions.DropQuotedReplies"/>: each client's quote markup, on small snippets.</summary>
public class QuoteContainerTests
{
    private static readonly HtmlToTextOptions WithoutQuotes = HtmlToTextOptions.Default with { DropQuotedReplies = true };

    [Theory]
    [InlineData("<div dir=\"ltr\">Hej, kassan startar inte.</div><div class=\"gmail_quote\"><div class=\"gmail_attr\">Den tis 3 mars 2026 kl 10:12 skrev Support:</div><blockquote class=\"gmail_quote\">Prova igen.</blockquote></div>")]
    [InlineData("<div dir=\"ltr\">Hej, kassan startar inte.</div><br><div class=\"gmail_extra\"><br><div class=\"gmail_quote\">On Tue, Mar 3, 2026 wrote:<blockquote>Prova igen.</blockquote></div></div>")]
    [InlineData("<div>Hej, kassan startar inte.</div><div class=\"gmail_quote gmail_quote_container\">ti 3.3.2026 klo 14.05 Support kirjoitti:<blockquote>Prova igen.</blockquote></div>")]
    [InlineData("<div>Hej, kassan startar inte.</div><div><br><blockquote type=\"cite\">Den 3 mars 2026 kl. 10:12 skrev Support:<br></blockquote></div><blockquote type=\"cite\"><div>Prova igen.</div></blockquote>")]
    [InlineData("Hej, kassan startar inte.<br><div class=\"moz-cite-prefix\">Den 2026-03-03 kl. 10:12, skrev Support:<br></div>\n  <blockquote cite=\"mid:x@y\">Prova igen.</blockquote>")]
    [InlineData("<div>Hej, kassan startar inte.</div><div id=\"reply-intro\">Op 3 mrt. 2026 schreef Support:</div> <blockquote>Prova igen.</blockquote>")]
    [InlineData("<div>Hej, kassan startar inte.</div><div class=\"yahoo_quoted\" id=\"yahoo_quoted_123\"><div>Am Dienstag schrieb Support:</div><div>Prova igen.</div></div>")]
    [InlineData("<div>Hej, kassan startar inte.</div><div id=\"appendonsend\"></div><hr tabindex=\"-1\"><div id=\"divRplyFwdMsg\" dir=\"ltr\"><b>Från:</b> Support<br><b>Skickat:</b> den 3 mars 2026 10:12</div><div>Prova igen.</div>")]
    [InlineData("<div>Hej, kassan startar inte.</div><div id=\"divRplyFwdMsg\"><b>Lähettäjä:</b> Support</div><div>Prova igen.</div>")]
    [InlineData("<div>Hej, kassan startar inte.</div><div class=\"OutlookMessageHeader\"><hr><b>From:</b> Support</div><p>Prova igen.</p>")]
    [InlineData("<div class=\"WordSection1\"><p class=\"MsoNormal\">Hej, kassan startar inte.</p><div><div style=\"border:none;border-top:solid #E1E1E1 1.0pt;padding:3.0pt 0cm 0cm 0cm\"><p class=\"MsoNormal\"><b>Van:</b> Support<br><b>Verzonden:</b> 3 maart 2026</p></div></div><p class=\"MsoNormal\">&nbsp;</p><p class=\"MsoNormal\">Prova igen.</p></div>")]
    [InlineData("<div class=\"WordSection1\"><p class=\"MsoNormal\">Hej, kassan startar inte.</p><div style='border:none;border-top:solid #B5C4DF\n 1.0pt;padding:3.0pt 0cm 0cm 0cm'><p class=\"MsoNormal\"><b>Von:</b> Support</p></div><p class=\"MsoNormal\">Prova igen.</p></div>")]
    public void Convert_DropQuotedReplies_LeavesOutQuotedHistory(string html)
    {
        Assert.Equal("Hej, kassan startar inte.", HtmlToText.Convert(html, WithoutQuotes));
    }

    [Fact]
    public void Convert_DropQuotedReplies_KeepsGmailSignature()
    {
        const string html = "<div dir=\"ltr\">Hej!</div><br>-- <br><div dir=\"ltr\" class=\"gmail_signature\">Karin Lindqvist</div>" +
            "<br><div class=\"gmail_quote\">Prova igen.</div>";

        Assert.Equal("Hej!\n\n--\nKarin Lindqvist", HtmlToText.Convert(html, WithoutQuotes));
    }

    [Fact]
    public void Convert_DropQuotedReplies_KeepsTextAfterTheOutlookContainer()
    {
        const string html = "<div><div>Hej!</div><div style=\"border-top:solid #E1E1E1 1.0pt\">Från: Support</div><div>Prova igen.</div></div>" +
            "<div>Karin</div>";

        Assert.Equal("Hej!\nKarin", HtmlToText.Convert(html, WithoutQuotes));
    }

    [Fact]
    public void Convert_DropQuotedReplies_KeepsPlainBlockquoteAndOtherBorders()
    {
        const string html = "<div>Felet:</div><blockquote>Fel 1302</blockquote><div style=\"border-top:solid #000000 1.0pt\">Mvh Karin</div>";

        Assert.Equal("Felet:\n\n> Fel 1302\n\nMvh Karin", HtmlToText.Convert(html, WithoutQuotes));
    }

    [Theory]
    [InlineData("<div class=\"gmail_quote\">---------- Forwarded message ---------<br>Kassan startar inte.</div>")]
    [InlineData("<div id=\"divRplyFwdMsg\"><b>Van:</b> Klant</div><div>Kassan startar inte.</div>")]
    public void Convert_DropQuotedReplies_EverythingQuoted_ReturnsFullText(string html)
    {
        Assert.Equal(HtmlToText.Convert(html), HtmlToText.Convert(html, WithoutQuotes));
        Assert.Contains("Kassan startar inte.", HtmlToText.Convert(html, WithoutQuotes), StringComparison.Ordinal);
    }

    [Fact]
    public void Convert_WithoutOption_KeepsQuotes()
    {
        const string html = "<div>Hej!</div><blockquote type=\"cite\">Prova igen.</blockquote>";

        Assert.Equal("Hej!\n\n> Prova igen.", HtmlToText.Convert(html));
    }
}
