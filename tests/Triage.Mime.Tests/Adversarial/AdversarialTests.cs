using System.Diagnostics;
using Xunit.Abstractions;

namespace Triage.Mime.Tests.Adversarial;

/// <summary>
/// Hostile inputs end with a result, a diagnostic and bounded allocation. The time limits here only catch hangs and
/// quadratic blow-ups; speed itself is measured in tests/Triage.Benchmarks (AdversarialBenchmarks).
/// </summary>
[Collection(nameof(AdversarialTests))]
[CollectionDefinition(nameof(AdversarialTests), DisableParallelization = true)]
public sealed class AdversarialTests(ITestOutputHelper output)
{
    private static readonly TimeSpan HangGuard = TimeSpan.FromSeconds(10);

    [Fact]
    public void Parse_TenThousandDeepMultiparts_StopsAtMaxDepthWithDiagnostic()
    {
        var input = AdversarialMail.DeepNesting(10_000);

        var message = Measure(input, out _);

        Assert.Contains(message.Diagnostics, d => d.Code == MimeDiagnosticCode.MaxDepthExceeded);
        var depth = 0;
        for (var e = message.Root; e.Children.Count > 0; e = e.Children[0])
        {
            depth++;
        }

        Assert.Equal(MimeParserOptions.Default.MaxDepth, depth);
    }

    [Fact]
    public void Parse_HundredThousandParts_KeepsMaxPartsAndTheRestRaw()
    {
        var input = AdversarialMail.ManyParts(100_000);

        var message = Measure(input, out _);

        Assert.Contains(message.Diagnostics, d => d.Code == MimeDiagnosticCode.MaxPartsExceeded);
        Assert.Equal(MimeParserOptions.Default.MaxParts - 1, message.Root.Children.Count);
        Assert.Equal("part 0", message.Root.Children[0].GetText());
        Assert.Equal("part 9998", message.Root.Children[^1].GetText());
    }

    [Fact]
    public void Parse_FiveMegabyteHeaderLine_TruncatesTheValue()
    {
        var input = AdversarialMail.HugeHeaderLine(5 * 1024 * 1024);

        var message = Measure(input, out _);

        Assert.Equal(MimeParserOptions.Default.MaxLineLength - 1, message.Subject!.Length);
        Assert.True(message.Headers.Find("Subject")!.IsTruncated);
        Assert.Equal("body\r\n", message.TextBody);
    }

    [Fact]
    public void Parse_FiftyMegabyteBase64Attachment_DecodesWithinFourTimesTheInput()
    {
        var input = AdversarialMail.LargeBase64Attachment(50 * 1024 * 1024);

        var message = Measure(input, out var allocated);

        var attachment = Assert.Single(message.Body.Attachments);
        Assert.Equal("big.pdf", attachment.FileName);
        Assert.Equal(50 * 1024 * 1024 / 4 * 3, attachment.DecodedLength);
        Assert.True(allocated < 4L * input.Length, $"allocated {allocated:N0} bytes for {input.Length:N0} input bytes");
    }

    [Fact]
    public void ReadableText_HtmlRawTextBomb_StaysLinear()
    {
        var input = AdversarialMail.HtmlRawTextBomb(1024 * 1024);

        // Text is UTF-16 and AngleSharp builds a DOM: more room than the parser's own 4x bound.
        var message = Measure(input, out _, allocationFactor: 8);

        Assert.Equal("visible text", message.GetReadableText());
    }

    [Fact]
    public void Parse_MessageCutAtEveryPoint_NeverThrows()
    {
        var input = AdversarialMail.LargeBase64Attachment(4096);
        for (var cut = 0; cut <= input.Length; cut += 7)
        {
            var message = MimeParser.Parse(input.AsMemory(0, cut));
            FullDecode(message);
        }
    }

    /// <summary>A small sample in the unit suite; ./run.sh fuzz runs 100,000 (see MutationFuzzTests).</summary>
    [CorpusFact]
    public void Parse_MutatedCorpusSample_NeverThrows()
    {
        var count = MutationFuzz.Run(2_000, seed: 7, output.WriteLine);
        Assert.Equal(2_000, count);
    }

    internal static void FullDecode(MimeMessage message)
    {
        _ = Mime.FullDecode.Run(message);
        _ = (message.To, message.Cc, message.Date, message.MessageId, message.InReplyTo, message.References);
        foreach (var part in message.Walk())
        {
            _ = (part.FileName, part.ContentId, part.GetTnefAttachments());
        }

        _ = message.GetReadableText();
        _ = message.Body.Attachments.Count;
    }

    private MimeMessage Measure(byte[] input, out long allocated, int allocationFactor = 4)
    {
        var before = GC.GetAllocatedBytesForCurrentThread();
        var watch = Stopwatch.StartNew();
        var message = MimeParser.Parse(input);
        FullDecode(message);
        watch.Stop();
        allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        output.WriteLine($"{input.Length:N0} input bytes: {watch.Elapsed.TotalMilliseconds:F0} ms, {allocated:N0} bytes allocated ({(double)allocated / input.Length:F2}x)");
        Assert.True(watch.Elapsed < HangGuard, $"took {watch.Elapsed}");
        Assert.True(allocated < (long)allocationFactor * input.Length, $"allocated {allocated:N0} bytes for {input.Length:N0} input bytes");
        return message;
    }
}
