using Triage.Core.SelfHelp;
using Triage.Hosting.SelfHelp;

namespace Triage.Core.Tests.SelfHelp;

/// <summary>The Hosting loaders (this project references Hosting; there is no Hosting test project yet).</summary>
public sealed class KnowledgeBaseFolderTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("triage-kb-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Parse_FrontMatterAndLinks_TitleTagsAndPlainBody()
    {
        const string Markdown = "---\ntags: Swish, QR-kod\n---\n\n# Kom igång med Swish\r\nLäs [villkoren](https://example.com/villkor) eller https://bank.example/swish först.\n";

        var article = KnowledgeBaseFolder.Parse("swish", "sv", Markdown, "swish.md");

        Assert.Equal(("swish", "sv", "Kom igång med Swish"), (article.Id, article.Language, article.Title));
        Assert.Equal(["Swish", "QR-kod"], article.Tags);
        Assert.Equal("Läs villkoren eller   först.", article.Body);
    }

    [Fact]
    public void Parse_NoTitle_ThrowsNamingTheFile()
    {
        var error = Assert.Throws<SelfHelpDataException>(() => KnowledgeBaseFolder.Parse("x", "sv", "tags: a\n\nBara text.", "kb/sv/x.md"));

        Assert.Contains("'kb/sv/x.md' has no '# ' title", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_Folder_ArticlesPerLanguageFolder()
    {
        Write("sv/printer.md", "# Skrivaren\nText.");
        Write("en/printer.md", "# Printer\nText.");
        Write("en/notes.txt", "not an article");

        var articles = KnowledgeBaseFolder.Load(_folder);

        Assert.Equal([("en", "printer", "Printer"), ("sv", "printer", "Skrivaren")], articles.Select(a => (a.Language, a.Id, a.Title)));
    }

    [Fact]
    public void Load_MissingFolder_Throws()
    {
        Assert.Throws<SelfHelpDataException>(() => KnowledgeBaseFolder.Load(Path.Combine(_folder, "missing")));
    }

    [Fact]
    public void Load_ShippedKnowledgeBase_FifteenArticlesInEachLanguage()
    {
        var articles = KnowledgeBaseFolder.Load(KnowledgeBaseFolder.Default);

        Assert.All(articles.GroupBy(a => a.Language), g => Assert.Equal(15, g.Count()));
        Assert.Equal(["da", "de", "en", "fi", "nb", "nl", "sv"], articles.Select(a => a.Language).Distinct().Order(StringComparer.Ordinal));
        Assert.All(articles, a => Assert.NotEmpty(a.Tags));
    }

    [Fact]
    public void IncidentsFileParse_Valid_AllFields()
    {
        const string Json = """
            // set by the admin
            {"incidents": [{"id": "INC-1", "title": "Card payments down", "text": "Acquirer outage.",
              "keywords": ["kortbetalning", "card"], "languages": ["sv", "en"],
              "active_from": "2026-03-02T08:00:00+01:00", "active_to": null},]}
            """;

        var incident = Assert.Single(IncidentsFile.Parse(Json, "incidents.json"));

        Assert.Equal(("INC-1", "Card payments down", "Acquirer outage."), (incident.Id, incident.Title, incident.Text));
        Assert.Equal(["kortbetalning", "card"], incident.Keywords);
        Assert.Equal(["sv", "en"], incident.Languages);
        Assert.Equal(new DateTimeOffset(2026, 3, 2, 7, 0, 0, TimeSpan.Zero), incident.ActiveFrom);
        Assert.Null(incident.ActiveTo);
    }

    [Theory]
    [InlineData("{\"incidents\": [{\"title\": \"No id\"}]}", "needs an id and a title")]
    [InlineData("{\"incidents\": [", "is not valid")]
    [InlineData("{\"incidents\": [{\"id\": \"A\", \"title\": \"B\", \"active_from\": \"yesterday\"}]}", "is not valid")]
    public void IncidentsFileParse_Invalid_ThrowsNamingTheFile(string json, string expected)
    {
        var error = Assert.Throws<SelfHelpDataException>(() => IncidentsFile.Parse(json, "incidents.json"));

        Assert.Contains("'incidents.json'", error.Message, StringComparison.Ordinal);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SelfHelpService_FileChanges_RebuildsOrKeepsLastGoodIndex()
    {
        Write("sv/printer.md", "# Skrivaren\nText.");
        var incidents = Path.Combine(_folder, "incidents.json");
        await File.WriteAllTextAsync(incidents, "{\"incidents\": []}");
        using var service = new SelfHelpService(_folder, incidents, null, TimeProvider.System, watch: true);
        Assert.Equal(1, service.Index.ArticleCount);

        Write("sv/password.md", "# Lösenord\nText.");
        await WaitFor(() => service.Index.ArticleCount == 2);
        await File.WriteAllTextAsync(incidents, "{\"incidents\": [{\"title\": \"no id\"}]}");
        await WaitFor(() => service.LastReloadError is not null);

        Assert.Contains("needs an id", service.LastReloadError, StringComparison.Ordinal);
        Assert.Equal(2, service.Index.ArticleCount);
    }

    private static async Task WaitFor(Func<bool> condition)
    {
        for (var i = 0; i < 100 && !condition(); i++)
        {
            await Task.Delay(100);
        }

        Assert.True(condition(), "the service did not reload within 10 s");
    }

    private void Write(string relative, string text)
    {
        var path = Path.Combine(_folder, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }
}
