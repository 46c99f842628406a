using System.Text;
using Triage.Mime;
using Triage.Smtp.Messages;

namespace Triage.Smtp.Tests.Messages;

public class MessageComposerTests
{
    private static readonly DateTimeOffset Now = new(2025, 3, 4, 8, 5, 0, TimeSpan.Zero);

    private static readonly ManualTimeProvider Clock = new(Now, TimeSpan.FromHours(1));

    private static readonly MessageIdGenerator Ids = new("ack.triage.test", Clock);

    private static OutgoingMessage Ack(string subject = "[#SUP-100001] We got your message", string text = "Hello\nThanks.") => new()
    {
        From = new Mailbox("support@triage.test", "Kundtjänst Triage"),
        To = [new Mailbox("kund@example.se", "Åsa Öberg")],
        Subject = subject,
        TextBody = text,
    };

    /// <summary>The smallest message; tests vary it with <c>with</c>.</summary>
    private static readonly OutgoingMessage Plain = new()
    {
        From = new Mailbox("support@triage.test"),
        To = [new Mailbox("kund@example.se")],
        Subject = "x",
        TextBody = "x",
    };

    private static (ComposedMessage Composed, MimeMessage Parsed) Compose(OutgoingMessage message)
    {
        var composed = new MessageComposer(Ids, Clock).Compose(message);
        return (composed, MimeParser.Parse(composed.Content));
    }

    private static string Text(ComposedMessage composed) => Encoding.ASCII.GetString(composed.Content.Span);

    [Fact]
    public void Compose_NonAsciiSubjectAndNames_RoundTripThroughTheParser()
    {
        var (composed, parsed) = Compose(Ack(subject: "[#SUP-100001] Tack för ditt meddelande – vi återkommer så snart vi kan ✓"));

        Assert.Equal("[#SUP-100001] Tack för ditt meddelande – vi återkommer så snart vi kan ✓", parsed.Subject);
        Assert.Equal([("Kundtjänst Triage", "support@triage.test")], parsed.From.Select(a => (a.Name, a.Address)));
        Assert.Equal([("Åsa Öberg", "kund@example.se")], parsed.To.Select(a => (a.Name, a.Address)));
        Assert.Contains("=?UTF-8?B?", Text(composed), StringComparison.Ordinal);
    }

    [Fact]
    public void Compose_AnyMessage_IsSevenBitWithShortCrlfLines()
    {
        var (composed, _) = Compose(Ack(
            subject: string.Concat(Enumerable.Repeat("Lång ämnesrad med många ord ", 8)),
            text: "Rad ett\n" + new string('x', 300) + "\nprice = 10 € \t\n.\n..dots\n"));

        var text = Text(composed);
        Assert.All(composed.Content.ToArray(), b => Assert.True(b < 0x80));
        Assert.DoesNotContain("\n", text.Replace("\r\n", "", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.All(text.Split("\r\n"), line => Assert.True(line.Length <= 76, $"{line.Length}: {line}"));
    }

    [Fact]
    public void Compose_LatinTextBody_IsQuotedPrintableAndDecodesExactly()
    {
        const string body = "Hej Åsa,\n\nvi har tagit emot ditt ärende.\n.\n..två punkter\nlikhet: a=b\nslutar med mellanslag \n" +
            "en mycket lång rad som måste brytas mjukt eftersom quoted-printable inte tillåter rader över sjuttiosex tecken";
        var (composed, parsed) = Compose(Ack(text: body));

        Assert.Contains("Content-Transfer-Encoding: quoted-printable", Text(composed), StringComparison.Ordinal);
        Assert.Equal(body.ReplaceLineEndings("\r\n") + "\r\n", parsed.TextBody?.ReplaceLineEndings("\r\n"));
    }

    [Fact]
    public void Compose_MostlyNonLatinBody_IsBase64AndDecodesExactly()
    {
        const string body = "Спасибо за ваше сообщение.\nΕυχαριστούμε για το μήνυμά σας.";
        var (composed, parsed) = Compose(Ack(text: body));

        Assert.Contains("Content-Transfer-Encoding: base64", Text(composed), StringComparison.Ordinal);
        Assert.Equal(body.ReplaceLineEndings("\r\n") + "\r\n", parsed.TextBody?.ReplaceLineEndings("\r\n"));
    }

    [Fact]
    public void Compose_WithHtml_WritesAlternativeWithBothParts()
    {
        var message = Plain with
        {
            Subject = "Ack",
            TextBody = "Tack för ditt ärende.",
            HtmlBody = "<p>Tack för ditt <b>ärende</b>.</p>",
        };

        var (composed, parsed) = Compose(message);

        Assert.Contains("multipart/alternative", Text(composed), StringComparison.Ordinal);
        Assert.Equal("Tack för ditt ärende.\r\n", parsed.TextBody?.ReplaceLineEndings("\r\n"));
        Assert.Equal("<p>Tack för ditt <b>ärende</b>.</p>\r\n", parsed.HtmlBody?.ReplaceLineEndings("\r\n"));
        Assert.Empty(parsed.Diagnostics);
    }

    [Fact]
    public void Compose_DateAndMessageId_ComeFromTheClockAndOurDomain()
    {
        var (composed, parsed) = Compose(Ack());

        Assert.StartsWith("Date: Tue, 04 Mar 2025 09:05:00 +0100\r\n", Text(composed), StringComparison.Ordinal);
        Assert.Equal(Now, parsed.Date);
        Assert.Equal(composed.MessageId, parsed.MessageId);
        Assert.EndsWith("@ack.triage.test", composed.MessageId, StringComparison.Ordinal);
        Assert.True(Ids.IsOurs($"<{composed.MessageId}>"));
        Assert.False(Ids.IsOurs("<abc@customer.example.se>"));
        Assert.NotEqual(composed.MessageId, Ids.Next());
    }

    [Fact]
    public void Compose_ThreadHeaders_AreWrittenAndInvalidIdsLeftOut()
    {
        var message = Plain with
        {
            Subject = "Re: order",
            InReplyTo = "<CAF=abc123@mail.example.se>",
            References = ["first@example.se", "<has space@example.se>", "<second@example.se>", "evil@x\r\nBcc: victim@example.test"],
        };

        var (_, parsed) = Compose(message);

        Assert.Equal(["CAF=abc123@mail.example.se"], parsed.InReplyTo);
        Assert.Equal(["first@example.se", "second@example.se"], parsed.References);
        Assert.Null(parsed.Headers["Bcc"]);
    }

    [Fact]
    public void Compose_LongThread_KeepsFirstAndLatestReferences()
    {
        var ids = Enumerable.Range(1, 50).Select(i => $"m{i}@example.se").ToList();
        var message = Plain with
        {
            Subject = "Re",
            References = ids,
        };

        var (_, parsed) = Compose(message);

        Assert.Equal([ids[0], .. ids[^(MessageComposer.MaxReferences - 1)..]], parsed.References);
    }

    [Theory]
    [InlineData("Hello\r\nBcc: victim@example.test")]
    [InlineData("Hello\nBcc: victim@example.test")]
    [InlineData("Hello\rBcc: victim@example.test")]
    [InlineData("Hello\r\n\r\nInjected body")]
    public void Compose_SubjectWithLineBreaks_StaysOneHeaderField(string subject)
    {
        var (composed, parsed) = Compose(Ack(subject: subject));

        Assert.Null(parsed.Headers["Bcc"]);
        Assert.StartsWith("Hello ", parsed.Subject, StringComparison.Ordinal);
        Assert.Equal("Hello\r\nThanks.\r\n", parsed.TextBody?.ReplaceLineEndings("\r\n"));
        Assert.DoesNotContain("\r\nBcc:", Text(composed), StringComparison.Ordinal);
    }

    [Fact]
    public void Compose_DisplayNameAndExtraHeaderWithLineBreaks_AreStripped()
    {
        var message = Plain with
        {
            From = new Mailbox("support@triage.test", "Support\r\nBcc: victim@example.test"),
            To = [new Mailbox("kund@example.se", "Evil \"Name\"\n")],
            Headers = [new("Auto-Submitted", "auto-replied"), new("X-Ticket", "SUP-1\r\nBcc: victim@example.test")],
        };

        var (_, parsed) = Compose(message);

        Assert.Null(parsed.Headers["Bcc"]);
        Assert.Equal("Support Bcc: victim@example.test", parsed.From[0].Name);
        Assert.Equal("Evil \"Name\"", parsed.To[0].Name);
        Assert.Equal("auto-replied", parsed.Headers["Auto-Submitted"]);
        Assert.Equal("SUP-1 Bcc: victim@example.test", parsed.Headers["X-Ticket"]);
    }

    [Theory]
    [InlineData("kund@example.se\r\nBcc: victim@example.test")]
    [InlineData("kund@example.se>, <victim@example.test")]
    [InlineData("no-domain")]
    [InlineData("åsa@example.se")]
    [InlineData("\"quoted local\"@example.se")]
    [InlineData("a@no_underscores.example")]
    public void Compose_UnwritableAddress_Throws(string address)
    {
        var message = Ack() with { To = [new Mailbox(address)] };

        Assert.Throws<ArgumentException>(() => Compose(message));
    }

    [Fact]
    public void Compose_InternationalDomain_IsWrittenAsPunycode()
    {
        var message = Plain with { To = [new Mailbox("info@bücher.example")] };

        var (_, parsed) = Compose(message);

        Assert.Equal("info@xn--bcher-kva.example", parsed.To[0].Address);
    }

    [Theory]
    [InlineData("Bad Name")]
    [InlineData("X-Bad:Name")]
    [InlineData("Subject")]
    [InlineData("from")]
    [InlineData("Content-Disposition")]
    [InlineData("X-Evil\r\nBcc")]
    public void Compose_ExtraHeaderWithBadOrComposedName_Throws(string name)
    {
        var message = Plain with { Headers = [new(name, "value")] };

        Assert.Throws<ArgumentException>(() => Compose(message));
    }

    [Fact]
    public void Compose_SubjectThatLooksLikeAnEncodedWord_IsReadBackLiterally()
    {
        var (_, parsed) = Compose(Ack(subject: "=?UTF-8?B?SGFja2Vk?= literal"));

        Assert.Equal("=?UTF-8?B?SGFja2Vk?= literal", parsed.Subject);
    }

    [Fact]
    public void Compose_AckHeadersAndQuotedAsciiName_AreWritten()
    {
        var message = Plain with
        {
            From = new Mailbox("support@triage.test", "Triage, Support"),
            To = [new Mailbox("a@example.se"), new Mailbox("b@example.se", "B. Person")],
            Headers = [new("Auto-Submitted", "auto-replied"), new("X-Auto-Response-Suppress", "All"), new("Precedence", "auto_reply")],
        };

        var (_, parsed) = Compose(message);

        Assert.Equal("Triage, Support", parsed.From[0].Name);
        Assert.Equal([(null, "a@example.se"), ("B. Person", "b@example.se")], parsed.To.Select(a => (a.Name, a.Address)));
        Assert.Equal(("auto-replied", "All", "auto_reply"), (parsed.Headers["Auto-Submitted"], parsed.Headers["X-Auto-Response-Suppress"], parsed.Headers["Precedence"]));
    }
}
