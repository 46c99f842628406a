using Triage.Core.Policies;

namespace Triage.Core.Tests.Policies;

public sealed class QuestionSplitterTests
{
    private static readonly string[] ThreeQuestions =
    [
        "Hur lägger jag till en andra kassa?",
        "Kan vi dela lager mellan butikerna?",
        "Vad kostar en extra användare?",
    ];

    private static readonly QuestionOptions Split = new() { SplitIntoTickets = true };

    [Fact]
    public void Plan_SeveralQuestionsSplitOff_ListsThemWithoutChildren()
    {
        var plan = QuestionSplitter.Plan("Frågor", ThreeQuestions, QuestionOptions.Default);

        Assert.Equal(ThreeQuestions, plan.AcknowledgedQuestions);
        Assert.Empty(plan.ChildTickets);
    }

    [Fact]
    public void Plan_SeveralQuestionsSplitOn_OneChildPerQuestion()
    {
        var plan = QuestionSplitter.Plan(" Frågor om andra butiken ", ThreeQuestions, Split);

        Assert.Equal(ThreeQuestions, plan.AcknowledgedQuestions);
        Assert.Equal(ThreeQuestions, plan.ChildTickets.Select(c => c.Question));
        Assert.Equal([1, 2, 3], plan.ChildTickets.Select(c => c.Number));
        Assert.Equal("Frågor om andra butiken (2/3)", plan.ChildTickets[1].Subject);
        Assert.Equal("abc123#q2", plan.ChildTickets[1].OpeningKey("abc123"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("Varför startar inte kassan?")]
    [InlineData("Varför startar inte kassan?|varför  startar inte\nkassan?| ")] // one after repeats and blanks
    public void Plan_FewerThanTwoDistinctQuestions_NothingToListOrSplit(string joined)
    {
        var questions = joined.Length == 0 ? [] : joined.Split('|');

        var plan = QuestionSplitter.Plan("Kassan", questions, Split);

        Assert.Empty(plan.AcknowledgedQuestions);
        Assert.Empty(plan.ChildTickets);
    }

    [Fact]
    public void Plan_MoreQuestionsThanMaxChildren_ExtraStayWithParent()
    {
        var plan = QuestionSplitter.Plan(null, ThreeQuestions, Split with { MaxChildTickets = 2 });

        Assert.Equal(3, plan.AcknowledgedQuestions.Count);
        Assert.Equal(["Question (1/2)", "Question (2/2)"], plan.ChildTickets.Select(c => c.Subject));
    }
}
