using System.Text;
using Triage.Mime.Html;

namespace Triage.Mime.Tests.Html;

/// <summary>Bad, deep, huge and concurrent input: the converter degrades, it does not throw.</summary>
public class HtmlToTextRobustnessTests
{
    [Theory]
    [InlineData("div")]
    [InlineData("blockquote")]
    [InlineData("span")]
    [InlineData("b")]
    [InlineData("ul><li")]
    [InlineData("table><tr><td")]
    public void Convert_TenThousandNestedElements_NoStackOverflow(string tag)
    {
        var html = string.Concat(Enumerable.Repeat($"<{tag}>x", 10_000));

        var text = HtmlToText.Convert(html);

        Assert.Equal(10_000, text.Count(c => c == 'x'));
        TextInvariants.AssertClean(text);
    }

    [Fact]
    public void Convert_NestingBeyondGuard_KeepsAllTextAndOuterStructure()
    {
        var depth = NestingGuard.MaxDepth + 100;
        var html = string.Concat(Enumerable.Repeat("<div>d", depth)) + string.Concat(Enumerable.Repeat("</div>", depth)) + "<p>efter</p>";

        var lines = HtmlToText.Convert(html).Split('\n');

        Assert.Equal(Enumerable.Repeat("d", NestingGuard.MaxDepth - 1), lines.Take(NestingGuard.MaxDepth - 1));
        Assert.Equal(new string('d', 101), lines[NestingGuard.MaxDepth - 1]);
        Assert.Equal(["", "efter"], lines[NestingGuard.MaxDepth..]);
    }

    [Fact]
    public void Convert_ManyUnclosedCellsAndItems_NotFlattened()
    {
        // Elements whose end tags are optional never nest by themselves; the guard must not count them.
        var html = "<table>" + string.Concat(Enumerable.Repeat("<tr><td>a<td>b", 1_000)) + "</table><ul>" +
            string.Concat(Enumerable.Repeat("<li>c", 1_000)) + "</ul><p>" + string.Concat(Enumerable.Repeat("<a href=\"#\">l", 1_000));

        var lines = HtmlToText.Convert(html).Split('\n');

        Assert.Equal(1_000, lines.Count(l => l == "a | b"));
        Assert.Equal(1_000, lines.Count(l => l == "- c"));
    }

    [Fact]
    public void Convert_HundredThousandSiblings_Completes()
    {
        var html = "<div>" + string.Concat(Enumerable.Repeat("ord<br>", 100_000)) + "</div>";

        var text = HtmlToText.Convert(html);

        Assert.Equal(100_000, text.Split('\n').Length);
    }

    [Theory]
    [InlineData("<")]
    [InlineData("</")]
    [InlineData("<!--")]
    [InlineData("<!-- aldrig stängd <p>text")]
    [InlineData("<![CDATA[ data ]]>")]
    [InlineData("<p <p <p>>>text")]
    [InlineData("<div></span></p></li></table></div></div>text")]
    [InlineData("<table><td>utan rad<tr>sen<th>cell</table>")]
    [InlineData("<a href=\"https://x.se\"><a href=\"https://y.se\">dubbel</a>")]
    [InlineData("<b><i>felnästlad</b></i>")]
    [InlineData("<p class=\"unterminated>text")]
    [InlineData("<img alt=>")]
    [InlineData("<a href=mailto:>tom</a><a href=https://>tom2</a><a href=\"mailto:%ZZ\">konstig</a>")]
    [InlineData("text\0med\0nul")]
    [InlineData("ensam \uD800 surrogat \uDC00")]
    [InlineData("<svg><div>utbrott</div></svg><math><mi>x</mi></math>")]
    [InlineData("<frameset><frame src=x></frameset>")]
    [InlineData("<plaintext><p>allt är text")]
    [InlineData("<select><option>val</option></select><textarea>fritext</textarea>")]
    [InlineData("<ol start=\"99999999999\"><li>stort</li></ol><ol start=\"-5\"><li>negativt</li></ol>")]
    [InlineData("<div style=\";;:;display:;:none;margin:;margin: 0 0 0 0 0;white-space:\">stil</div>")]
    public void Convert_MalformedHtml_DoesNotThrow(string html)
    {
        TextInvariants.AssertClean(HtmlToText.Convert(html));
    }

    [Fact]
    public void Convert_RandomTagSoup_NeverThrowsAndStaysClean()
    {
        var random = new Random(20250303);
        string[] pieces =
        [
            "<p>", "</p>", "<div>", "</div>", "<br>", "<blockquote>", "</blockquote>", "<ul>", "<ol>", "<li>", "</li>",
            "</ul>", "</ol>", "<table>", "<tr>", "<td>", "</td>", "</tr>", "</table>", "<pre>", "</pre>", "<a href=\"https://x.se\">",
            "<a href=\"mailto:a@b.se\">", "</a>", "<img alt=\"bild\">", "<span style=\"display:none\">", "</span>",
            "<div style=\"white-space:pre\">", "<script>", "</script>", "<!--", "-->", "&nbsp;", "&amp;", " ", "\n", "\t",
            "hej", "kassa", "ÅÄÖ", "😀", "<", ">", "<hr>", "<h1>", "</h1>", "<o:p>", "</o:p>", "<p class=MsoNormal>",
        ];

        for (var doc = 0; doc < 300; doc++)
        {
            var html = new StringBuilder();
            for (var i = random.Next(200); i > 0; i--) html.Append(pieces[random.Next(pieces.Length)]);

            TextInvariants.AssertClean(HtmlToText.Convert(html.ToString()));
        }
    }

    [Fact]
    public void Convert_ConcurrentCalls_SameResultsAsSequential()
    {
        var mails = HtmlToTextMailTests.AllMails.Select((object[] row) => (string)row[0]).ToArray();
        var expected = mails.Select(m => HtmlToText.Convert(m)).ToArray();
        var results = new string[mails.Length * 50];

        Parallel.For(0, results.Length, new ParallelOptions { MaxDegreeOfParallelism = 8 },
            i => results[i] = HtmlToText.Convert(mails[i % mails.Length]));

        for (var i = 0; i < results.Length; i++) Assert.Equal(expected[i % mails.Length], results[i]);
    }

    [CorpusFact]
    public void Convert_CorpusFilesWithHtml_NeverThrowAndStayClean()
    {
        var root = Corpus.Path("mime");
        Assert.NotNull(root);

        var converted = 0;
        foreach (var file in Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories))
        {
            var content = File.ReadAllText(file);
            if (!content.Contains("<html", StringComparison.OrdinalIgnoreCase)) continue;

            var text = HtmlToText.Convert(content);

            TextInvariants.AssertClean(text);
            converted++;
        }

        Assert.True(converted > 100, $"only {converted} corpus files contain HTML");
    }
}
