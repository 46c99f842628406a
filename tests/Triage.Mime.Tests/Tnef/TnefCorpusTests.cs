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

    [CorpusFact]
    public void ReadAttachments_EmbeddedMessages_ReturnedAsTnefThatCanBeReadAgain()
    {
        var data = File.ReadAllBytes(Path.Combine(Folder, "christmas.tnef"));

        var found = TnefReader.ReadAttachments(data, out _);

        var embedded = found.Where(a => a.ContentType == "application/ms-tnef").ToList();
        Assert.Equal(2, embedded.Count);
        Assert.All(embedded, a => Assert.Equal("Untitled Attachment", a.FileName));
        var inner = embedded.SelectMany(a => TnefReader.ReadAttachments(a.Content, out _)).ToList();
        Assert.Contains(inner, a => a.FileName == "kitten-playing-with-a-christmas-tree.jpg");
    }

    [CorpusTheory]
    [InlineData("attachments", "zappa_av1.jpg", new byte[] { 0xFF, 0xD8, 0xFF })]
    [InlineData("panic", "image003.png", new byte[] { 0x89, 0x50, 0x4E, 0x47 })]
    [InlineData("MAPI_ATTACH_DATA_OBJ", "VIA_Nytt_1402.pdf", new byte[] { 0x25, 0x50, 0x44, 0x46 })]
    [InlineData("MAPI_OBJECT", "Untitled_Attachment", new byte[] { 0xD0, 0xCF, 0x11, 0xE0 })]
    public void ReadAttachments_CorpusSample_ContentStartsWithFileSignature(string sample, string fileName, byte[] magic)
    {
        var data = File.ReadAllBytes(Path.Combine(Folder, sample + ".tnef"));

        var found = TnefReader.ReadAttachments(data, out _).First(a => a.FileName == fileName);

        Assert.Equal(magic, found.Content.AsSpan(0, magic.Length).ToArray());
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
