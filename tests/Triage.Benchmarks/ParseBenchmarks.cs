using BenchmarkDotNet.Attributes;
using Triage.Mime;

namespace Triage.Benchmarks;

/// <summary>
/// Full decode of a folder of mail: TRIAGE_BENCH_CORPUS (e.g. the 2,000 mails of ../shared/peers/gen_corpus.py),
/// else the bundled samples-mail/. Throughput in MB/s = total bytes / mean time; see RESULTS.md.
/// </summary>
[MemoryDiagnoser]
public class ParseBenchmarks
{
    private byte[][] _mails = [];

    public long TotalBytes { get; private set; }

    [GlobalSetup]
    public void Setup()
    {
        var folder = Environment.GetEnvironmentVariable("TRIAGE_BENCH_CORPUS") ?? RepoPaths.Find("samples-mail");
        _mails = [.. Directory.GetFiles(folder, "*.eml").Order(StringComparer.Ordinal).Select(File.ReadAllBytes)];
        TotalBytes = _mails.Sum(m => (long)m.Length);
        Console.WriteLine($"// corpus {folder}: {_mails.Length} mails, {TotalBytes:N0} bytes");
    }

    [Benchmark(Description = "parse only")]
    public int ParseOnly()
    {
        var parts = 0;
        foreach (var mail in _mails)
        {
            parts += MimeParser.Parse(mail).Root.Children.Count;
        }

        return parts;
    }

    [Benchmark(Description = "parse + full decode")]
    public DecodeTotals ParseAndDecode()
    {
        var totals = default(DecodeTotals);
        foreach (var mail in _mails)
        {
            totals += FullDecode.Run(MimeParser.Parse(mail));
        }

        return totals;
    }
}

internal static class RepoPaths
{
    /// <summary>A folder at the repository root, found by walking up from the benchmark's build output.</summary>
    public static string Find(string name)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, name);
            if (Directory.Exists(candidate) && File.Exists(Path.Combine(dir.FullName, "Triage.sln")))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException($"{name}/ not found above {AppContext.BaseDirectory}");
    }
}
