using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Triage.Mime;

namespace Triage.Cli;

/// <summary>
/// <c>triage bench parse DIR</c>: single-thread full-decode throughput, the same work as
/// ../shared/peers/parse_py.py --mode full (subject and from decoded, text parts to strings, other leaves decoded).
/// </summary>
internal static class BenchCommand
{
    public static Command Create()
    {
        var directory = new Argument<DirectoryInfo>("dir") { Description = "Folder of *.eml files (e.g. the output of ../shared/peers/gen_corpus.py)." };
        var iterations = new Option<int>("--iterations", "-n")
        {
            Description = "Timed passes over all files, after one untimed warm-up pass.",
            DefaultValueFactory = _ => 5,
        };
        var parse = new Command("parse", "Measure full-decode parsing throughput (messages/s and MB/s, median of the passes).")
        {
            directory,
            iterations,
        };
        parse.SetAction((result, _) => Task.FromResult(Run(result.GetValue(directory)!, Math.Max(1, result.GetValue(iterations)))));
        return new Command("bench", "Throughput measurements to compare with the peers in ../shared/peers.") { parse };
    }

    private static int Run(DirectoryInfo directory, int iterations)
    {
        var files = directory.GetFiles("*.eml").OrderBy(f => f.Name, StringComparer.Ordinal).ToArray();
        if (files.Length == 0)
        {
            Console.Error.WriteLine($"triage bench: no *.eml files in {directory.FullName}");
            return 2;
        }

        var blobs = files.Select(f => File.ReadAllBytes(f.FullName)).ToArray();
        var totalBytes = blobs.Sum(b => (long)b.Length);
        var seconds = new List<double>();
        var check = default(DecodeTotals);
        for (var pass = 0; pass <= iterations; pass++)
        {
            var watch = Stopwatch.StartNew();
            check = default;
            foreach (var blob in blobs)
            {
                check += FullDecode.Run(MimeParser.Parse(blob));
            }

            watch.Stop();
            if (pass > 0)
            {
                seconds.Add(watch.Elapsed.TotalSeconds);
            }
        }

        seconds.Sort();
        var median = seconds[seconds.Count / 2];
        var inv = CultureInfo.InvariantCulture;
        Console.WriteLine(string.Create(inv,
            $"peer=triage mode=full files={blobs.Length} bytes={totalBytes} timed_iters={seconds.Count} median_s={median:F3} " +
            $"msgs_per_s={blobs.Length / median:F1} MB_per_s={totalBytes / 1e6 / median:F2} best_iter_s={seconds[0]:F3}"));
        Console.WriteLine(string.Create(inv,
            $"check: header_chars={check.HeaderChars} text_chars={check.TextChars} nontext_leaves={check.NonTextLeaves} decoded_bytes={check.DecodedBytes}"));
        return 0;
    }
}
