using Triage.Mime.Tnef;

namespace Triage.Mime.Tests.Tnef;

/// <summary>
/// MimeKit's TNEF samples. Each <c>name.list</c> beside <c>name.tnef</c> lists, one per line, the file names the
/// extraction must produce; <c>body.rtf</c>/<c>body.html</c>/<c>body.txt</c> are the message body, not attachments,
/// and are outside what <see cref="TnefReader"/> returns.
/// </summary>
public class TnefCorpusTests
{
    private static string Folder => Corpus.Path("mime", "jstedfast_MimeKit", "UnitTests", "TestData", "tnef")
        ?? throw new InvalidOperationException(Corpus.SkipReason);

    public static TheoryData<string> Samples()
    {
        var data = new TheoryData<string>();
        var folder = Corpus.Path("mime", "jstedfast_MimeKit", "UnitTests", "TestData", "tnef");
        if (folder is null)
        {
            data.Add("(corpus absent)");
            return data;
        }

        foreach (var file in Directory.GetFiles(folder, "*.tnef").Order(StringComparer.Ordinal))
            data.Add(Path.GetFileNameWithoutExtension(file));
        return data;
    }

    [CorpusTheory]
    [MemberData(nameof(Samples))]
    public void ReadAttachments_CorpusSample_FindsEveryListedAttachment(string sample)
    {
        var data = File.ReadAllBytes(Path.Combine(Folder, sample + ".tnef"));
        var listPath = Path.Combine(Folder, sample + ".list");
        var expected = File.Exists(listPath)
            ? File.ReadAllLines(listPath).Where(n => n.Length != 0 && !n.StartsWith("body.", StringComparison.Ordinal)).ToList()
            : [];

        var found = TnefReader.ReadAttachments(data, out var error);

        var names = found.Select(a => a.FileName).ToList();
        foreach (var name in expected) Assert.Contains(name, names);
        Assert.All(found, a => Assert.Contains("/", a.ContentType, StringComparison.Ordinal));
        // These two samples end in bytes that are not TNEF records; the rest are clean.
        if (sample is "garbage-at-end" or "panic") Assert.NotNull(error);
        else Assert.Null(error);
    }

    [CorpusTheory]
    [MemberData(nameof(Samples))]
    public void ReadAttachments_TruncatedCorpusSample_NeverThrows(string sample)
    {
        var data = File.ReadAllBytes(Path.Combine(Folder, sample + ".tnef"));
        var full = TnefReader.ReadAttachments(data, out _);
        int step = Math.Max(1, data.Length / 150);

        for (int length = 0; length < data.Length; length += step)
        {
            // A cut that falls on a record boundary is a valid shorter stream, so error may be null here.
            var found = TnefReader.ReadAttachments(data.AsSpan(0, length), out _);
            Assert.True(found.Count <= full.Count);
        }
    }

    [CorpusTheory]
    [MemberData(nameof(Samples))]
    public void ReadAttachments_MutatedCorpusSample_NeverThrows(string sample)
    {
        var original = File.ReadAllBytes(Path.Combine(Folder, sample + ".tnef"));
        var random = new Random(sample.Length);

        for (int round = 0; round < 60; round++)
        {
            var data = (byte[])original.Clone();
            for (int flips = random.Next(1, 8); flips > 0; flips--)
                data[random.Next(data.Length)] = (byte)random.Next(256);

            TnefReader.ReadAttachments(data, out _);
        }
    }
}
