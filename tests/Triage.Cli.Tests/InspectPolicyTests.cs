using System.Text.Json;
using System.Text.Json.Nodes;

namespace Triage.Cli.Tests;

/// <summary>
/// <c>triage inspect</c> with the support policies, as a process, on the shipped desk (Stockholm, Mon–Fri
/// 08:00–17:00, priority tier 4 h of 08:00–20:00). 2026-11-21 is a Saturday, 2026-11-24 a Tuesday.
/// </summary>
public sealed class InspectPolicyTests : IDisposable
{
    private const string CriticalMail = "01-sv-kassan-startar-inte.eml";

    private readonly DirectoryInfo _temp = Directory.CreateTempSubdirectory("triage-inspect-");

    public void Dispose() => _temp.Delete(recursive: true);

    [Fact]
    public void Inspect_CriticalMailSaturdayNight_OnCallWithNumberInAckNotes()
    {
        var mail = InspectOne(RepoPaths.SampleMail(CriticalMail), "--now", "2026-11-21T22:00:00+01:00");

        Assert.True(mail["critical"]!.GetValue<bool>());
        Assert.Equal("P1", (string?)mail["priority"]);
        Assert.Equal("oncall", (string?)mail["route"]);
        Assert.False(mail["urgent"]!.GetValue<bool>());
        Assert.Equal("2026-11-22T11:00:00Z", (string?)mail["due_at"]); // Sunday 12:00 in Stockholm
        var notes = mail["ack_notes"]!.AsArray().Select(n => (string)n!).ToList();
        Assert.Contains(notes, n => n.Contains("+46 00 000 00 00", StringComparison.Ordinal));
        Assert.Contains(notes, n => n.Contains("may be billed", StringComparison.Ordinal));
    }

    [Fact]
    public void Inspect_CriticalMailTuesdayMorning_UrgentNormalRoute()
    {
        var mail = InspectOne(RepoPaths.SampleMail(CriticalMail), "--now", "2026-11-24T10:00:00+01:00");

        Assert.Equal("P1", (string?)mail["priority"]);
        Assert.Equal("normal", (string?)mail["route"]);
        Assert.True(mail["urgent"]!.GetValue<bool>());
        Assert.Equal("2026-11-24T13:00:00Z", (string?)mail["due_at"]);
        Assert.Empty(mail["ack_notes"]!.AsArray());
        Assert.Contains(mail["kb_suggestions"]!.AsArray(), s => (string?)s!["id"] == "restart-till");
    }

    [Fact]
    public void Inspect_CustomerEntitledToPrioritySupport_P2WithAccount()
    {
        var customers = Write("customers.csv", "match,account_id,name,plan,priority_support\nastromsjarn.example,A-2002,Åströms Järn,premium,true\n");

        var mail = InspectOne(RepoPaths.SampleMail("02-sv-dubbeldebitering-kvitto.eml"), "--now", "2026-11-24T10:00:00+01:00", "--customers", customers);

        Assert.False(mail["critical"]!.GetValue<bool>());
        Assert.Equal("A-2002", (string?)mail["account_id"]);
        Assert.Equal("P2", (string?)mail["priority"]);
        Assert.Equal("2026-11-24T13:00:00Z", (string?)mail["due_at"]);
    }

    [Fact]
    public void Inspect_EleventhMailFromOneSender_P4AndFlagged()
    {
        var input = Write("mails.jsonl", MailLines(11, followUps: true));

        var mails = Inspect("--jsonl-in", input, "--now", "2026-11-24T10:00:00+01:00");

        Assert.Equal(11, mails.Count);
        Assert.All(mails.Take(10), m => Assert.False(m["fair_use_exceeded"]!.GetValue<bool>()));
        Assert.True(mails[10]["fair_use_exceeded"]!.GetValue<bool>());
        Assert.Equal("P4", (string?)mails[10]["priority"]);
        Assert.Equal("11 mails in 24 h (fair use: at most 10).", (string?)mails[10]["fair_use_reason"]);
    }

    [Fact]
    public void Inspect_ConfigDeskChosen_UsesItsOnCallNumber()
    {
        var config = Write("appsettings.json", """
            {"Triage": {"Desks": {
              "sv": {},
              "nb": {"TimeZone": "Europe/Oslo", "OpeningHours": "Mon-Fri 08:00-16:00", "HolidayCountry": "NO", "CutOff": "15:00", "OnCallPhone": "+47 000 00 000"}
            }}}
            """);

        var mail = InspectOne(RepoPaths.SampleMail(CriticalMail), "--now", "2026-11-24T16:30:00+01:00", "--config", config, "--desk", "nb");
        var (exit, _, stderr) = TriageProcess.Triage("inspect", RepoPaths.SampleMail(CriticalMail), "--models", RepoPaths.Models, "--config", config);

        Assert.Equal("oncall", (string?)mail["route"]); // 16:30 is after the Oslo desk's closing
        Assert.Contains(mail["ack_notes"]!.AsArray(), n => ((string)n!).Contains("+47 000 00 000", StringComparison.Ordinal));
        Assert.Equal(2, exit);
        Assert.Contains("several desks (nb, sv); choose one with --desk", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Inspect_ConfiguredFairUseWindow_ReplacesDefault()
    {
        // A configured list must replace the default 10-in-24-h window, not be appended to it.
        var config = Write("appsettings.json", """{"Triage": {"FairUse": {"Windows": [{"Window": "1.00:00:00", "MaxMails": 20}]}}}""");
        var input = Write("mails.jsonl", MailLines(12, followUps: true));

        var mails = Inspect("--jsonl-in", input, "--now", "2026-11-24T10:00:00+01:00", "--config", config);

        Assert.Equal(12, mails.Count);
        Assert.All(mails, m => Assert.False(m["fair_use_exceeded"]!.GetValue<bool>()));
    }

    [Fact]
    public void Inspect_SixthNewTicketFromOneSender_P4ForOpenTickets()
    {
        var input = Write("mails.jsonl", MailLines(6, followUps: false));

        var mails = Inspect("--jsonl-in", input, "--now", "2026-11-24T10:00:00+01:00");

        Assert.Equal([false, false, false, false, false, true], mails.Select(m => m["fair_use_exceeded"]!.GetValue<bool>()));
        Assert.Equal("6 open tickets (fair use: at most 5).", (string?)mails[5]["fair_use_reason"]);
    }

    [Theory]
    [InlineData("--now", "2026-11-24 10:00", "is not an ISO 8601 time with an offset")]
    [InlineData("--customers", "customers.csv", "customers.csv line 2: priority_support 'maybe' is not true or false.")]
    [InlineData("--desk", "nb", "--desk needs --config FILE")]
    public void Inspect_BadOption_Exit2WithReason(string option, string value, string expected)
    {
        Write("customers.csv", "match,account_id,name,priority_support\nkaffebaren.example,A-1,Kaffebaren,maybe\n");
        var argument = option == "--customers" ? Path.Combine(_temp.FullName, value) : value;

        var (exit, stdout, stderr) = TriageProcess.Triage("inspect", RepoPaths.SampleMail(CriticalMail), "--models", RepoPaths.Models, option, argument);

        Assert.Equal(2, exit);
        Assert.Empty(stdout);
        Assert.Contains(expected, stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void InspectHelp_DescribesEveryPolicyOptionAndField()
    {
        var (exit, stdout, _) = TriageProcess.Triage("inspect", "--help");

        Assert.Equal(0, exit);
        foreach (var word in new[] { "--now", "--config", "--desk", "--customers", "--kb", "priority", "route", "urgent", "due_at", "account_id", "fair_use_exceeded", "kb_suggestions", "ack_notes" })
        {
            Assert.Contains(word, stdout, StringComparison.Ordinal);
        }
    }

    /// <summary>
    /// JSON lines of mails from one sender. As follow-ups, all but the first quote its ticket reference and open no
    /// ticket, so only the mail count can trip fair use; otherwise each opens a ticket.
    /// </summary>
    private static string MailLines(int count, bool followUps) => string.Join('\n', Enumerable.Range(1, count).Select(i => JsonSerializer.Serialize(new
    {
        id = i,
        raw = $"From: Anna <anna@kaffebaren.example>\r\nSubject: {(followUps && i > 1 ? "[#SUP-100001] " : "")}Kvittologga {i}\r\nMessage-ID: <m{i}@kaffebaren.example>\r\n\r\nHej, hur byter jag logga nummer {i} på kvittot? Mvh Anna\r\n",
    })));

    private static JsonObject InspectOne(string mail, params string[] options) => Assert.Single(Inspect([mail, .. options]));

    private static List<JsonObject> Inspect(params string[] arguments)
    {
        var (exit, stdout, stderr) = TriageProcess.Triage(["inspect", "--models", RepoPaths.Models, .. arguments]);
        Assert.True(exit == 0, stderr);
        return [.. stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => JsonNode.Parse(line)!.AsObject())];
    }

    private string Write(string name, string content)
    {
        var path = Path.Combine(_temp.FullName, name);
        File.WriteAllText(path, content);
        return path;
    }
}
