using Triage.Mime.Headers;

namespace Triage.Mime.Tests.Headers;

public class MessageIdsTests
{
    [Theory]
    [InlineData("<1234@local.machine.example>", "1234@local.machine.example")]
    [InlineData("  <1234@local.machine.example>  ", "1234@local.machine.example")]
    [InlineData("<1234@local.machine.example> (sent by hand)", "1234@local.machine.example")]
    [InlineData("(comment) <1234@local.machine.example>", "1234@local.machine.example")]
    [InlineData("1234@local.machine.example", "1234@local.machine.example")]
    [InlineData("<1234 @ local.machine.example>", "1234@local.machine.example")]
    [InlineData("<1234@local.machine.example", "1234@local.machine.example")]
    [InlineData("<<1234@local.machine.example>>", "1234@local.machine.example")]
    [InlineData("<\"quoted local\"@example.net>", "\"quoted local\"@example.net")]
    [InlineData("<no-at-sign>", "no-at-sign")]
    [InlineData("<>  <real@example.net>", "real@example.net")]
    [InlineData("102.10200000000105", "102.10200000000105")]
    [InlineData(" 102.10200000000105 (no host)", "102.10200000000105")]
    public void ParseSingle_MessageId_ReturnsIdWithoutBrackets(string header, string expected) =>
        Assert.Equal(expected, MessageIds.ParseSingle(header));

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("<>")]
    [InlineData("(only a comment)")]
    [InlineData("no id here")]
    public void ParseSingle_NoId_ReturnsNull(string header) => Assert.Null(MessageIds.ParseSingle(header));

    [Theory]
    [InlineData("<a@x> <b@x> <c@x>", "a@x|b@x|c@x")]
    [InlineData("<a@x>\r\n <b@x>\r\n\t<c@x>", "a@x|b@x|c@x")]
    [InlineData("<a@x>,<b@x>, <c@x>", "a@x|b@x|c@x")]
    [InlineData("<a@x><b@x>", "a@x|b@x")]
    [InlineData("<a@x> (comment) <b@x>", "a@x|b@x")]
    [InlineData("a@x b@x", "a@x|b@x")]
    [InlineData("<a@x> <> <b@x>", "a@x|b@x")]
    [InlineData("<a@x <b@x>", "a@x|b@x")]
    [InlineData("Your message of \"Mon, 15 Jan 2024 08:30:00\" <a@x>", "a@x")]
    [InlineData("<a@x> <a@x>", "a@x|a@x")]
    public void ParseList_References_ReturnsAllIds(string header, string expected) =>
        Assert.Equal(expected, string.Join('|', MessageIds.ParseList(header)));

    [Theory]
    [InlineData("<<<<")]
    [InlineData(">>>>")]
    [InlineData("\"")]
    [InlineData("(((")]
    [InlineData("<\"unterminated@x>")]
    public void ParseList_Garbage_DoesNotThrow(string header) => Assert.NotNull(MessageIds.ParseList(header));
}
