using System.Diagnostics;

namespace Triage.Mime.Tests.Adversarial;

/// <summary>Random byte mutations of the shared corpus, each parsed and fully decoded; any exception fails the run.</summary>
public static class MutationFuzz
{
    /// <summary>Runs <paramref name="count"/> mutated inputs; returns how many were parsed. Slowest input is reported.</summary>
    public static int Run(int count, int seed, Action<string> log)
    {
        var files = Directory.EnumerateFiles(Corpus.Path("mime")!, "*", SearchOption.AllDirectories)
            .Where(f => new FileInfo(f).Length is > 0 and < 256 * 1024)
            .Order(StringComparer.Ordinal)
            .Select(File.ReadAllBytes)
            .ToArray();
        var random = new Random(seed);
        var slowest = TimeSpan.Zero;
        var parsed = 0;
        for (var i = 0; i < count; i++)
        {
            var source = files[random.Next(files.Length)];
            var input = AdversarialMail.Mutate(source, random);
            var watch = Stopwatch.StartNew();
            try
            {
                AdversarialTests.FullDecode(MimeParser.Parse(input));
            }
            catch (Exception e)
            {
                var saved = Path.Combine(Path.GetTempPath(), $"triage-fuzz-{seed}-{i}.eml");
                File.WriteAllBytes(saved, input);
                throw new InvalidOperationException($"mutation {i} (seed {seed}) threw; input saved to {saved}", e);
            }

            watch.Stop();
            if (watch.Elapsed > slowest)
            {
                slowest = watch.Elapsed;
            }

            parsed++;
        }

        log($"{parsed:N0} mutated inputs from {files.Length:N0} corpus files, seed {seed}; slowest {slowest.TotalMilliseconds:F1} ms");
        return parsed;
    }
}
