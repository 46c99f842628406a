using Triage.Core.SelfHelp;

namespace Triage.Core.Tests.SelfHelp;

public sealed class TextAnalyzerTests
{
    [Theory]
    [InlineData("Lösenord", "losenord")]
    [InlineData("ＫＡＳＳＡ", "kassa")]
    [InlineData("Grüße", "grusse")]
    [InlineData("Kvitteringsskriver på bærbar", "kvitteringsskriver pa baerbar")]
    public void Fold_MixedText_LowerCaseWithoutDiacritics(string text, string expected)
    {
        Assert.Equal(expected, TextAnalyzer.Fold(text));
    }

    [Fact]
    public void Words_Punctuation_SplitsAndDropsSingleCharacters()
    {
        Assert.Equal(["rapport", "kl", "16"], TextAnalyzer.Words("Z-rapport, kl. 16!"));
    }

    [Theory]
    [InlineData("sv", "kvittoskrivaren", "kvittoskrivare")]
    [InlineData("sv", "fakturorna", "fakturor")]
    [InlineData("nb", "kvitteringsskriveren", "kvitteringsskriver")]
    [InlineData("da", "printeren", "printer")]
    [InlineData("de", "Rechnungen", "Rechnung")]
    [InlineData("nl", "facturen", "factuur")]
    [InlineData("nl", "betalingen", "betalen")]
    [InlineData("en", "invoices", "invoice")]
    [InlineData("en", "pairing", "paired")]
    [InlineData("fi", "salasanan", "salasana")]
    [InlineData("fi", "kuitin", "kuitti")]
    public void Terms_Inflections_SameStem(string language, string inflected, string other)
    {
        var analyzer = TextAnalyzer.For(language);

        Assert.Equal(analyzer.Terms(other), analyzer.Terms(inflected));
    }

    [Theory]
    [InlineData("sv", "Hej! Jag har ett problem med kassan, tack")]
    [InlineData("en", "Hi, I have a problem with the till, thanks")]
    public void Terms_GreetingsAndFunctionWords_Dropped(string language, string text)
    {
        Assert.Equal(2, TextAnalyzer.For(language).Terms(text).Count());
    }

    [Fact]
    public void Terms_UnknownLanguage_FoldsWithoutStemming()
    {
        Assert.Equal(["kassorna", "och"], TextAnalyzer.For("xx").Terms("Kassorna och"));
    }

    [Fact]
    public void Grams_Compound_ShareGramsWithItsParts()
    {
        var compound = TextAnalyzer.Grams("kvittoskriv", 4).ToHashSet();

        Assert.Equal(["skri", "kriv"], TextAnalyzer.Grams("skriv", 4).Where(compound.Contains));
        Assert.Empty(TextAnalyzer.Grams("kas", 4));
    }
}
