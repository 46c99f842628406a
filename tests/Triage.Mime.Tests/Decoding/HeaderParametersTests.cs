using Triage.Mime.Decoding;

namespace Triage.Mime.Tests.Decoding;

public class HeaderParametersTests
{
    [Theory]
    [InlineData("text/plain", "text/plain")]
    [InlineData("Text/HTML; charset=utf-8", "text/html")]
    [InlineData("  multipart/mixed ;boundary=x", "multipart/mixed")]
    [InlineData("attachment", "attachment")]
    [InlineData("INLINE;", "inline")]
    [InlineData("text / plain; charset=x", "text/plain")]
    [InlineData("text/plain (body text); charset=x", "text/plain")]
    [InlineData("\"text/plain\"; charset=x", "text/plain")]
    [InlineData("; charset=x", "")]
    [InlineData("charset=x", "")]
    [InlineData("", "")]
    [InlineData("text/plain charset=us-ascii", "text/plain")]
    public void Parse_MainValue_IsLowerCasedAndTrimmed(string header, string expected) =>
        Assert.Equal(expected, HeaderParameters.Parse(header).Value);

    [Theory]
    [InlineData("text/plain; charset=utf-8", "charset", "utf-8")]
    [InlineData("text/plain; CHARSET=\"ISO-8859-1\"", "charset", "ISO-8859-1")]
    [InlineData("text/plain;charset=us-ascii;format=flowed", "format", "flowed")]
    [InlineData("text/plain; charset = utf-8 ", "charset", "utf-8")]
    [InlineData("text/plain; charset=us-ascii (Plain text)", "charset", "us-ascii")]
    [InlineData("text/plain; charset=us-ascii(Plain text)", "charset", "us-ascii")]
    [InlineData("text/plain charset=us-ascii", "charset", "us-ascii")]
    [InlineData("text/plain; charset=us-ascii format=flowed", "format", "flowed")]
    [InlineData("text/plain; charset=us-ascii format=flowed", "charset", "us-ascii")]
    [InlineData("attachment; filename=my file.pdf", "filename", "my file.pdf")]
    [InlineData("attachment; filename=report (1).pdf", "filename", "report (1).pdf")]
    [InlineData("attachment; filename=\"a;b.txt\"", "filename", "a;b.txt")]
    [InlineData("attachment; filename=\"say \\\"hi\\\".txt\"", "filename", "say \"hi\".txt")]
    [InlineData("attachment; filename=\"C:\\dir\\file.txt\"", "filename", "C:\\dir\\file.txt")]
    [InlineData("attachment; filename=\"a\\\\b.txt\"", "filename", "a\\b.txt")]
    [InlineData("attachment; filename=\"unterminated.pdf", "filename", "unterminated.pdf")]
    [InlineData("attachment; filename=", "filename", "")]
    [InlineData("attachment; filename=\"\"", "filename", "")]
    [InlineData("attachment; filename=a.pdf;", "filename", "a.pdf")]
    [InlineData("attachment;; filename=a.pdf;;", "filename", "a.pdf")]
    [InlineData("attachment; filename=first.pdf; filename=second.pdf", "filename", "first.pdf")]
    [InlineData("attachment; (comment) filename=a.pdf", "filename", "a.pdf")]
    [InlineData("multipart/mixed; boundary=\"----=_Part_0_1.2\"", "boundary", "----=_Part_0_1.2")]
    [InlineData("multipart/mixed; boundary=----=_NextPart_000_0001", "boundary", "----=_NextPart_000_0001")]
    [InlineData("multipart/mixed; boundary=\"=?utf-8?Q?b?=\"", "boundary", "=?utf-8?Q?b?=")]
    [InlineData("text/plain; name==?utf-8?B?w6Rww6RyLnR4dA==?=", "name", "äpär.txt")]
    // RFC 2231 §3: continuations without charset.
    [InlineData("message/external-body; name*0=\"ftp://\"; name*1=\"cs.utk.edu/pub/moore/bulk-mailer/bulk-mailer.tar\"", "name", "ftp://cs.utk.edu/pub/moore/bulk-mailer/bulk-mailer.tar")]
    public void Parse_Parameter_HasExpectedValue(string header, string name, string expected)
    {
        var parsed = HeaderParameters.Parse(header);

        Assert.True(parsed.Parameters.TryGetValue(name, out var value), $"missing {name}");
        Assert.Equal(expected, value);
    }

    [Theory]
    // RFC 2047 inside a quoted value: not standard, but what most clients send.
    [InlineData("attachment; filename=\"=?utf-8?B?TMOkaGV0eXMgbXnDtmjDpHNzw6QucGRm?=\"", "Lähetys myöhässä.pdf")]
    [InlineData("attachment; filename=\"=?iso-8859-1?Q?Fr=E5gor_om_faktura.docx?=\"", "Frågor om faktura.docx")]
    [InlineData("attachment; filename=\"=?UTF-8?Q?Gr=C3=BC=C3=9Fe?= =?UTF-8?Q?.txt?=\"", "Grüße.txt")]
    // RFC 2231 §4: charset and language.
    [InlineData("attachment; filename*=us-ascii'en-us'This%20is%20%2A%2A%2Afun%2A%2A%2A", "This is ***fun***")]
    [InlineData("attachment; filename*=utf-8'en'%E2%82%AC%20rates.txt", "€ rates.txt")]
    [InlineData("attachment; filename*=UTF-8''R%C3%A4kning.pdf", "Räkning.pdf")]
    [InlineData("attachment; filename*=iso-8859-1''Fr%E5gor.txt", "Frågor.txt")]
    [InlineData("attachment; filename*=''%C3%A4.txt", "ä.txt")]
    [InlineData("attachment; filename*=%C3%A4.txt", "ä.txt")]
    [InlineData("attachment; filename*=\"UTF-8''na%C3%AFve.txt\"", "naïve.txt")]
    [InlineData("attachment; filename*=UTF-8''100%.txt", "100%.txt")]
    // RFC 2231 §4.1: continuations mixing encoded and plain sections.
    [InlineData("attachment; filename*0*=us-ascii'en'This%20is%20even%20more%20; filename*1*=%2A%2A%2Afun%2A%2A%2A%20; filename*2=\"isn't it!\"", "This is even more ***fun*** isn't it!")]
    [InlineData("attachment; filename*1=\"b.txt\"; filename*0=\"a\"", "ab.txt")]
    [InlineData("attachment; filename*0*=utf-8''%E2%82; filename*1*=%AC.txt", "€.txt")]
    [InlineData("attachment; filename*2*=%AC; filename*0*=utf-8''x%E2; filename*1*=%82", "x€")]
    [InlineData("attachment; filename*0=\"=?utf-8?B?w6Q=?=\"; filename*1=\".txt\"", "ä.txt")]
    // An RFC 2231 form beats a plain one whichever comes first.
    [InlineData("attachment; filename=\"fallback.pdf\"; filename*=utf-8''%C3%A4.pdf", "ä.pdf")]
    [InlineData("attachment; filename*=utf-8''%C3%A4.pdf; filename=\"fallback.pdf\"", "ä.pdf")]
    [InlineData("attachment; filename=\"fallback.pdf\"; filename*0=\"real\"; filename*1=\".pdf\"", "real.pdf")]
    public void Parse_EncodedFilename_Decodes(string header, string expected) =>
        Assert.Equal(expected, HeaderParameters.Parse(header).Parameters["filename"]);

    [Fact]
    public void Parse_ParameterNames_AreCaseInsensitive()
    {
        var parsed = HeaderParameters.Parse("text/plain; Charset=UTF-8");

        Assert.Equal("UTF-8", parsed.Parameters["charset"]);
        Assert.Equal("UTF-8", parsed.Parameters["CHARSET"]);
    }

    [Fact]
    public void Parse_ValuelessToken_IsDropped()
    {
        var parsed = HeaderParameters.Parse("attachment; foo; filename=a.pdf");

        Assert.Equal("a.pdf", Assert.Single(parsed.Parameters).Value);
    }

    [Fact]
    public void Parse_MissingSemicolons_StillFindsAllParameters()
    {
        var parsed = HeaderParameters.Parse("text/plain charset=\"utf-8\" format=flowed delsp=yes");

        Assert.Equal("text/plain", parsed.Value);
        Assert.Equal("utf-8", parsed.Parameters["charset"]);
        Assert.Equal("flowed", parsed.Parameters["format"]);
        Assert.Equal("yes", parsed.Parameters["delsp"]);
    }

    [Theory]
    [InlineData(";;;")]
    [InlineData("=")]
    [InlineData("a=\"")]
    [InlineData("text/plain; =x; \"y\"; *=z; name*99999999999=q; name**=r")]
    [InlineData("(((((")]
    [InlineData("text/plain; filename*0*=utf-8'")]
    [InlineData("\\\"\\")]
    public void Parse_Garbage_DoesNotThrow(string header) => Assert.NotNull(HeaderParameters.Parse(header));
}
