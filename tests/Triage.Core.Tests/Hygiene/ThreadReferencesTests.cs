using Triage.Core.Hygiene;
using Triage.Core.Mail;

namespace Triage.Core.Tests.Hygiene;

public sealed class ThreadReferencesTests
{
    [Theory]
    [InlineData("SV: [#SUP-100123] Kortterminalen visar fel", "Kortterminalen visar fel")]
    [InlineData("Re: RE: Fwd: order 17", "order 17")]
    [InlineData("AW: WG: Rechnung", "Rechnung")]
    [InlineData("Antw: Doorst: factuur", "factuur")]
    [InlineData("VS: VL: lasku", "lasku")]
    [InlineData("Re[2]: hello", "hello")]
    [InlineData("[Fwd: my order]", "my order")]
    [InlineData("TR: Odp: facture", "facture")]
    [InlineData("Sv:   spaced    out", "spaced out")]
    [InlineData("Regarding the invoice", "Regarding the invoice")]
    [InlineData("Svar på frågan", "Svar på frågan")]
    public void NormalizeSubject_ReplyAndForwardPrefixes_AreStripped(string subject, string expected) =>
        Assert.Equal(expected, ThreadReferences.NormalizeSubject(subject, HygieneOptions.Default));

    [Theory]
    [InlineData("SV: [#SUP-100123] Kortterminalen", "body", "SUP-100123")]
    [InlineData("Hej", "Angående ärende [#sup-100200], kassan igen", "SUP-100200")]
    [InlineData("Hej", "no reference", null)]
    public void Find_TicketReference_FromSubjectThenBody(string subject, string body, string? expected)
    {
        var mail = new InboundMail { Id = "t", Subject = subject, TextBody = body };

        Assert.Equal(expected, ThreadReferences.Find(mail, body, HygieneOptions.Default).TicketRef);
    }
}
