using System.Globalization;
using System.Text.Json;
using Triage.Mime.Tests;
using Xunit.Abstractions;

namespace Triage.Cli.Tests;

public sealed class ParseCommandTests(ITestOutputHelper output) : IDisposable
{
    private readonly string _work = Directory.CreateTempSubdirectory("triage-parse-").FullName;

    public void Dispose() => Directory.Delete(_work, recursive: true);

    [Fact]
    public void Parse_FolderOfMail_WritesOneJsonPerFileWithTheDocumentedShape()
    {
        var input = Directory.CreateDirectory(Path.Combine(_work, "in")).FullName;
        File.WriteAllText(Path.Combine(input, "hello.eml"),
            "From: =?iso-8859-1?Q?J=F6rgen_=C5str=F6m?= <jorgen@example.se>\r\nTo: support@kassasystem.example\r\n" +
            "Subject: Kassan startar inte\r\nDate: Tue, 3 Mar 2026 10:12:00 +0100\r\nMessage-ID: <a1@example.se>\r\n" +
            "In-Reply-To: <x@y> <z@w>\r\n\r\nHej!\r\n");
        File.WriteAllText(Path.Combine(input, "broken"), "not a header line\r\nstill text\r\n");

        var (exit, _, stderr) = TriageProcess.Triage("parse", input, "--out", Path.Combine(_work, "out"));

        Assert.Equal(0, exit);
        Assert.Contains("parsed 2 mail(s)", stderr, StringComparison.Ordinal);
        using var hello = JsonDocument.Parse(File.ReadAllText(Path.Combine(_work, "out", "hello.json")));
        var root = hello.RootElement;
        Assert.Equal("jorgen@example.se", root.GetProperty("from")[0].GetProperty("address").GetString());
        Assert.Equal("Kassan startar inte", root.GetProperty("subject").GetString());
        Assert.Equal("2026-03-03T10:12:00+01:00", root.GetProperty("date").GetString());
        Assert.Equal("a1@example.se", root.GetProperty("message_id").GetString());
        Assert.Equal("x@y z@w", root.GetProperty("in_reply_to").GetString());
        Assert.Equal("Hej!\r\n", root.GetProperty("text_body").GetString());
        Assert.False(root.GetProperty("html_body").GetBoolean());
        Assert.Equal(JsonValueKind.Array, root.GetProperty("attachments").ValueKind);
        Assert.Equal(JsonValueKind.Array, root.GetProperty("cc").ValueKind);

        using var broken = JsonDocument.Parse(File.ReadAllText(Path.Combine(_work, "out", "broken.json")));
        Assert.Equal(JsonValueKind.Null, broken.RootElement.GetProperty("subject").ValueKind);
        Assert.Contains("not a header line", broken.RootElement.GetProperty("text_body").GetString(), StringComparison.Ordinal);
        Assert.NotEqual(0, broken.RootElement.GetProperty("diagnostics").GetArrayLength());
    }

    [Fact]
    public void Parse_MissingFile_ReportsItAndExitsNonZero()
    {
        var (exit, _, stderr) = TriageProcess.Triage("parse", Path.Combine(_work, "nope.eml"), "--out", Path.Combine(_work, "out"));

        Assert.Equal(1, exit);
        Assert.Contains("cannot read", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_WithoutOut_FailsWithUsage()
    {
        var (exit, _, stderr) = TriageProcess.Triage("parse", _work);

        Assert.NotEqual(0, exit);
        Assert.Contains("--out", stderr, StringComparison.Ordinal);
    }

    /// <summary>php-mime-mail-parser's expectations, scored by ../shared/tools/oracle_check.py.</summary>
    [OracleFact]
    public void Parse_PhpOracle_MatchesEveryStructuralFieldAndBeatsPythonOnTheRest()
    {
        var tools = Path.Combine(Corpus.Root!, "..", "tools");
        var inputs = Path.Combine(_work, "in");
        Assert.Equal(0, TriageProcess.Run(TriageProcess.Python!, [Path.Combine(tools, "oracle_check.py"), "prepare", "--oracle", "php", "--out", inputs]).ExitCode);
        Assert.Equal(0, TriageProcess.Triage("parse", inputs, "--out", Path.Combine(_work, "ours")).ExitCode);
        Assert.Equal(0, TriageProcess.Run(TriageProcess.Python!, [Path.Combine(tools, "py_email_adapter.py"), inputs, Path.Combine(_work, "python")]).ExitCode);

        var ours = Score(tools, Path.Combine(_work, "ours"));
        var python = Score(tools, Path.Combine(_work, "python"));

        foreach (var field in new[] { "from", "to", "text_body", "html_body", "attachments_count", "attachments_filenames", "attachments_types" })
        {
            Assert.True(ours[field] == 1.0, $"{field}: {ours[field]:P1}, want 100%");
        }

        foreach (var field in new[] { "subject", "attachments" })
        {
            Assert.True(ours[field] >= python[field], $"{field}: {ours[field]:P1} < python {python[field]:P1}");
        }
    }

    private Dictionary<string, double> Score(string tools, string results)
    {
        var (exit, stdout, stderr) = TriageProcess.Run(TriageProcess.Python!, [Path.Combine(tools, "oracle_check.py"), "score", "--oracle", "php", "--results", results]);
        Assert.True(exit == 0, stderr);
        output.WriteLine(stdout);
        var rates = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var line in stdout.Split('\n'))
        {
            // "field   agree/total   rate   ..."
            var cells = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (cells.Length >= 3 && cells[1].Contains('/', StringComparison.Ordinal) && cells[2].EndsWith('%'))
            {
                rates[cells[0]] = double.Parse(cells[2].TrimEnd('%'), CultureInfo.InvariantCulture) / 100;
            }
        }

        return rates;
    }
}
