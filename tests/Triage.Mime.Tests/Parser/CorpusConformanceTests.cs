using System.Diagnostics;
using System.Xml.Linq;
using Xunit.Abstractions;

namespace Triage.Mime.Tests.Parser;

/// <summary>The parser against the third-party corpus in ../shared/corpus/mime (read in place, never copied).</summary>
public sealed class CorpusConformanceTests(ITestOutputHelper output)
{
    /// <summary>
    /// Where our documented policy reads broken mail differently from mime4j. Each entry is checked to still differ,
    /// so the list cannot go stale.
    /// </summary>
    private static readonly Dictionary<string, string> Mime4jDivergences = new(StringComparer.Ordinal)
    {
        // A line that is not a header ends the header block and starts the body (as Python's parser does);
        // mime4j drops such lines as bogus headers and so loses the customer's text.
        ["testmsgs/malformedHeader-noheader_decoded.xml"] = "non-header line starts the body",
        ["testmsgs/malformedHeader-nocrlfcrlf_decoded.xml"] = "non-header line starts the body",
        ["testmsgs/malformedHeaderStartsBody-noheader_decoded.xml"] = "non-header line starts the body",
        ["testmsgs/malformedHeaderStartsBody-nocrlfcrlf_decoded.xml"] = "non-header line starts the body",
        ["testmsgs/basic-plain-with-bad-header-separator_decoded.xml"] = "non-header line starts the body",
        ["mimetools-testmsgs/hdr-fakeout_decoded.xml"] = "non-header line starts the body",
        // A multipart in which no part ever starts is one leaf (as Python and JMAP servers read it), not an empty multipart.
        ["testmsgs/missing-boundary_decoded.xml"] = "multipart without any part is a leaf",
        ["testmsgs/missing-inner-boundary_decoded.xml"] = "multipart without any part is a leaf",
        ["mimetools-testmsgs/badbound_decoded.xml"] = "multipart without any part is a leaf",
        // Base64 followed by prose: we decode a trailing partial quantum (as Python does); mime4j drops it.
        ["mimetools-testmsgs/multi-frag_decoded.xml"] = "trailing partial base64 quantum decoded",
        ["mimetools-testmsgs/frag_decoded.xml"] = "trailing partial base64 quantum decoded",
    };

    public static TheoryData<string> Mime4jDivergentCases()
    {
        var data = new TheoryData<string>();
        foreach (var key in Mime4jDivergences.Keys)
        {
            data.Add(key);
        }

        return data;
    }

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
            var relative = Path.GetRelativePath(root, xml);
            if (!Mime4jDivergences.ContainsKey(relative))
            {
                data.Add(relative);
            }
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
            var ms = TimeFullDecode(raw);

            // A busy machine can stall one run; a file that is really slow stays slow when timed again.
            for (var retry = 0; retry < 2 && ms >= 1000; retry++)
            {
                ms = Math.Min(ms, TimeFullDecode(raw));
            }

            if (ms > slowest.Ms)
            {
                slowest = (file, ms);
            }
        }

        output.WriteLine($"{files.Count} files; slowest {slowest.Ms:F1} ms: {slowest.File}");
        Assert.True(files.Count > 1000, $"expected the whole corpus, found {files.Count} files");
        Assert.True(slowest.Ms < 1000, $"{slowest.File} took {slowest.Ms:F0} ms");
    }

    private static double TimeFullDecode(byte[] raw)
    {
        var watch = Stopwatch.StartNew();
        Adversarial.AdversarialTests.FullDecode(MimeParser.Parse(raw));
        return watch.Elapsed.TotalMilliseconds;
    }

    /// <summary>mime4j's decoded part contents, byte for byte, in document order.</summary>
    [CorpusTheory]
    [MemberData(nameof(Mime4jCases))]
    public void Mime4jDecodedParts_MatchByteForByte(string relativeXml)
    {
        var (expected, actual) = Mime4jParts(relativeXml);

        Assert.Equal(expected.Count, actual.Count);
        for (var i = 0; i < expected.Count; i++)
        {
            Assert.True(expected[i].Bytes.AsSpan().SequenceEqual(actual[i]), $"{expected[i].Name}: expected {expected[i].Bytes.Length} bytes, got {actual[i].Length}");
        }
    }

    [CorpusTheory]
    [MemberData(nameof(Mime4jDivergentCases))]
    public void Mime4jDivergence_StillDiffersAsDocumented(string relativeXml)
    {
        var (expected, actual) = Mime4jParts(relativeXml);

        var same = expected.Count == actual.Count && expected.Zip(actual).All(p => p.First.Bytes.AsSpan().SequenceEqual(p.Second));
        Assert.False(same, $"{relativeXml} now matches mime4j; remove it from the divergences ({Mime4jDivergences[relativeXml]})");
    }

    private static (List<(string Name, byte[] Bytes)> Expected, List<byte[]> Actual) Mime4jParts(string relativeXml)
    {
        var root = Corpus.Path("mime", "apache_james-mime4j", "core", "src", "test", "resources")!;
        var xmlPath = Path.Combine(root, relativeXml);
        var folder = Path.GetDirectoryName(xmlPath)!;
        var message = Path.Combine(folder, Path.GetFileName(xmlPath).Replace("_decoded.xml", ".msg", StringComparison.Ordinal));
        var expected = XDocument.Load(xmlPath).Descendants()
            .Where(e => e.Name.LocalName is "text-body" or "binary-body")
            .Select(e => (string)e.Attribute("name")!)
            .ToList();

        var actual = Leaves(MimeParser.Parse(File.ReadAllBytes(message))).Select(e => e.GetDecodedContent()).ToList();
        return ([.. expected.Select(name => (name, File.ReadAllBytes(Path.Combine(folder, name))))], actual);
    }

    private static IEnumerable<MimeEntity> Leaves(MimeMessage message) =>
        message.Walk().Where(e => !e.IsMultipart && e.EmbeddedMessage is null);
}
