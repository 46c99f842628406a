using BenchmarkDotNet.Attributes;
using Triage.Core.Hygiene;
using Triage.Hosting.Mail;

namespace Triage.Benchmarks;

/// <summary>
/// <c>triage inspect</c>'s work per mail — parse, build the domain mail, hygiene — on the text-only part of the
/// benchmark corpus (TRIAGE_BENCH_CORPUS with gen_corpus.py's manifest.tsv: mails without attachments; plain,
/// alternative and reply-thread kinds). Mails/s = mails / mean. Falls back to samples-mail/.
/// </summary>
[MemoryDiagnoser]
public class InspectBenchmarks
{
    private readonly MailHygiene _hygiene = new(HygieneOptions.Default);
    private byte[][] _mails = [];

    [GlobalSetup]
    public void Setup()
    {
        var folder = Environment.GetEnvironmentVariable("TRIAGE_BENCH_CORPUS");
        var files = folder is null ? Directory.GetFiles(RepoPaths.Find("samples-mail"), "*.eml") : TextOnly(folder);
        _mails = [.. files.Order(StringComparer.Ordinal).Select(File.ReadAllBytes)];
        Console.WriteLine($"// {_mails.Length} text-only mails, {_mails.Sum(m => (long)m.Length):N0} bytes");
    }

    [Benchmark(Description = "parse + hygiene (text-only mails)")]
    public int Inspect()
    {
        var automatic = 0;
        foreach (var mail in _mails)
        {
            var result = _hygiene.Inspect(MimeMailAdapter.FromRaw("bench", mail));
            automatic += result.Verdict.Kind == Core.Mail.MailKind.Human ? 0 : 1;
        }

        return automatic;
    }

    /// <summary>Mails of gen_corpus.py's manifest without attachments, embedded messages or inline images.</summary>
    private static IEnumerable<string> TextOnly(string folder) =>
        File.ReadLines(Path.Combine(folder, "manifest.tsv")).Skip(1)
            .Select(line => line.Split('\t'))
            .Where(cells => cells[6] == "0" && (cells[1].StartsWith("plain_", StringComparison.Ordinal) || cells[1].StartsWith("alt_", StringComparison.Ordinal) || cells[1] == "reply_thread"))
            .Select(cells => Path.Combine(folder, cells[0]));
}
