using Triage.Classification;

namespace Triage.Classification.Tests;

public sealed class QuestionFinderTests
{
    [Theory]
    [InlineData("sv", "Hej! Hur ändrar jag momsen på kaffe? Och kan ni skicka nya kvittorullar till butiken?\nMvh Karin", 2)]
    [InlineData("nb", "Hei. Hva koster en ekstra terminal, og hvor lang leveringstid er det?", 2)]
    [InlineData("da", "Hej. Hvornår kommer pakken? Tak.", 1)]
    [InlineData("fi", "Moi, voisitteko lähettää laskun uudelleen. Onko hinta muuttunut?", 2)]
    [InlineData("nl", "Hallo, kunnen jullie de factuur aanpassen? Welke btw geldt voor koffie?", 2)]
    [InlineData("de", "Guten Tag, wie drucke ich den Z-Bon? Können Sie mir das bitte erklären? Wie drucke ich den Z-Bon aus?", 2)]
    [InlineData("en", "Hi, the till crashed this morning. We restarted it and it works now.", 0)]
    [InlineData("en", "Could you refund order 1234? Also, when will the new scanner ship?", 2)]
    public void Find_SupportMail_CountsDistinctQuestions(string language, string text, int expected)
    {
        Assert.True(QuestionFinder.Find(text).Count == expected, $"{language}: {string.Join(" | ", QuestionFinder.Find(text))}");
    }

    [Fact]
    public void Find_SameQuestionTwice_CountsOnce()
    {
        var questions = QuestionFinder.Find("When will my order arrive? When will my order arrive, please?");

        Assert.Single(questions);
    }

    [Fact]
    public void Find_TinyQuestion_IsIgnored()
    {
        Assert.Empty(QuestionFinder.Find("Hej?\nOk?"));
    }

    [Fact]
    public void Find_CompoundQuestion_SplitsIntoItsParts()
    {
        var questions = QuestionFinder.Find("Why did that happen, and when will the duplicate be refunded?");

        Assert.Equal(["Why did that happen?", "and when will the duplicate be refunded?"], questions);
    }
}
