using System.Text.RegularExpressions;
using Triage.Core.Hygiene;
using Triage.Hosting.Mail;
using Triage.Mime.Tests.Samples;

namespace Triage.Core.Tests.Hygiene.Trimming;

/// <summary>The project's sample mails: the new text starts as the manifest says (whitespace collapsed).</summary>
public sealed partial class SampleMailTrimmingTests
{
    private static readonly MailHygiene Hygiene = new(HygieneOptions.Default);

    public static TheoryData<string> Files() => SampleMail.Files();

    [Theory]
    [MemberData(nameof(Files))]
    public void Inspect_SampleMail_NewTextStartsAsManifestSays(string file)
    {
        var expected = SampleMail.Expect(file).GetProperty("new_text_starts").GetString()!;
        var mail = MimeMailAdapter.FromRaw(file, SampleMail.Read(file));

        var newText = Spaces().Replace(Hygiene.Inspect(mail).NewText, " ").Trim();

        Assert.StartsWith(expected, newText, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("03-sv-svar-kortterminal-fel-1302.eml", "Tack för snabb hjälp!")]
    [InlineData("04-sv-outlook-svar-retur.eml", "Tel. 0480-12 34 56")]
    [InlineData("10-nb-outlook-bestilling-ikke-mottatt.eml", "+47 55 30 12 40")]
    [InlineData("11-nb-svar-feil-vare-bilde.eml", "Siri")]
    [InlineData("15-da-outlook-html-oprindelig-meddelelse.eml", "Tlf. 98 12 45 60")]
    [InlineData("18-da-svar-kassen-fryser-indfletning.eml", "Tlf. 66 12 90 45")]
    [InlineData("22-fi-vs-lasku-lahettaja-lohko.eml", "puh. 014 123 4567")]
    [InlineData("27-nl-antw-kassa-loopt-vast.eml", "020-612 34 56")]
    [InlineData("28-nl-outlook-html-factuur-klopt-niet.eml", "T: 030-234 56 78")]
    [InlineData("34-de-aw-rechnung-gutschrift-fehlt.eml", "Tel.: 0711 / 23 45 67-0")]
    public void Inspect_SampleReply_EndsWithCustomersSignOff(string file, string lastLine)
    {
        var mail = MimeMailAdapter.FromRaw(file, SampleMail.Read(file));

        var newText = Hygiene.Inspect(mail).NewText;

        Assert.EndsWith(lastLine, newText, StringComparison.Ordinal);
        Assert.DoesNotContain("> ", newText, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"\s+", RegexOptions.None, matchTimeoutMilliseconds: 1000)]
    private static partial Regex Spaces();
}
