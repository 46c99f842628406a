using Triage.Hosting.Acknowledgements;

namespace Triage.Hosting.Tests.Acknowledgements;

public sealed class AcknowledgementTemplatesTests
{
    private static readonly string Shipped = Path.Combine(AppContext.BaseDirectory, "templates");

    [Fact]
    public void Load_ShippedTemplates_CoverTheSevenLanguagesWithTicketNumberInSubject()
    {
        var templates = AcknowledgementTemplates.Load(Shipped);

        Assert.Equal(["da", "de", "en", "fi", "nb", "nl", "sv"], templates.Languages.Order(StringComparer.Ordinal));
        Assert.All(templates.Languages, l => Assert.Contains("{ticket_number}", templates.For(l).Subject, StringComparison.Ordinal));
        Assert.Equal("en", templates.For("fr").Language);
        Assert.Equal("en", templates.For(null).Language);
    }

    [Fact]
    public void Parse_UnknownPlaceholder_FailsNamingIt()
    {
        var error = Assert.Throws<InvalidDataException>(() => AcknowledgementTemplates.Parse("en", "Subject: [#{ticket_number}]\n\nHi {custmer_name}", "ack.en.txt"));

        Assert.Contains("{custmer_name}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_SubjectWithoutTicketNumber_Fails()
    {
        Assert.Throws<InvalidDataException>(() => AcknowledgementTemplates.Parse("en", "Subject: Thanks\n\nHi", "ack.en.txt"));
    }

    [Fact]
    public void Fill_ValueLookingLikePlaceholder_IsNotExpandedAgain()
    {
        var text = AcknowledgementTemplates.Fill("{subject} / {ticket_number}", new Dictionary<string, string> { ["subject"] = "{ticket_number}", ["ticket_number"] = "SUP-1" });

        Assert.Equal("{ticket_number} / SUP-1", text);
    }
}
