using System.Text.Json;

namespace Triage.Mime.Tests.Samples;

/// <summary>Every sample mail parses to what its author wrote down in samples-mail/manifest.json.</summary>
public sealed class SampleMailTests
{
    [Fact]
    public void Manifest_CoversAtLeastThirtyMailsInEverySeedLanguage()
    {
        Assert.True(SampleMail.Manifest.Count >= 30);
        var languages = SampleMail.Manifest.Select(e => e.GetProperty("language").GetString()).ToHashSet();
        Assert.Superset(new HashSet<string?> { "sv", "nb", "da", "fi", "nl", "de", "en" }, languages);
    }

    [Theory]
    [MemberData(nameof(SampleMail.Files), MemberType = typeof(SampleMail))]
    public void Parse_SampleMail_MatchesManifest(string file)
    {
        var expect = SampleMail.Expect(file);

        var message = MimeParser.Parse(SampleMail.Read(file));

        var from = Assert.Single(message.From);
        Assert.Equal(expect.GetProperty("from_address").GetString(), from.Address);
        Assert.Equal(expect.GetProperty("from_name").GetString(), from.Name);
        Assert.Equal(expect.GetProperty("subject").GetString(), message.Subject);
        Assert.Equal(expect.GetProperty("html").GetBoolean(), message.Body.HasHtml);
        var text = Normalize(message.GetReadableText());
        foreach (var phrase in expect.GetProperty("text_contains").EnumerateArray())
        {
            Assert.Contains(Normalize(phrase.GetString()!), text, StringComparison.Ordinal);
        }

        var expectedAttachments = expect.GetProperty("attachments").EnumerateArray()
            .Select(a => (a.GetProperty("filename").GetString(), a.GetProperty("content_type").GetString()))
            .ToList();
        var actualAttachments = message.Body.Attachments.Select(a => (a.FileName, (string?)a.ContentType.MimeType)).ToList();
        Assert.Equal(expectedAttachments, actualAttachments);
        Assert.DoesNotContain(message.Diagnostics, d => d.Code != MimeDiagnosticCode.MissingHeaderSeparator);
    }

    private static string Normalize(string s) => string.Join(' ', s.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
