using System.Diagnostics;
using System.Xml.Linq;
using Xunit.Abstractions;

namespace Triage.Mime.Tests.Parser;

/// <summary>The parser against the third-party corpus in ../shared/corpus/mime (read in place, never copied).</summary>
public sealed class CorpusConformanceTests(ITestOutputHelper output)
{
    public static TheoryData<string> Mime4jCases()
    {
        var data = new TheoryData<string>();
        var root = Corpus.Path("mime", "apache_james-mime4j", "core", "src", "test", "resources");
        if (root is null)
        {
            data.Add("(corpus absent)");
            return data;
        }

        foreach (var xml in Directory.EnumerateFiles(root, "*_decoded.xml", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetRelativePath(root, xml));
        }

        return data;
    }

    [CorpusFact]
    public void EveryCorpusFile_ParsesAndFullyDecodes_WithoutExceptionWithinOneSecond()
    {
        var files = Directory.EnumerateFiles(Corpus.Path("mime")!, "*", SearchOption.AllDirectories).ToList();
        var slowest = (File: "", Ms: 0.0);
        Adversarial.AdversarialTests.FullDecode(MimeParser.Parse(File.ReadAllBytes(files[0])));
        foreach (var file in files)
        {
            var raw = File.ReadAllBytes(file);
            var watch = Stopwatch.StartNew();
            Adversarial.AdversarialTests.FullDecode(MimeParser.Parse(raw));
            watch.Stop();
            if (watch.Elapsed.TotalMilliseconds > slowest.Ms)
            {
                slowest = (file, watch.Elapsed.TotalMilliseconds);
            }
        }

        output.WriteLine($"{files.Count} files; slowest {slowest.Ms:F1} ms: {slowest.File}");
        Assert.True(files.Count > 1000, $"expected the whole corpus, found {files.Count} files");
        Assert.True(slowest.Ms < 1000, $"{slowest.File} took {slowest.Ms:F0} ms");
    }

    /// <summary>mime4j's decoded part contents, byte for byte, in document order.</summary>
    [CorpusTheory]
    [MemberData(nameof(Mime4jCases))]
    public void Mime4jDecodedParts_MatchByteForByte(string relativeXml)
    {
        var root = Corpus.Path("mime", "apache_james-mime4j", "core", "src", "test", "resources")!;
        var xmlPath = Path.Combine(root, relativeXml);
        var folder = Path.GetDirectoryName(xmlPath)!;
        var message = Path.Combine(folder, Path.GetFileName(xmlPath).Replace("_decoded.xml", ".msg", StringComparison.Ordinal));
        var expected = XDocument.Load(xmlPath).Descendants()
            .Where(e => e.Name.LocalName is "text-body" or "binary-body")
            .Select(e => (string)e.Attribute("name")!)
            .ToList();

        var leaves = Leaves(MimeParser.Parse(File.ReadAllBytes(message))).ToList();

        Assert.Equal(expected.Count, leaves.Count);
        for (var i = 0; i < expected.Count; i++)
        {
            var want = File.ReadAllBytes(Path.Combine(folder, expected[i]));
            var got = leaves[i].GetDecodedContent();
            Assert.True(want.AsSpan().SequenceEqual(got), $"{expected[i]}: expected {want.Length} bytes, got {got.Length}");
        }
    }

    private static IEnumerable<MimeEntity> Leaves(MimeMessage message) =>
        message.Walk().Where(e => !e.IsMultipart && e.EmbeddedMessage is null);
}
