using Triage.Core.SelfHelp;

namespace Triage.Core.Tests.SelfHelp;

public sealed class SelfHelpIndexTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 2, 10, 0, 0, TimeSpan.Zero);

    /// <summary>Ranking tests look at order, not at the cut-off.</summary>
    private static readonly SelfHelpOptions NoCut = SelfHelpOptions.Default with { MinScore = 0.01, RelativeMinScore = 0 };

    private static readonly KnowledgeArticle[] Swedish =
    [
        Article("sv", "printer", "Skrivaren skriver inte ut", "Byt pappersrulle och kontrollera kabeln."),
        Article("sv", "password", "Glömt lösenord", "Tryck på länken på inloggningssidan för att få ett nytt lösenord."),
        Article("sv", "vat", "Momssatser", "Momsen ställs in per varugrupp i Back Office."),
        Article("sv", "paper", "Beställa förbrukningsmaterial", "Rullar och etiketter beställer du i vår webbutik; skrivaren nämns här bara i förbigående."),
    ];

    private static readonly KnowledgeArticle[] English =
    [
        Article("en", "printer", "Receipt printer does not print", "Check the paper roll and the cable."),
        Article("en", "card-terminal", "Pairing the card terminal", "Pair the terminal over Bluetooth from the hardware settings."),
    ];

    [Fact]
    public void Suggest_CompoundInQuery_FindsArticleAboutItsPart()
    {
        var index = SelfHelpIndex.Build(Swedish, [], NoCut);

        var result = index.Suggest("sv", null, "Kvittoskrivaren krånglar", Now);

        Assert.Equal("printer", result.Articles[0].Id);
    }

    [Fact]
    public void Suggest_WordInTitle_OutranksSameWordInBody()
    {
        var index = SelfHelpIndex.Build(Swedish, [], NoCut);

        var result = index.Suggest("sv", null, "skrivare", Now);

        Assert.Equal(["printer", "paper"], result.Articles.Select(a => a.Id));
    }

    [Fact]
    public void Suggest_SubjectOnly_IsSearched()
    {
        var index = SelfHelpIndex.Build(Swedish, [], NoCut);

        var result = index.Suggest("sv", "Momsen blir fel", "Se rubriken.", Now);

        Assert.Equal("vat", result.Articles[0].Id);
    }

    [Fact]
    public void Suggest_DefaultCutOff_UnrelatedMailGetsNothing()
    {
        var index = SelfHelpIndex.Build(Swedish, []);

        Assert.Empty(index.Suggest("sv", "Fika", "Vi ses på fredag på mässan, hälsa alla!", Now).Articles);
    }

    [Fact]
    public void Suggest_RelativeCut_DropsArticlesFarBelowTheBest()
    {
        var options = NoCut with { RelativeMinScore = 0.9 };
        var index = SelfHelpIndex.Build(Swedish, [], options);

        var result = index.Suggest("sv", null, "skrivaren skriver inte ut", Now);

        Assert.Equal(["printer"], result.Articles.Select(a => a.Id));
    }

    [Fact]
    public void Suggest_MaxSuggestions_Limits()
    {
        var index = SelfHelpIndex.Build(Swedish, [], NoCut with { MaxSuggestions = 1 });

        Assert.Single(index.Suggest("sv", null, "skrivare lösenord moms", Now).Articles);
    }

    [Fact]
    public void Suggest_FewHitsInLanguage_FillsFromEnglishWithoutRepeatingIds()
    {
        var index = SelfHelpIndex.Build([.. Swedish, .. English], [], NoCut);

        var result = index.Suggest("sv", null, "Skrivaren och card terminal", Now);

        Assert.Equal(("printer", "sv"), (result.Articles[0].Id, result.Articles[0].Language));
        Assert.Contains(result.Articles, a => a.Id == "card-terminal" && a.Language == "en");
        Assert.Single(result.Articles, a => a.Id == "printer");
    }

    [Theory]
    [InlineData(null)]
    [InlineData("und")]
    [InlineData("fr")]
    public void Suggest_LanguageWithoutArticles_SearchesEnglish(string? language)
    {
        var index = SelfHelpIndex.Build([.. Swedish, .. English], [], NoCut);

        var result = index.Suggest(language, null, "my card terminal will not pair", Now);

        Assert.Equal(("card-terminal", "en"), (result.Articles[0].Id, result.Articles[0].Language));
    }

    [Fact]
    public void Suggest_NoArticles_NoSuggestions()
    {
        Assert.Same(SelfHelpResult.None, SelfHelpIndex.Build([], []).Suggest("sv", null, "skrivare", Now));
    }

    [Fact]
    public void Suggest_ActiveIncident_MatchedOnlyInsideItsWindow()
    {
        var incident = new KnownIncident(
            "INC-7", "Störning i kortbetalningar", "Kortterminaler får inte kontakt med inlösaren.",
            ["kortbetalning", "kortterminal", "korttimaksu"], [], Now.AddHours(-1), Now.AddHours(2));
        var index = SelfHelpIndex.Build(Swedish, [incident], NoCut with { IncidentMinScore = 3 });
        const string Mail = "Ingen kortterminal fungerar, kortbetalningar nekas i alla butiker!";

        Assert.Equal("INC-7", Assert.Single(index.Suggest("sv", null, Mail, Now).Incidents).Id);
        Assert.Empty(index.Suggest("sv", null, Mail, Now.AddHours(2)).Incidents);
        Assert.Empty(index.Suggest("sv", null, Mail, Now.AddHours(-2)).Incidents);
        Assert.DoesNotContain(index.Suggest("sv", null, Mail, Now).Articles, a => a.Id == "INC-7");
    }

    [Fact]
    public void Suggest_IncidentForOtherLanguage_NotMatched()
    {
        var incident = new KnownIncident("INC-8", "Vipps nede", "Vipps-betalinger feiler.", ["vipps"], ["nb"], null, null);
        var index = SelfHelpIndex.Build(Swedish, [incident], NoCut with { IncidentMinScore = 0.1 });

        Assert.Empty(index.Suggest("sv", null, "Vipps fungerar inte", Now).Incidents);
        Assert.Single(index.Suggest("nb", null, "Vipps virker ikke", Now).Incidents);
    }

    [Fact]
    public void Suggest_WeakIncidentMatch_BelowIncidentThreshold()
    {
        var incident = new KnownIncident("INC-9", "Webbshoppen är långsam", "Sidorna laddar långsamt.", ["webbshop"], [], null, null);
        var index = SelfHelpIndex.Build(Swedish, [incident]);

        Assert.Empty(index.Suggest("sv", null, "Hur beställer jag fler rullar till skrivaren? Vår webbshop säljer bra.", Now).Incidents);
    }

    [Fact]
    public void Build_SameIdTwiceInLanguage_Throws()
    {
        var error = Assert.Throws<ArgumentException>(() => SelfHelpIndex.Build([Swedish[0], Swedish[0] with { Title = "Annan" }], []));

        Assert.Contains("'printer' occurs twice in language 'sv'", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(-1, 0.75, 4, "K1")]
    [InlineData(1.2, 1.5, 4, "B must be between 0 and 1")]
    [InlineData(1.2, 0.75, 1, "GramLength")]
    public void Build_InvalidOptions_Throws(double k1, double b, int gramLength, string expected)
    {
        var options = SelfHelpOptions.Default with { K1 = k1, B = b, GramLength = gramLength };

        var error = Assert.Throws<ArgumentException>(() => SelfHelpIndex.Build(Swedish, [], options));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    private static KnowledgeArticle Article(string language, string id, string title, string body) => new(id, language, title, body, []);
}
