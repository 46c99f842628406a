using System.Text;

namespace Triage.Mime.Tests.Parser;

public sealed class MimeParserTests
{
    private static MimeMessage Parse(string text, bool crlf = true, MimeParserOptions? options = null) =>
        MimeParser.Parse(Encoding.UTF8.GetBytes(crlf ? text.ReplaceLineEndings("\r\n") : text), options);

    [Fact]
    public void Parse_SimpleMessage_ReadsHeadersAndBody()
    {
        var message = Parse("From: a@example.com\nSubject: Hej\n\nBody line\n");

        Assert.Equal("Hej", message.Subject);
        Assert.Equal("Body line\r\n", message.TextBody);
        Assert.Empty(message.Diagnostics);
    }

    [Fact]
    public void Parse_FoldedHeader_IsUnfolded()
    {
        var message = Parse("Subject: first\n  second\n\tthird\n\nx");

        Assert.Equal("first  second\tthird", message.Subject);
    }

    [Theory]
    [InlineData("\n")]
    [InlineData("\r")]
    [InlineData("\r\n")]
    public void Parse_AnyLineEnding_SplitsHeadersFromBody(string newline)
    {
        var message = Parse($"Subject: s{newline}X-A: 1{newline}{newline}body{newline}", crlf: false);

        Assert.Equal("s", message.Subject);
        Assert.Equal("1", message.Headers["X-A"]);
        Assert.StartsWith("body", message.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_BareCarriageReturns_AreReportedAndRawIsKept()
    {
        var raw = Encoding.ASCII.GetBytes("Subject: s\rContent-Type: text/plain\r\rbody\r");

        var message = MimeParser.Parse(raw);

        Assert.Contains(message.Diagnostics, d => d.Code == MimeDiagnosticCode.BareCarriageReturns);
        Assert.True(message.Raw.Span.SequenceEqual(raw));
    }

    [Fact]
    public void Parse_MboxFromLine_IsSkipped()
    {
        var message = Parse("From someone@example.com Mon Jan  1 00:00:00 2024\nSubject: s\n\nbody");

        Assert.Equal("s", message.Subject);
        Assert.Equal("body", message.TextBody);
    }

    [Fact]
    public void Parse_NonHeaderLineInHeaders_StartsTheBody()
    {
        var message = Parse("Subject: s\nThis is not a header\nX-B: 2\n\nrest");

        Assert.Equal("s", message.Subject);
        Assert.StartsWith("This is not a header", message.TextBody, StringComparison.Ordinal);
        Assert.Contains(message.Diagnostics, d => d.Code == MimeDiagnosticCode.MissingHeaderSeparator);
    }

    [Fact]
    public void Parse_NoHeadersAtAll_IsAllBody()
    {
        var message = Parse("\nJust text");

        Assert.Empty(message.Headers);
        Assert.Equal("Just text", message.TextBody);
    }

    [Fact]
    public void Parse_WhitespaceBeforeColon_IsAHeader()
    {
        var message = Parse("Subject : obsolete\n\nx");

        Assert.Equal("obsolete", message.Subject);
    }

    [Fact]
    public void Parse_DuplicateHeaders_FirstWinsAndAllAreKept()
    {
        var message = Parse("Subject: one\nSubject: two\n\nx");

        Assert.Equal("one", message.Subject);
        Assert.Equal(2, message.Headers.FindAll("subject").Count());
    }

    [Fact]
    public void Parse_MultipartAlternative_HasTwoChildrenAndDropsPreambleAndEpilogue()
    {
        var message = Parse("""
            Content-Type: multipart/alternative; boundary="b1"

            preamble
            --b1
            Content-Type: text/plain

            plain
            --b1
            Content-Type: text/html

            <p>html</p>
            --b1--
            epilogue
            """);

        Assert.True(message.Root.IsMultipart);
        Assert.Equal(2, message.Root.Children.Count);
        Assert.Equal("plain", message.TextBody);
        Assert.Equal("<p>html</p>", message.HtmlBody);
        Assert.Empty(message.Body.Attachments);
    }

    [Fact]
    public void Parse_BoundaryThatPrefixesAnother_DoesNotStealItsLines()
    {
        var message = Parse("""
            Content-Type: multipart/mixed; boundary="abc"

            --abc
            Content-Type: multipart/alternative; boundary="abcdef"

            --abcdef
            Content-Type: text/plain

            inner plain
            --abcdef
            Content-Type: text/html

            <b>inner</b>
            --abcdef--
            --abc
            Content-Type: application/pdf; name="a.pdf"

            PDF
            --abc--
            """);

        var inner = message.Root.Children[0];
        Assert.Equal(2, message.Root.Children.Count);
        Assert.Equal(2, inner.Children.Count);
        Assert.Equal("inner plain", message.TextBody);
        Assert.Equal("a.pdf", Assert.Single(message.Body.Attachments).FileName);
    }

    [Fact]
    public void Parse_ChildBoundaryPrefixedByParent_EndsChildAtParentLine()
    {
        var message = Parse("""
            Content-Type: multipart/mixed; boundary="abcdef"

            --abcdef
            Content-Type: multipart/alternative; boundary="abc"

            --abc
            Content-Type: text/plain

            child text
            --abcdef
            Content-Type: text/plain; name="n.txt"

            sibling
            --abcdef--
            """);

        Assert.Equal(2, message.Root.Children.Count);
        Assert.Equal("child text", message.Root.Children[0].Children[0].GetText());
        Assert.Equal("sibling", message.Root.Children[1].GetText());
    }

    [Fact]
    public void Parse_NestedMultipartReusingParentBoundary_GetsItsOwnParts()
    {
        var message = Parse("""
            Content-Type: multipart/mixed; boundary="same"

            --same
            Content-Type: multipart/alternative; boundary="same"

            --same
            Content-Type: text/plain

            a
            --same--
            """);

        var inner = Assert.Single(message.Root.Children);
        Assert.Equal("a", Assert.Single(inner.Children).GetText());
    }

    [Fact]
    public void Parse_MissingCloseDelimiter_EndsAtEndOfDataWithDiagnostic()
    {
        var message = Parse("Content-Type: multipart/mixed; boundary=x\n\n--x\nContent-Type: text/plain\n\nunterminated\n");

        Assert.Equal("unterminated\r\n", Assert.Single(message.Root.Children).GetText());
        Assert.Contains(message.Diagnostics, d => d.Code == MimeDiagnosticCode.MissingCloseBoundary);
    }

    [Fact]
    public void Parse_DelimiterWithTrailingText_StillDelimits()
    {
        var message = Parse("Content-Type: multipart/mixed; boundary=x\n\n--x  ignored\n\nfirst\n--x-- also ignored\nepilogue");

        Assert.Equal("first", Assert.Single(message.Root.Children).GetText());
    }

    [Fact]
    public void Parse_PartWithHeadersButNoBody_IsEmpty()
    {
        var message = Parse("Content-Type: multipart/mixed; boundary=x\n\n--x\nContent-Type: text/plain\n--x\n\nsecond\n--x--");

        Assert.Equal(2, message.Root.Children.Count);
        Assert.Equal(string.Empty, message.Root.Children[0].GetText());
        Assert.Equal("second", message.Root.Children[1].GetText());
    }

    [Fact]
    public void Parse_MultipartWithoutBoundary_IsOneLeafWithDiagnostic()
    {
        var message = Parse("Content-Type: multipart/mixed\n\n--x\nContent-Type: text/plain\n\nhi\n--x--");

        Assert.False(message.Root.IsMultipart);
        Assert.Contains(message.Diagnostics, d => d.Code == MimeDiagnosticCode.MissingBoundary);
        Assert.Single(message.Body.Attachments);
    }

    [Fact]
    public void Parse_InvalidContentType_ReadsAsPlainText()
    {
        var message = Parse("Content-Type: garbage\n\nhello");

        Assert.Equal("text/plain", message.Root.ContentType.MimeType);
        Assert.Equal("hello", message.TextBody);
        Assert.Contains(message.Diagnostics, d => d.Code == MimeDiagnosticCode.InvalidContentType);
    }

    [Fact]
    public void Parse_EmbeddedMessage_IsParsedAndListedAsAttachment()
    {
        var message = Parse("""
            Content-Type: multipart/mixed; boundary=x

            --x
            Content-Type: text/plain

            see forward
            --x
            Content-Type: message/rfc822

            Subject: inner
            From: inner@example.com

            inner body
            --x--
            """);

        var forwarded = message.Root.Children[1];
        Assert.Equal("inner", forwarded.EmbeddedMessage!.Subject);
        Assert.Equal("inner body", forwarded.EmbeddedMessage.TextBody);
        Assert.Same(forwarded, Assert.Single(message.Body.Attachments));
        Assert.Equal("see forward", message.TextBody);
    }

    [Fact]
    public void Parse_Base64EncodedEmbeddedMessage_IsDecodedThenParsed()
    {
        var inner = Convert.ToBase64String(Encoding.ASCII.GetBytes("Subject: wrapped\r\n\r\nhidden body\r\n"));
        var message = Parse($"Content-Type: multipart/mixed; boundary=x\n\n--x\nContent-Type: message/rfc822\nContent-Transfer-Encoding: base64\n\n{inner}\n--x--");

        var embedded = message.Root.Children[0].EmbeddedMessage!;
        Assert.Equal("wrapped", embedded.Subject);
        Assert.Equal("hidden body\r\n", embedded.TextBody);
    }

    [Fact]
    public void Parse_DigestChildWithoutContentType_IsAMessage()
    {
        var message = Parse("Content-Type: multipart/digest; boundary=d\n\n--d\n\nSubject: one\n\nfirst\n--d--");

        var part = Assert.Single(message.Root.Children);
        Assert.Equal("message/rfc822", part.ContentType.MimeType);
        Assert.Equal("one", part.EmbeddedMessage!.Subject);
    }

    [Fact]
    public void Parse_HeaderBlockOverLimit_SkipsFurtherFields()
    {
        var options = MimeParserOptions.Default with { MaxHeaderBytes = 40 };

        var message = Parse("X-A: 0123456789\nX-B: 0123456789\nX-C: 0123456789\nSubject: late\n\nbody", options: options);

        Assert.Null(message.Subject);
        Assert.Equal("body", message.TextBody);
        Assert.Contains(message.Diagnostics, d => d.Code == MimeDiagnosticCode.HeaderBlockTooLarge);
    }

    [Fact]
    public async Task ParseAsync_StreamOverMaxMessageSize_IsTruncatedWithDiagnostic()
    {
        var options = MimeParserOptions.Default with { MaxMessageSize = 100 };
        using var stream = new MemoryStream(Encoding.ASCII.GetBytes("Subject: big\r\n\r\n" + new string('x', 1000)));

        var message = await MimeParser.ParseAsync(stream, options);

        Assert.Equal(100, message.Raw.Length);
        Assert.Equal("big", message.Subject);
        Assert.Contains(message.Diagnostics, d => d.Code == MimeDiagnosticCode.MessageTruncated);
    }

    [Fact]
    public void Parse_UnknownTransferEncoding_PassesContentThrough()
    {
        var message = Parse("Content-Transfer-Encoding: x-weird\n\nas is");

        Assert.Equal("as is", message.TextBody);
        Assert.Contains(message.Diagnostics, d => d.Code == MimeDiagnosticCode.UnknownTransferEncoding);
    }

    [Fact]
    public void Walk_VisitsEmbeddedMessagesDepthFirst()
    {
        var message = Parse("Content-Type: multipart/mixed; boundary=x\n\n--x\n\na\n--x\nContent-Type: message/rfc822\n\nSubject: i\n\nb\n--x--");

        var types = message.Walk().Select(e => e.ContentType.MimeType).ToList();

        Assert.Equal(["multipart/mixed", "text/plain", "message/rfc822", "text/plain"], types);
    }
}
