using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Triage.Core.SelfHelp;
using Triage.Hosting.SelfHelp;
using Triage.Mime.Tests.Samples;
using Xunit.Abstractions;

namespace Triage.Core.Tests.SelfHelp;

/// <summary>The shipped knowledge base against questions we wrote as customers would (kb_questions.jsonl).</summary>
public sealed class KnowledgeBaseEvaluationTests(ITestOutputHelper output)
{
    private static readonly DateTimeOffset Now = new(2026, 3, 2, 10, 0, 0, TimeSpan.Zero);

    private static readonly JsonSerializerOptions Json = new() { PropertyNameCaseInsensitive = true };

    private static readonly Lazy<SelfHelpIndex> ShippedIndex = new(() => SelfHelpIndex.Build(KnowledgeBaseFolder.Load(KnowledgeBaseFolder.Default), []));

    [Fact]
    public void Suggest_QuestionSet_RightArticleInTopThreeAtLeast80Percent()
    {
        var questions = Questions();
        var hits = new List<(string Language, bool Hit)>();
        foreach (var q in questions)
        {
            var suggestions = ShippedIndex.Value.Suggest(q.Language, q.Subject, q.Text, Now).Articles;
            var hit = suggestions.Any(s => s.Id == q.Article);
            hits.Add((q.Language, hit));
            if (!hit)
            {
                output.WriteLine($"miss {q.Language} {q.Article}: {string.Join(", ", suggestions.Select(s => $"{s.Id} {s.Score:F1}"))} <- {q.Subject}");
            }
        }

        foreach (var group in hits.GroupBy(h => h.Language))
        {
            output.WriteLine($"{group.Key}: {Rate(group):P0} ({group.Count(h => h.Hit)}/{group.Count()})");
        }

        var overall = Rate(hits);
        output.WriteLine($"top-3 accuracy: {overall:P1} ({hits.Count(h => h.Hit)}/{hits.Count})");
        Assert.True(questions.Count >= 40, $"only {questions.Count} questions");
        Assert.True(overall >= 0.8, $"top-3 accuracy {overall:P1} is below 80%");
    }

    [Theory]
    [InlineData("en", "Thanks!", "Thank you so much for the quick help yesterday, everything works perfectly now. Have a great weekend!")]
    [InlineData("en", "Very disappointed", "I am really unhappy that your sales rep promised us a discount that never happened. I expect someone senior to call me back.")]
    [InlineData("sv", "Tack", "Tack för snabb hjälp igår, nu fungerar allt som det ska! Ha en skön helg.")]
    [InlineData("sv", "Missnöjd", "Jag är mycket missnöjd med bemötandet från er säljare. Det här är inte okej och jag vill prata med en chef.")]
    [InlineData("nb", "Takk for sist", "Takk for sist på messen i Lillestrøm, hyggelig å treffe dere! Vi snakkes.")]
    [InlineData("da", "Klage", "Jeg er utilfreds med jeres sælger, som lovede os en rabat, der aldrig kom. Det er ikke i orden.")]
    [InlineData("fi", "Kiitos", "Kiitos nopeasta avusta eilen, kaikki toimii taas hienosti!")]
    [InlineData("nl", "Afspraak", "Hallo, ik wil graag een afspraak maken met jullie accountmanager over een mogelijke samenwerking met onze franchiseketen.")]
    [InlineData("de", "Beschwerde", "Ich bin sehr enttäuscht über Ihren Außendienstmitarbeiter, der uns am Telefon unhöflich behandelt hat. Ich erwarte eine Entschuldigung.")]
    [InlineData("de", "Danke", "Vielen Dank für die schnelle Hilfe, jetzt klappt alles wieder!")]
    public void Suggest_OffTopicMail_NoSuggestions(string language, string subject, string text)
    {
        var suggestions = ShippedIndex.Value.Suggest(language, subject, text, Now).Articles;

        Assert.True(suggestions.Count == 0, string.Join(", ", suggestions.Select(s => $"{s.Id} {s.Score:F1}")));
    }

    [Fact]
    public void Build_ShippedKnowledgeBase_FastEnoughToRebuildOnChange()
    {
        var articles = KnowledgeBaseFolder.Load(KnowledgeBaseFolder.Default);
        var questions = Questions();
        var build = Stopwatch.StartNew();
        var index = SelfHelpIndex.Build(articles, []);
        build.Stop();
        const int Rounds = 20;
        var search = Stopwatch.StartNew();
        for (var round = 0; round < Rounds; round++)
        {
            foreach (var q in questions)
            {
                index.Suggest(q.Language, q.Subject, q.Text, Now);
            }
        }

        search.Stop();
        var perSecond = Rounds * questions.Count / search.Elapsed.TotalSeconds;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"index of {index.ArticleCount} articles built in {build.Elapsed.TotalMilliseconds:F0} ms; {perSecond:F0} queries/s"));
        Assert.Equal(105, index.ArticleCount);
        Assert.True(build.Elapsed < TimeSpan.FromSeconds(5), $"build took {build.Elapsed}");
        Assert.True(perSecond > 100, $"{perSecond:F0} queries/s");
    }

    private static double Rate(IEnumerable<(string Language, bool Hit)> hits) => hits.Average(h => h.Hit ? 1.0 : 0.0);

    private static List<Question> Questions()
    {
        var file = Path.Combine(Path.GetDirectoryName(SampleMail.Folder)!, "tests", "Triage.Core.Tests", "SelfHelp", "kb_questions.jsonl");
        return [.. File.ReadLines(file)
            .Where(line => line.Length > 0)
            .Select(line => JsonSerializer.Deserialize<Question>(line, Json)!)];
    }

    private sealed record Question(string Lang, string Article, string Subject, string Text)
    {
        public string Language => Lang;
    }
}
