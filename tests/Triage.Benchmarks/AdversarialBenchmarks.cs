using BenchmarkDotNet.Attributes;
using Triage.Mime;
using Triage.Mime.Tests.Adversarial;

namespace Triage.Benchmarks;

/// <summary>The hostile inputs of the adversarial tests, timed properly: each must finish well under 2 s.</summary>
[MemoryDiagnoser]
public class AdversarialBenchmarks
{
    private byte[] _deep = [];
    private byte[] _manyParts = [];
    private byte[] _hugeHeader = [];
    private byte[] _largeBase64 = [];
    private byte[] _htmlBomb = [];

    [GlobalSetup]
    public void Setup()
    {
        _deep = AdversarialMail.DeepNesting(10_000);
        _manyParts = AdversarialMail.ManyParts(100_000);
        _hugeHeader = AdversarialMail.HugeHeaderLine(5 * 1024 * 1024);
        _largeBase64 = AdversarialMail.LargeBase64Attachment(50 * 1024 * 1024);
        _htmlBomb = AdversarialMail.HtmlRawTextBomb(1024 * 1024);
    }

    [Benchmark(Description = "10,000-deep multiparts")]
    public DecodeTotals DeepNesting() => FullDecode.Run(MimeParser.Parse(_deep));

    [Benchmark(Description = "100,000 parts")]
    public DecodeTotals ManyParts() => FullDecode.Run(MimeParser.Parse(_manyParts));

    [Benchmark(Description = "5 MB header line")]
    public DecodeTotals HugeHeaderLine() => FullDecode.Run(MimeParser.Parse(_hugeHeader));

    [Benchmark(Description = "50 MB base64 attachment")]
    public DecodeTotals LargeBase64() => FullDecode.Run(MimeParser.Parse(_largeBase64));

    [Benchmark(Description = "2 MB of '<' in title and style, to readable text")]
    public int HtmlRawTextBomb() => MimeParser.Parse(_htmlBomb).GetReadableText().Length;
}
