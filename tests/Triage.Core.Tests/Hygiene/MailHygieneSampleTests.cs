using Triage.Core.Hygiene;
using Triage.Hosting.Mail;
using Triage.Mime.Tests.Samples;

namespace Triage.Core.Tests.Hygiene;

/// <summary>Hygiene over our own sample mails, against what their author wrote in samples-mail/manifest.json.</summary>
public sealed class MailHygieneSampleTests
{
    private static readonly MailHygiene Hygiene = new(HygieneOptions.Default);

    [Theory]
    [MemberData(nameof(SampleMail.Files), MemberType = typeof(SampleMail))]
    public void Inspect_Sample_NoReplyFlagAndTicketReferenceAsInManifest(string file)
    {
        var expect = SampleMail.Expect(file);

        var result = Hygiene.Inspect(MimeMailAdapter.FromRaw(file, SampleMail.Read(file)));

        Assert.Equal(expect.GetProperty("sent_to_noreply").GetBoolean(), result.SentToNoReply);
        var kind = expect.GetProperty("kind").GetString();
        // A bounce's reference sits in the returned message, which the bounce links through its own fields.
        if (kind != "bounce")
        {
            Assert.Equal(expect.GetProperty("ticket_ref").GetString(), result.Links.TicketRef);
        }

        Assert.DoesNotContain("[#", result.Links.NormalizedSubject, StringComparison.Ordinal);
    }

    [Fact]
    public void Inspect_HumanMailWithAutoResponseSuppress_StaysHumanButIsNotAcknowledged()
    {
        const string file = "12-nb-sporsmal-felles-lager.eml";
        var mail = MimeMailAdapter.FromRaw(file, SampleMail.Read(file));

        var result = Hygiene.Inspect(mail);

        Assert.Equal("human", SampleMail.Expect(file).GetProperty("kind").GetString());
        Assert.Equal("X-Auto-Response-Suppress", result.Reply.Reason);
        Assert.False(result.Reply.Allowed);
    }
}
