using Triage.Mime.Html;

namespace Triage.Mime.Tests.Html;

/// <summary>One rule of the converter per test, on small snippets.</summary>
public class HtmlToTextTests
{
    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   \r\n\t ")]
    [InlineData("<html><head><title>Ärende</title></head><body></body></html>")]
    [InlineData("<p>&nbsp;</p><div><br></div><br><br>")]
    public void Convert_NothingVisible_ReturnsEmpty(string? html)
    {
        Assert.Equal("", HtmlToText.Convert(html));
    }

    [Theory]
    [InlineData("<p>mitten</p>")]
    [InlineData("<div>mitten</div>")]
    [InlineData("<h1>mitten</h1>")]
    [InlineData("<h6>mitten</h6>")]
    [InlineData("<blockquote>mitten</blockquote>")]
    [InlineData("<pre>mitten</pre>")]
    [InlineData("<table><tr><td>mitten</td></tr></table>")]
    [InlineData("<section>mitten</section>")]
    [InlineData("<article>mitten</article>")]
    [InlineData("<header>mitten</header>")]
    [InlineData("<footer>mitten</footer>")]
    [InlineData("<address>mitten</address>")]
    [InlineData("<ul><li>mitten</li></ul>")]
    public void Convert_BlockElement_StartsAndEndsLine(string block)
    {
        var text = HtmlToText.Convert($"före{block}efter");

        var lines = text.Split('\n').Select(l => l.TrimStart('>', ' ', '-')).Where(l => l.Length > 0).ToArray();
        Assert.Equal(["före", "mitten", "efter"], lines);
    }

    [Theory]
    [InlineData("<table><tr><td>rad 1</td></tr><tr><td>rad 2</td></tr></table>", "rad 1\nrad 2")]
    [InlineData("<ul><li>en</li><li>to</li></ul>", "- en\n- to")]
    [InlineData("<p>over</p><hr><p>under</p>", "over\n\nunder")]
    [InlineData("over<hr>under", "over\n\nunder")]
    public void Convert_RowsItemsAndRules_StartNewLines(string html, string expected)
    {
        Assert.Equal(expected, HtmlToText.Convert(html));
    }

    [Theory]
    [InlineData("Hej<br>Anna", "Hej\nAnna")]
    [InlineData("Hej<br><br>Anna", "Hej\n\nAnna")]
    [InlineData("<div>Hej<br></div><div>Anna</div>", "Hej\nAnna")]
    [InlineData("<div>Hej</div><div><br></div><div>Anna</div>", "Hej\n\nAnna")]
    [InlineData("<br>Hej<br>", "Hej")]
    public void Convert_Br_IsNewline(string html, string expected)
    {
        Assert.Equal(expected, HtmlToText.Convert(html));
    }

    [Theory]
    [InlineData("<p>Første avsnitt.</p><p>Andre avsnitt.</p>", "Første avsnitt.\n\nAndre avsnitt.")]
    [InlineData("<h2>Tilbud</h2><p>Tekst</p>", "Tilbud\n\nTekst")]
    [InlineData("<p>a</p><p></p><p>&nbsp;</p><p><br></p><p>b</p>", "a\n\nb")]
    [InlineData("a<br><br><br><br><br>b", "a\n\nb")]
    [InlineData("<div><p>a</p></div><div><p>b</p></div>", "a\n\nb")]
    [InlineData("<pre>a\n\n\n\nb</pre>", "a\n\nb")]
    public void Convert_Paragraphs_OneBlankLineBetweenNeverMore(string html, string expected)
    {
        Assert.Equal(expected, HtmlToText.Convert(html));
    }

    [Theory]
    [InlineData("<p>  Hej   på\n\tdig  </p>", "Hej på dig")]
    [InlineData("<p>Hej <b>Anna</b> !</p>", "Hej Anna !")]
    [InlineData("<p>Hej<b> Anna </b>igen</p>", "Hej Anna igen")]
    [InlineData("<p><span>ordre</span><span>nummer</span></p>", "ordrenummer")]
    [InlineData("<p>Hallo\n</p>\n\n<p>\nWelt</p>", "Hallo\n\nWelt")]
    public void Convert_InlineWhitespace_CollapsesLikeBrowsers(string html, string expected)
    {
        Assert.Equal(expected, HtmlToText.Convert(html));
    }

    [Theory]
    [InlineData("<pre>  kod   rad 1\n    rad 2</pre>", "  kod   rad 1\n    rad 2")]
    [InlineData("<pre>\nfirst newline after pre is dropped</pre>", "first newline after pre is dropped")]
    [InlineData("<div style=\"white-space:pre\">a   b\n  c</div>", "a   b\n  c")]
    [InlineData("<div style=\"white-space: pre-wrap !important\">a  b</div>", "a  b")]
    [InlineData("<div style=\"white-space:pre-line\">a   b\n  c</div>", "a b\nc")]
    [InlineData("<pre>a <span style=\"white-space:normal\">b   c</span>  d</pre>", "a b c  d")]
    [InlineData("<pre>trailing   \nspaces\t\n</pre>", "trailing\nspaces")]
    public void Convert_PreformattedText_KeepsWhitespace(string html, string expected)
    {
        Assert.Equal(expected, HtmlToText.Convert(html));
    }

    [Theory]
    [InlineData("Fr&aring;ga &amp; svar &lt;3 &#229;&#xE4;&ouml; &euro;100 &quot;ok&quot;", "Fråga & svar <3 åäö €100 \"ok\"")]
    [InlineData("M&uuml;ller &szlig; &AElig;&oslash; &hellip;", "Müller ß Æø …")]
    [InlineData("ongeldig &foo; &amp", "ongeldig &foo; &")]
    public void Convert_Entities_Decoded(string html, string expected)
    {
        Assert.Equal(expected, HtmlToText.Convert(html));
    }

    [Theory]
    [InlineData("Hej&nbsp;Anna", "Hej Anna")]
    [InlineData("Pris:&nbsp;&nbsp;&nbsp;100&nbsp;kr", "Pris: 100 kr")]
    [InlineData("<p>&nbsp;&nbsp;Hej&nbsp;</p>", "Hej")]
    [InlineData("<pre>a&nbsp;&nbsp;b</pre>", "a  b")]
    public void Convert_NonBreakingSpace_BecomesPlainSpace(string html, string expected)
    {
        var text = HtmlToText.Convert(html);

        Assert.Equal(expected, text);
        Assert.DoesNotContain('\u00A0', text);
    }

    [Theory]
    [InlineData("Hej&#8203;Anna&shy;&zwnj;&#xFEFF;!", "HejAnna!")]
    [InlineData("a\u0001\u0008b\u007F\u0085c", "abc")]
    public void Convert_InvisibleCharacters_Dropped(string html, string expected)
    {
        Assert.Equal(expected, HtmlToText.Convert(html));
    }

    [Theory]
    [InlineData("<ul><li>Kassa</li><li>Skrivare</li></ul>", "- Kassa\n- Skrivare")]
    [InlineData("<ol><li>Starta om</li><li>Logga in</li></ol>", "1. Starta om\n2. Logga in")]
    [InlineData("<ol start=\"4\"><li>fyra</li><li>fem</li></ol>", "4. fyra\n5. fem")]
    [InlineData("<ol><li>a<li value=\"7\">b<li>c</ol>", "1. a\n7. b\n8. c")]
    [InlineData("<ul><li>a<ul><li>a1</li><li>a2<ol><li>x</li></ol></li></ul></li><li>b</li></ul>", "- a\n  - a1\n  - a2\n    1. x\n- b")]
    [InlineData("<ul><li>rad ett<br>rad två</li></ul>", "- rad ett\n  rad två")]
    [InlineData("<ul><li><p>Eerste</p><p>Tweede</p></li></ul>", "- Eerste\n\n  Tweede")]
    [InlineData("<p>Stappen:</p><ol><li>een</li></ol><p>Klaar</p>", "Stappen:\n\n1. een\n\nKlaar")]
    [InlineData("<li>orphan</li>", "- orphan")]
    public void Convert_Lists_DashOrNumberWithNestedIndent(string html, string expected)
    {
        Assert.Equal(expected, HtmlToText.Convert(html));
    }

    [Theory]
    [InlineData("<table><tr><th>Artikel</th><th>Antal</th></tr><tr><td>Kvittorulle</td><td>12</td></tr></table>", "Artikel | Antal\nKvittorulle | 12")]
    [InlineData("<table><tr><td></td><td>bara</td><td>&nbsp;</td><td>två</td></tr></table>", "bara | två")]
    [InlineData("<table><tr><td>a</td><td><table><tr><td>b</td><td>c</td></tr></table></td></tr></table>", "a\nb | c")]
    public void Convert_TableCells_JoinedBySeparatorRowsOnLines(string html, string expected)
    {
        Assert.Equal(expected, HtmlToText.Convert(html));
    }

    [Fact]
    public void Convert_CellSeparatorOption_Used()
    {
        var options = HtmlToTextOptions.Default with { CellSeparator = "\t" };

        Assert.Equal("a\tb", HtmlToText.Convert("<table><tr><td>a</td><td>b</td></tr></table>", options));
    }

    [Theory]
    [InlineData("<a href=\"https://kassa.se/hjalp\">hjälpsidan</a>", "hjälpsidan <https://kassa.se/hjalp>")]
    [InlineData("<a href=\"https://kassa.se/hjalp\">https://kassa.se/hjalp</a>", "https://kassa.se/hjalp")]
    [InlineData("<a href=\"http://www.kassa.se/\">www.kassa.se</a>", "www.kassa.se")]
    [InlineData("<a href=\"HTTPS://Kassa.se\">kassa.se</a>", "kassa.se")]
    [InlineData("<a href=\"mailto:support@kassa.se\">Support</a>", "Support <support@kassa.se>")]
    [InlineData("<a href=\"mailto:support@kassa.se\">support@kassa.se</a>", "support@kassa.se")]
    [InlineData("<a href=\"mailto:support%40kassa.se?subject=Hej\">mejla oss</a>", "mejla oss <support@kassa.se>")]
    [InlineData("<a href=\"tel:+4681234567\">08-123 45 67</a>", "08-123 45 67")]
    [InlineData("<a href=\"cid:image001.png\">bild</a>", "bild")]
    [InlineData("<a href=\"javascript:void(0)\">klikk</a>", "klikk")]
    [InlineData("<a href=\"#top\">opp</a>", "opp")]
    [InlineData("<a name=\"anchor\">tekst</a>", "tekst")]
    [InlineData("<a href=\"https://x.dk/\"><img src=\"cid:logo\"></a>", "<https://x.dk/>")]
    [InlineData("<a href=\"https://x.dk/\"><img alt=\"Logo\"></a>", "Logo <https://x.dk/>")]
    [InlineData("Se <a href=\" https://x.fi/a\r\n/b \">linkki</a>.", "Se linkki <https://x.fi/a/b>.")]
    public void Convert_Links_TextThenUrlWhenItAddsSomething(string html, string expected)
    {
        Assert.Equal(expected, HtmlToText.Convert(html));
    }

    [Fact]
    public void Convert_KeepLinkUrlsOff_OnlyLinkText()
    {
        var options = HtmlToTextOptions.Default with { KeepLinkUrls = false };

        Assert.Equal("hjälpsidan", HtmlToText.Convert("<a href=\"https://kassa.se/hjalp\">hjälpsidan</a>", options));
    }

    [Theory]
    [InlineData("<img src=\"cid:logo\" alt=\"Butiken AB\">", "Butiken AB")]
    [InlineData("Se bild: <img src=\"x.png\"> här", "Se bild: här")]
    [InlineData("<img alt=\"\" width=1 height=1>", "")]
    [InlineData("<img alt=\"  Logo\n  Firma \">", "Logo Firma")]
    public void Convert_Images_ShowAltText(string html, string expected)
    {
        Assert.Equal(expected, HtmlToText.Convert(html));
    }

    [Theory]
    [InlineData("<script>alert('x')</script>")]
    [InlineData("<style>p { color: red }</style>")]
    [InlineData("<head><title>Titel</title><meta charset=utf-8></head>")]
    [InlineData("<template><p>mall</p></template>")]
    [InlineData("<noscript>Aktivera JavaScript</noscript>")]
    [InlineData("<svg><text>svg-text</text></svg>")]
    [InlineData("<!-- kommentar -->")]
    [InlineData("<!--[if gte mso 9]><xml><o:OfficeDocumentSettings><o:PixelsPerInch>96</o:PixelsPerInch></o:OfficeDocumentSettings></xml><![endif]-->")]
    [InlineData("<!--[if mso]><table><tr><td>bara Outlook</td></tr></table><![endif]-->")]
    [InlineData("<div style=\"display:none;max-height:0;overflow:hidden\">Preheader-text</div>")]
    [InlineData("<span style=\"DISPLAY: NONE !important\">dold</span>")]
    [InlineData("<div hidden>skjult</div>")]
    [InlineData("<div style=\"mso-hide:all\">piilotettu</div>")]
    [InlineData("<iframe src=\"x\">ram</iframe>")]
    [InlineData("<xml><o:shapedefaults v:ext=\"edit\" spidmax=\"1026\">1026</o:shapedefaults></xml>")]
    public void Convert_InvisibleContent_Dropped(string invisible)
    {
        Assert.Equal("Synligt", HtmlToText.Convert($"<html><body>{invisible}<p>Synligt</p></body></html>"));
    }

    [Theory]
    [InlineData("<div style=\"display:none\">a</div><div style=\"display: block\">b</div>", "b")]
    [InlineData("<div style=\"display:none; display:block\">shown</div>", "shown")]
    [InlineData("<!--[if !mso]><!--><p>alle andere clients</p><!--<![endif]-->", "alle andere clients")]
    public void Convert_VisibilityEdgeCases_FollowCss(string html, string expected)
    {
        Assert.Equal(expected, HtmlToText.Convert(html));
    }

    [Theory]
    [InlineData("<blockquote>citat</blockquote>", "> citat")]
    [InlineData("Svar<blockquote><p>rad 1</p><p>rad 2</p></blockquote>Efter", "Svar\n\n> rad 1\n>\n> rad 2\n\nEfter")]
    [InlineData("<blockquote>ytre<blockquote>indre</blockquote>ytre igjen</blockquote>", "> ytre\n>\n> > indre\n>\n> ytre igjen")]
    [InlineData("<blockquote>a<br>b<br><br>c</blockquote>", "> a\n> b\n>\n> c")]
    [InlineData("<blockquote><ul><li>punkt</li></ul></blockquote>", "> - punkt")]
    [InlineData("<blockquote><pre>  kod\n\n  mer</pre></blockquote>", ">   kod\n>\n>   mer")]
    [InlineData("<ul><li>item<blockquote>q</blockquote></li></ul>", "- item\n\n  > q")]
    public void Convert_Blockquote_LinesPrefixedPerLevel(string html, string expected)
    {
        Assert.Equal(expected, HtmlToText.Convert(html));
    }

    [Fact]
    public void Convert_QuotePrefixOption_Used()
    {
        var options = HtmlToTextOptions.Default with { QuotePrefix = "| " };

        Assert.Equal("| a\n|\n| | b", HtmlToText.Convert("<blockquote>a<blockquote>b</blockquote></blockquote>", options));
    }

    [Theory]
    [InlineData(5, "Hej Anna, kassan", "Hej A")]
    [InlineData(6, "<p>Hej</p><p>Anna</p>", "Hej\n\nA")]
    [InlineData(1000, "<p>kort</p>", "kort")]
    [InlineData(0, "<p>kort</p>", "")]
    [InlineData(-3, "<p>kort</p>", "")]
    [InlineData(2, "a\U0001F600b", "a")]
    public void Convert_MaxOutputLength_Truncates(int max, string html, string expected)
    {
        var options = HtmlToTextOptions.Default with { MaxOutputLength = max };

        Assert.Equal(expected, HtmlToText.Convert(html, options));
    }

    [Fact]
    public void Convert_MaxOutputLength_StopsOnHugeInput()
    {
        var html = string.Concat(Enumerable.Repeat("<p>Hei, kassa ei käynnisty.</p>", 50_000));
        var options = HtmlToTextOptions.Default with { MaxOutputLength = 100 };

        var text = HtmlToText.Convert(html, options);

        Assert.True(text.Length <= 100);
        Assert.StartsWith("Hei, kassa ei käynnisty.\n\nHei,", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Convert_NullOptions_UsesDefaults()
    {
        Assert.Equal("a <https://x.se/>", HtmlToText.Convert("<a href=\"https://x.se/\">a</a>", null));
    }

    [Theory]
    [InlineData("<p>rad   </p><p>\t annan\t </p>", "rad\n\nannan")]
    [InlineData("<br><br><p>&nbsp;</p><p>mitt</p><p>&nbsp;</p><br><br>", "mitt")]
    [InlineData("<blockquote><p>&nbsp;</p><p>q</p><p>&nbsp;</p></blockquote>", "> q")]
    public void Convert_Edges_TrimmedEveryLineAndWholeText(string html, string expected)
    {
        Assert.Equal(expected, HtmlToText.Convert(html));
    }
}
