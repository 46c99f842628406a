using System.Text.Json;
using Triage.Core.Mail;
using Triage.Core.Tickets;

namespace Triage.Core.Tests.Tickets;

public sealed class TicketEventTests
{
    private static readonly DateTimeOffset At = new(2025, 3, 10, 8, 0, 0, TimeSpan.Zero);

    private static readonly JsonElement Schema = LoadSchema();

    private static JsonElement LoadSchema()
    {
        using var stream = TicketEventSchema.Open();
        using var document = JsonDocument.Parse(stream);
        return document.RootElement.Clone();
    }

    private static (Ticket Ticket, IngestOutcome Mail) Sample(TicketAssessment assessment)
    {
        var mail = TicketTests.Mail(new string('c', 64), assessment) with
        {
            MessageId = "CAF3xq9Yt2@mail.bergsbageri.example",
            ThreadMessageIds = ["ack.SUP-100001.cccccccccccc@triage.local"],
            NewText = "Kassan startar inte. Vad gör jag?",
            Attachments = [new TicketAttachment("kvitto.pdf", "application/pdf", 48213, new string('a', 64))],
        };
        return (Ticket.Open(mail, "SUP-100001", At), mail);
    }

    private static readonly TicketAssessment Classified = new()
    {
        Language = "sv",
        Topic = "bug",
        TopicScores = new Dictionary<string, double> { ["bug"] = 0.8999999761581421, ["billing"] = 0.1000000238418579 },
        Critical = true,
        Priority = TicketPriority.Urgent,
        MultiQuestion = true,
        Questions = ["Vad gör jag?", "Kan ni ringa?"],
    };

    public static TheoryData<string, bool> Variants => new()
    {
        { TicketEvent.Created, true },
        { TicketEvent.Updated, true },
        { TicketEvent.Created, false },
    };

    [Theory]
    [MemberData(nameof(Variants))]
    public void ToJson_CreatedOrUpdated_ValidAgainstSchema(string type, bool classified)
    {
        var (ticket, mail) = Sample(classified ? Classified : TicketAssessment.Unknown);

        using var json = JsonDocument.Parse(TicketEvent.Create(type, ticket, mail, At).ToJson());

        Assert.Empty(JsonSchemaChecker.Check(Schema, json.RootElement));
    }

    [Fact]
    public void Check_DocumentBreakingTheSchema_ReportsEachBreak()
    {
        var (ticket, mail) = Sample(Classified);
        var node = System.Text.Json.Nodes.JsonNode.Parse(TicketEvent.Create(TicketEvent.Created, ticket, mail, At).ToJson())!.AsObject();
        node.Remove("ticket_number");
        node["critical"] = "yes";
        node["type"] = "ticket.deleted";
        node["surprise"] = 1;
        node["attachments"]![0]!["size"] = 1.5;

        using var json = JsonDocument.Parse(node.ToJsonString());
        var errors = JsonSchemaChecker.Check(Schema, json.RootElement);

        Assert.Equal(5, errors.Count);
        Assert.Contains(errors, e => e.Contains("missing 'ticket_number'", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("$.attachments[0].size", StringComparison.Ordinal));
    }

    [Fact]
    public void ToJson_Created_SnakeCaseNamesAndWireValues()
    {
        var (ticket, mail) = Sample(Classified);

        var json = JsonDocument.Parse(TicketEvent.Create(TicketEvent.Created, ticket, mail, At).ToJson()).RootElement;

        Assert.Equal("1", json.GetProperty("schema_version").GetString());
        Assert.Equal("SUP-100001", json.GetProperty("ticket_number").GetString());
        Assert.Equal("urgent", json.GetProperty("priority").GetString());
        Assert.Equal("open", json.GetProperty("status").GetString());
        Assert.Equal(0.9, json.GetProperty("topic_scores").GetProperty("bug").GetDouble());
        Assert.Equal("anna@bergsbageri.example", json.GetProperty("customer").GetProperty("address").GetString());
        Assert.Equal("application/pdf", json.GetProperty("attachments")[0].GetProperty("content_type").GetString());
        Assert.Equal("2025-03-10T08:00:00+00:00", json.GetProperty("received_at").GetString());
    }

    [Fact]
    public void IdFor_SameTicketMessageAndType_SameIdOtherwiseDifferent()
    {
        var (ticket, mail) = Sample(Classified);

        var created = TicketEvent.Create(TicketEvent.Created, ticket, mail, At);
        var again = TicketEvent.Create(TicketEvent.Created, ticket, mail, At.AddHours(1));
        var updated = TicketEvent.Create(TicketEvent.Updated, ticket, mail, At);

        Assert.Equal(created.EventId, again.EventId);
        Assert.NotEqual(created.EventId, updated.EventId);
        Assert.NotEqual(created.EventId, TicketEvent.IdFor(ticket.Id, new string('d', 64), TicketEvent.Created));
    }

    [Fact]
    public void RoutingProperties_UnclassifiedTicket_PlaceholdersForUnknowns()
    {
        var (ticket, mail) = Sample(TicketAssessment.Unknown);

        var properties = TicketEvent.Create(TicketEvent.Updated, ticket, mail, At).RoutingProperties();

        Assert.Equal(
            new Dictionary<string, string> { ["topic"] = "none", ["language"] = "und", ["priority"] = "normal", ["critical"] = "false", ["eventType"] = "ticket.updated" },
            properties);
    }

    [Fact]
    public void FromJson_RoundTrip_SameContent()
    {
        var (ticket, mail) = Sample(Classified);
        var original = TicketEvent.Create(TicketEvent.Created, ticket, mail, At);

        var read = TicketEvent.FromJson(original.ToJson());

        Assert.Equal(original.ToJson(), read.ToJson());
    }

    [Theory]
    [InlineData("{\"schema_version\":\"2\"}")]
    [InlineData("null")]
    [InlineData("{\"event_id\":")]
    public void FromJson_NotAVersion1Event_JsonException(string json)
    {
        Assert.ThrowsAny<JsonException>(() => TicketEvent.FromJson(System.Text.Encoding.UTF8.GetBytes(json)));
    }

    [Fact]
    public void Create_NotATicketEventType_Throws()
    {
        var (ticket, mail) = Sample(Classified);

        Assert.Throws<ArgumentException>(() => TicketEvent.Create("mail.acknowledgement", ticket, mail, At));
    }
}
