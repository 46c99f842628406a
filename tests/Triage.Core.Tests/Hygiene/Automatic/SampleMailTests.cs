using Triage.Core.Mail;
using Triage.Hosting.Mail;
using Triage.Mime.Tests.Samples;
using static Triage.Core.Tests.Hygiene.Automatic.TestMail;

namespace Triage.Core.Tests.Hygiene.Automatic;

public sealed class SampleMailTests
{
    public static TheoryData<string> Files() => SampleMail.Files();

    [Theory]
    [MemberData(nameof(Files))]
    public void Detect_SampleMail_MatchesManifest(string file)
    {
        var expect = SampleMail.Expect(file);
        var verdict = Detector.Detect(MimeMailAdapter.FromRaw(file, SampleMail.Read(file)));

        Assert.Equal(expect.GetProperty("kind").GetString(), verdict.Kind.ToWireName());
        Assert.Equal(expect.GetProperty("out_of_office").GetBoolean(), verdict.OutOfOffice);
        var expected = expect.TryGetProperty("bounced_recipients", out var recipients)
            ? recipients.EnumerateArray().Select(r => r.GetString()!.ToUpperInvariant()).Order().ToArray()
            : [];
        Assert.Equal(expected, verdict.BouncedRecipients.Select(r => r.ToUpperInvariant()).Order().ToArray());
    }
}
