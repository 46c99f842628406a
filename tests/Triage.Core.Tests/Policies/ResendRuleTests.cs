using Triage.Core.Policies;

namespace Triage.Core.Tests.Policies;

public sealed class ResendRuleTests
{
    private const string Original = "Hej!\n\nKassan startar inte sedan i morse, felkod 1302.\n\nMvh Anna";

    private static readonly OpenTicketText[] OpenTickets =
    [
        new("t-newest", ResendRule.TextHash("Kvittoskrivaren skriver inte ut.")),
        new("t-kassan", ResendRule.TextHash(Original)),
    ];

    [Theory]
    [InlineData(Original, "t-kassan")]
    [InlineData("hej!  kassan startar inte sedan i morse,\r\nfelkod 1302. mvh anna", "t-kassan")] // re-wrapped, other case
    [InlineData("Hej!\n\nKassan startar inte sedan i morse, felkod １３０２.\n\nMvh Anna", "t-kassan")] // full-width digits (NFKC)
    [InlineData("Hej!\n\nKassan startar inte sedan i morse, felkod 1303.\n\nMvh Anna", null)]         // another digit
    [InlineData("Hej!\n\nKassan startar inte sedan i morse, felkod 1302.\n\nMvh Anna Berg", null)]
    [InlineData("", null)]
    [InlineData(" \n ", null)]
    public void FindJoin_NewText_JoinsOpenTicketWithSameText(string newText, string? expected)
    {
        Assert.Equal(expected, ResendRule.FindJoin(newText, OpenTickets)?.TicketId);
    }

    [Fact]
    public void FindJoin_TwoOpenTicketsWithSameText_FirstGiven()
    {
        var hash = ResendRule.TextHash(Original);

        Assert.Equal("t-a", ResendRule.FindJoin(Original, [new("t-a", hash), new("t-b", hash)])?.TicketId);
    }

    [Fact]
    public void TextHash_EmptyText_IsEmpty()
    {
        Assert.Equal("", ResendRule.TextHash(null));
        Assert.Equal(64, ResendRule.TextHash("x").Length);
    }
}
