using System.Text.Json;
using Triage.Core.Tickets;
using Triage.Mime;
using Triage.Storage;

namespace Triage.Hosting.Tests.Policies;

/// <summary>
/// The support policies in the pipeline, end to end over the real store and the shipped models, knowledge base, desk
/// (Europe/Stockholm, weekdays 08:00–17:00) and templates; the clock is set to when each mail arrives.
/// </summary>
public sealed class SupportPipelineTests
{
    private const string CriticalText = "Kassan startar inte och vi kan inte ta betalt. Hela butiken står still, kortterminalen är död och kunderna går.";
    private static readonly DateTimeOffset SaturdayEvening = new(2026, 11, 21, 22, 0, 0, TimeSpan.FromHours(1));
    private static readonly DateTimeOffset TuesdayMorning = new(2026, 11, 24, 10, 0, 0, TimeSpan.FromHours(1));

    [Fact]
    public async Task CriticalMail_SaturdayAt22_RoutesOnCallWithP1AndAcknowledgementGivesOnCallNumber()
    {
        using var fixture = Create(SaturdayEvening);

        await fixture.IngestAsync(Mails.Human("karin@blommor.example", "Kassan startar inte", CriticalText, "c1@blommor.example"));

        var (json, properties) = await SingleEventAsync(fixture);
        Assert.Equal("P1", json.GetProperty("support_priority").GetString());
        Assert.Equal("oncall", json.GetProperty("route").GetString());
        Assert.False(json.GetProperty("urgent").GetBoolean());
        Assert.Equal("2026-11-22T11:00:00+00:00", json.GetProperty("due_at").GetDateTimeOffset().ToString("yyyy-MM-dd'T'HH:mm:sszzz", System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("oncall", properties["route"]);
        Assert.Equal("urgent", json.GetProperty("priority").GetString());
        var ack = await AcknowledgementTextAsync(fixture);
        Assert.Contains("+46 00 000 00 00", ack, StringComparison.Ordinal);
        Assert.Contains("debiteras", ack, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CriticalMail_TuesdayAt10_IsUrgentOnNormalRouteWithoutOnCallBlock()
    {
        using var fixture = Create(TuesdayMorning);

        await fixture.IngestAsync(Mails.Human("karin@blommor.example", "Kassan startar inte", CriticalText, "c1@blommor.example"));

        var (json, properties) = await SingleEventAsync(fixture);
        Assert.Equal("P1", json.GetProperty("support_priority").GetString());
        Assert.Equal("normal", json.GetProperty("route").GetString());
        Assert.True(json.GetProperty("urgent").GetBoolean());
        Assert.Equal("normal", properties["route"]);
        var ack = await AcknowledgementTextAsync(fixture);
        Assert.DoesNotContain("+46 00 000 00 00", ack, StringComparison.Ordinal);
        Assert.DoesNotContain("{oncall_block}", ack, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SenderOverFairUseThreshold_GetsP4AndFlag()
    {
        using var fixture = Create(TuesdayMorning, new()
        {
            ["Triage:FairUse:Windows:0:Window"] = "01:00:00",
            ["Triage:FairUse:Windows:0:MaxMails"] = "2",
        });

        await fixture.IngestAsync(
            Mails.Human("per@cafe.example", "Fråga om kvitton", "Hur ändrar jag texten längst ner på kvittot?", "f1@cafe.example"),
            Mails.Human("per@cafe.example", "Fråga om användare", "Hur lägger jag till en ny användare i kassan?", "f2@cafe.example"),
            Mails.Human("per@cafe.example", "Fråga om moms", "Vilken momssats ska jag använda för take away?", "f3@cafe.example"));

        var events = await EventsAsync(fixture);
        Assert.Equal(["P3", "P3", "P4"], events.Select(e => e.Json.GetProperty("support_priority").GetString()));
        Assert.Equal([false, false, true], events.Select(e => e.Json.GetProperty("fair_use_exceeded").GetBoolean()));
        Assert.Equal("low", events[2].Json.GetProperty("priority").GetString());
    }

    [Fact]
    public async Task IdenticalMailResentWhileTicketOpen_JoinsThatTicket()
    {
        using var fixture = Create(TuesdayMorning);
        const string text = "Hur ändrar jag texten längst ner på kvittot?\n\nMvh Per";
        await fixture.IngestAsync(Mails.Human("per@cafe.example", "Kvittotext", text, "r1@cafe.example"));
        fixture.Time.Advance(TimeSpan.FromMinutes(30));

        var reports = await fixture.IngestAsync(Mails.Human("per@cafe.example", "Kvittotext", "Hur ändrar  jag texten längst ner på KVITTOT?\nMvh Per", "r2@cafe.example"));

        var report = Assert.Single(reports);
        Assert.Equal(ThreadingAction.FollowUp, report.Action);
        Assert.Equal("SUP-100001", report.Result!.Ticket!.Number);
        var store = await fixture.StoreAsync();
        Assert.Equal(1, (await store.ListTicketsAsync(TicketFilter.All, new Paging(), CancellationToken.None)).Total);
        Assert.Equal([TicketEvent.Created, TicketEvent.Updated], (await EventsAsync(fixture)).Select(e => e.Json.GetProperty("type").GetString()));
    }

    [Fact]
    public async Task ResendAfterTicketClosed_OpensNewTicket()
    {
        using var fixture = Create(TuesdayMorning);
        const string text = "Hur ändrar jag texten längst ner på kvittot?";
        await fixture.IngestAsync(Mails.Human("per@cafe.example", "Kvittotext", text, "r1@cafe.example"));
        var store = await fixture.StoreAsync();
        await store.SetStatusAsync("SUP-100001", TicketStatus.Closed, CancellationToken.None);

        var reports = await fixture.IngestAsync(Mails.Human("per@cafe.example", "Kvittotext", text, "r2@cafe.example"));

        Assert.Equal(ThreadingAction.OpenTicket, Assert.Single(reports).Action);
    }

    [Fact]
    public async Task CustomerWithOpenTicket_NewUnrelatedMail_EventListsTheOpenTicket()
    {
        using var fixture = Create(TuesdayMorning);
        await fixture.IngestAsync(Mails.Human("per@cafe.example", "Kvittotext", "Hur ändrar jag texten längst ner på kvittot?", "o1@cafe.example"));
        fixture.Time.Advance(TimeSpan.FromMinutes(30));

        await fixture.IngestAsync(Mails.Human("per@cafe.example", "Moms", "Vilken momssats ska jag använda för take away?", "o2@cafe.example"));

        var events = await EventsAsync(fixture);
        Assert.Equal(2, events.Count);
        Assert.Empty(events[0].Json.GetProperty("customer_open_tickets").EnumerateArray());
        Assert.Equal("SUP-100002", events[1].Json.GetProperty("ticket_number").GetString());
        Assert.Equal(["SUP-100001"], events[1].Json.GetProperty("customer_open_tickets").EnumerateArray().Select(n => n.GetString()));
    }

    [Fact]
    public async Task MultiQuestionMail_AcknowledgementListsTheQuestions()
    {
        using var fixture = Create(TuesdayMorning);

        await fixture.IngestAsync(ThreeQuestionMail());

        var (json, _) = await SingleEventAsync(fixture);
        var questions = json.GetProperty("questions").EnumerateArray().Select(q => q.GetString()!).ToList();
        Assert.True(questions.Count >= 2, string.Join(" | ", questions));
        var ack = await AcknowledgementTextAsync(fixture);
        Assert.Contains("Du ställde flera frågor", ack, StringComparison.Ordinal);
        Assert.All(questions, q => Assert.Contains("- " + q, ack, StringComparison.Ordinal));
    }

    [Fact]
    public async Task ThreeQuestionMail_SplittingOn_OpensParentAndOneLinkedChildPerQuestion()
    {
        using var fixture = Create(TuesdayMorning, new() { ["Triage:Questions:SplitIntoTickets"] = "true" });

        await fixture.IngestAsync(ThreeQuestionMail());

        var events = await EventsAsync(fixture);
        Assert.Equal(4, events.Count);
        Assert.All(events, e => Assert.Equal(TicketEvent.Created, e.Json.GetProperty("type").GetString()));
        var parent = events[0].Json;
        var questions = parent.GetProperty("questions").EnumerateArray().Select(q => q.GetString()!).ToList();
        Assert.Equal(3, questions.Count);
        Assert.Null(parent.GetProperty("parent_ticket").GetString());
        var children = events.Skip(1).Select(e => e.Json).ToList();
        Assert.All(children, c => Assert.Equal("SUP-100001", c.GetProperty("parent_ticket").GetString()));
        Assert.Equal(questions, children.Select(c => c.GetProperty("new_text").GetString()));
        Assert.Equal(["Några frågor (1/3)", "Några frågor (2/3)", "Några frågor (3/3)"], children.Select(c => c.GetProperty("subject").GetString()));
        Assert.Equal(["SUP-100002", "SUP-100003", "SUP-100004"], children.Select(c => c.GetProperty("ticket_number").GetString()));
        var store = await fixture.StoreAsync();
        Assert.Equal(4, (await store.ListTicketsAsync(TicketFilter.All, new Paging(), CancellationToken.None)).Total);
        Assert.Single(await store.GetPendingAsync(OutboxChannel.Mail, 10, CancellationToken.None));
    }

    [Fact]
    public async Task ThreeQuestionMail_SplittingOff_OpensOneTicket()
    {
        using var fixture = Create(TuesdayMorning);

        await fixture.IngestAsync(ThreeQuestionMail());

        var (json, _) = await SingleEventAsync(fixture);
        Assert.Equal(3, json.GetProperty("questions").GetArrayLength());
        var store = await fixture.StoreAsync();
        Assert.Equal(1, (await store.ListTicketsAsync(TicketFilter.All, new Paging(), CancellationToken.None)).Total);
    }

    [Fact]
    public async Task ThreeQuestionMail_SplittingOn_ReceivedAgain_OpensNoNewTickets()
    {
        using var fixture = Create(TuesdayMorning, new() { ["Triage:Questions:SplitIntoTickets"] = "true" });
        await fixture.IngestAsync(ThreeQuestionMail());
        fixture.Time.Advance(TimeSpan.FromMinutes(5));

        await fixture.IngestAsync(ThreeQuestionMail());

        var store = await fixture.StoreAsync();
        Assert.Equal(4, (await store.ListTicketsAsync(TicketFilter.All, new Paging(), CancellationToken.None)).Total);
        Assert.Equal(4, (await EventsAsync(fixture)).Count);
    }

    [Fact]
    public async Task PrinterPaperQuestion_GetsKnowledgeBaseArticleInEventAndAcknowledgement()
    {
        using var fixture = Create(TuesdayMorning);

        await fixture.IngestAsync(Mails.Human(
            "per@cafe.example",
            "Kvittoskrivaren",
            "Hej, hur byter jag pappersrulle i kvittoskrivaren? Det kommer inget papper ut när jag skriver ut kvitton.",
            "p1@cafe.example"));

        var (json, _) = await SingleEventAsync(fixture);
        var suggestions = json.GetProperty("kb_suggestions").EnumerateArray().ToList();
        Assert.InRange(suggestions.Count, 1, 3);
        var title = suggestions[0].GetProperty("title").GetString()!;
        Assert.Contains("kvitto", title, StringComparison.OrdinalIgnoreCase);
        var ack = await AcknowledgementTextAsync(fixture);
        Assert.Contains("- " + title, ack, StringComparison.Ordinal);
    }

    private static byte[] ThreeQuestionMail() => Mails.Human(
        "per@cafe.example",
        "Några frågor",
        "Hej!\n\nHur exporterar jag SIE-filen till min revisor? Kan jag ha två kassor på samma licens? När kommer nästa faktura?\n\nMvh Per",
        "q1@cafe.example");

    private static PipelineFixture Create(DateTimeOffset at, Dictionary<string, string?>? settings = null)
    {
        var values = new Dictionary<string, string?> { ["Triage:ModelsDirectory"] = ModelsDirectory() };
        foreach (var (key, value) in settings ?? [])
        {
            values[key] = value;
        }

        var fixture = new PipelineFixture(values);
        fixture.Time.Advance(at - fixture.Time.GetUtcNow());
        return fixture;
    }

    /// <summary>The repository's models/ folder, found above the test's output folder.</summary>
    private static string ModelsDirectory()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            var candidate = Path.Combine(folder.FullName, "models");
            if (File.Exists(Path.Combine(candidate, "critical.model")))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException("No models/ folder with critical.model above " + AppContext.BaseDirectory);
    }

    private static async Task<List<(JsonElement Json, IReadOnlyDictionary<string, string> Properties)>> EventsAsync(PipelineFixture fixture)
    {
        var store = await fixture.StoreAsync();
        var rows = await store.GetPendingAsync(OutboxChannel.Events, 100, CancellationToken.None);
        return [.. rows.Select(r => (JsonDocument.Parse(r.Body).RootElement.Clone(), r.Properties))];
    }

    private static async Task<(JsonElement Json, IReadOnlyDictionary<string, string> Properties)> SingleEventAsync(PipelineFixture fixture) =>
        Assert.Single(await EventsAsync(fixture));

    private static async Task<string> AcknowledgementTextAsync(PipelineFixture fixture)
    {
        var store = await fixture.StoreAsync();
        var row = Assert.Single(await store.GetPendingAsync(OutboxChannel.Mail, 10, CancellationToken.None));
        return MimeParser.Parse(row.Body).TextBody!;
    }
}
