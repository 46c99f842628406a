using System.Text;

namespace Triage.Mime.Tests.Parser;

/// <summary>Body and attachment selection, RFC 8621 §4.1.4.</summary>
public sealed class MessageBodyTests
{
    private static MessageBody Body(string text) => MimeParser.Parse(Encoding.UTF8.GetBytes(text.ReplaceLineEndings("\r\n"))).Body;

    [Fact]
    public void Classify_RelatedHtmlWithCidImage_ImageIsAttachmentHtmlIsBody()
    {
        var body = Body("""
            Content-Type: multipart/related; boundary=r

            --r
            Content-Type: text/html

            <img src="cid:logo">
            --r
            Content-Type: image/png; name="logo.png"
            Content-ID: <logo>
            Content-Transfer-Encoding: base64

            iVBORw0KGgo=
            --r--
            """);

        Assert.Single(body.HtmlParts);
        var image = Assert.Single(body.Attachments);
        Assert.Equal("logo", image.ContentId);
        Assert.True(body.HasHtml);
    }

    [Fact]
    public void Classify_HtmlOnlyAlternative_TextListFallsBackToHtml()
    {
        var body = Body("Content-Type: multipart/alternative; boundary=a\n\n--a\nContent-Type: text/html\n\n<p>x</p>\n--a--");

        Assert.Single(body.TextParts);
        Assert.Null(body.GetPlainText());
        Assert.Equal("<p>x</p>", body.GetHtml());
    }

    [Fact]
    public void Classify_AttachmentDisposition_TextPartIsAttachment()
    {
        var body = Body("""
            Content-Type: multipart/mixed; boundary=m

            --m
            Content-Type: text/plain

            body text
            --m
            Content-Type: text/plain
            Content-Disposition: attachment; filename="notes.txt"

            attached text
            --m--
            """);

        Assert.Equal("body text", body.GetPlainText());
        Assert.Equal("notes.txt", Assert.Single(body.Attachments).FileName);
    }

    [Fact]
    public void Classify_NamedTextPartAfterFirst_IsAttachment()
    {
        var body = Body("Content-Type: multipart/mixed; boundary=m\n\n--m\n\nfirst\n--m\nContent-Type: text/plain; name=\"log.txt\"\n\nlog\n--m--");

        Assert.Equal("first", body.GetPlainText());
        Assert.Equal("log.txt", Assert.Single(body.Attachments).FileName);
    }

    [Fact]
    public void Classify_InlineImageBetweenTextParts_AllTextJoinedImageAttached()
    {
        var body = Body("""
            Content-Type: multipart/mixed; boundary=m

            --m

            before
            --m
            Content-Type: image/jpeg

            JPEG
            --m

            after
            --m--
            """);

        Assert.Equal("before\nafter", body.GetPlainText());
        Assert.Equal("image/jpeg", Assert.Single(body.Attachments).ContentType.MimeType);
    }

    [Fact]
    public void Classify_MixedWithAlternativeAndPdf_PicksBothBodiesAndThePdf()
    {
        var body = Body("""
            Content-Type: multipart/mixed; boundary=m

            --m
            Content-Type: multipart/alternative; boundary=a

            --a
            Content-Type: text/plain

            plain
            --a
            Content-Type: text/html

            <p>html</p>
            --a--
            --m
            Content-Type: application/pdf
            Content-Disposition: attachment; filename="invoice.pdf"

            %PDF
            --m--
            """);

        Assert.Equal("plain", body.GetPlainText());
        Assert.Equal("<p>html</p>", body.GetHtml());
        Assert.Equal("invoice.pdf", Assert.Single(body.Attachments).FileName);
    }

    [Fact]
    public void Classify_CalendarText_IsAttachmentNotBody()
    {
        var body = Body("Content-Type: multipart/mixed; boundary=m\n\n--m\n\nhi\n--m\nContent-Type: text/calendar\n\nBEGIN:VCALENDAR\n--m--");

        Assert.Equal("hi", body.GetPlainText());
        Assert.Equal("text/calendar", Assert.Single(body.Attachments).ContentType.MimeType);
    }
}
