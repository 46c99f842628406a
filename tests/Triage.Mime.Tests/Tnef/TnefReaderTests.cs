using System.Text;
using Triage.Mime.Tnef;

namespace Triage.Mime.Tests.Tnef;

public class TnefReaderTests
{
    private const ushort PrDisplayName = 0x3001;
    private const ushort PrAttachDataBin = 0x3701;
    private const ushort PrAttachFilename = 0x3704;
    private const ushort PrAttachMethod = 0x3705;
    private const ushort PrAttachLongFilename = 0x3707;
    private const ushort PrAttachMimeTag = 0x370E;

    private static readonly byte[] Hello = Encoding.ASCII.GetBytes("hello");

    [Fact]
    public void ReadAttachments_TitleAndData_ReturnsAttachment()
    {
        var tnef = new TnefBuilder().Renddata().Title("HELLO.TXT").Data(Hello).ToArray();

        var found = Assert.Single(TnefReader.ReadAttachments(tnef, out var error));

        Assert.Null(error);
        Assert.Equal("HELLO.TXT", found.FileName);
        Assert.Equal("text/plain", found.ContentType);
        Assert.Equal(Hello, found.Content);
    }

    [Fact]
    public void ReadAttachments_LongFileNameAndMimeTag_OverrideTitle()
    {
        var tnef = new TnefBuilder().Renddata().Title("REPORT~1.PDF").Data(Hello)
            .Properties(p => p.Unicode(PrAttachLongFilename, "Quarterly report.pdf").Ansi(PrAttachMimeTag, "Application/PDF"))
            .ToArray();

        var found = Assert.Single(TnefReader.ReadAttachments(tnef, out var error));

        Assert.Null(error);
        Assert.Equal("Quarterly report.pdf", found.FileName);
        Assert.Equal("application/pdf", found.ContentType);
    }

    [Fact]
    public void ReadAttachments_DataBeforeName_KeepsBothTogether()
    {
        var tnef = new TnefBuilder().Renddata().Data(Hello)
            .Properties(p => p.Ansi(PrAttachFilename, "late.bin")).ToArray();

        var found = Assert.Single(TnefReader.ReadAttachments(tnef, out _));

        Assert.Equal("late.bin", found.FileName);
        Assert.Equal(Hello, found.Content);
    }

    [Fact]
    public void ReadAttachments_AttachDataBinProperty_PreferredOverAttribute()
    {
        var tnef = new TnefBuilder().Renddata().Data([1, 2, 3])
            .Properties(p => p.Binary(PrAttachDataBin, Hello).Unicode(PrAttachLongFilename, "x.dat")).ToArray();

        var found = Assert.Single(TnefReader.ReadAttachments(tnef, out _));

        Assert.Equal(Hello, found.Content);
    }

    [Fact]
    public void ReadAttachments_AttachDataObject_SkipsInterfaceId()
    {
        var tnef = new TnefBuilder().Renddata()
            .Properties(p => p.Long(PrAttachMethod, 5).Object(PrAttachDataBin, Hello).Unicode(PrDisplayName, "Forwarded"))
            .ToArray();

        var found = Assert.Single(TnefReader.ReadAttachments(tnef, out _));

        Assert.Equal(Hello, found.Content);
        Assert.Equal("Forwarded", found.FileName);
        Assert.Equal("application/ms-tnef", found.ContentType);
    }

    [Fact]
    public void ReadAttachments_MultiValuedNamedAndPaddedProperties_AreSkippedCorrectly()
    {
        var tnef = new TnefBuilder().Renddata().Data(Hello)
            .Properties(p => p
                .MultiUnicode(0x1234, "a", "bcd", "")
                .Boolean(0x0E21, true)
                .NamedAnsi("X-Custom", "value")
                .Unicode(PrAttachLongFilename, "after.docx"))
            .ToArray();

        var found = Assert.Single(TnefReader.ReadAttachments(tnef, out var error));

        Assert.Null(error);
        Assert.Equal("after.docx", found.FileName);
        Assert.Equal("application/vnd.openxmlformats-officedocument.wordprocessingml.document", found.ContentType);
    }

    [Fact]
    public void ReadAttachments_TwoAttachments_ReturnsBothInOrder()
    {
        var tnef = new TnefBuilder()
            .Attribute(TnefBuilder.Message, TnefBuilder.AttTnefVersion, [0, 0, 1, 0])
            .Renddata().Title("A.TXT").Data([1])
            .Renddata().Title("B.UNKNOWNEXT").Data([2])
            .ToArray();

        var found = TnefReader.ReadAttachments(tnef, out var error);

        Assert.Null(error);
        Assert.Equal(["A.TXT", "B.UNKNOWNEXT"], found.Select(a => a.FileName));
        Assert.Equal("application/octet-stream", found[1].ContentType);
    }

    [Fact]
    public void ReadAttachments_NoData_SkipsAttachment()
    {
        var tnef = new TnefBuilder().Renddata().Title("REF.LNK").ToArray();

        Assert.Empty(TnefReader.ReadAttachments(tnef, out var error));
        Assert.Null(error);
    }

    [Fact]
    public void ReadAttachments_OemCodepage_DecodesAnsiTitle()
    {
        var tnef = new TnefBuilder()
            .Attribute(TnefBuilder.Message, TnefBuilder.AttOemCodepage, [0xE3, 0x04, 0, 0, 0, 0, 0, 0]) // 1251
            .Renddata().Attribute(TnefBuilder.Attachment, TnefBuilder.AttAttachTitle, [0xD4, 0xE0, 0xE9, 0xEB, 0])
            .Data(Hello).ToArray();

        var found = Assert.Single(TnefReader.ReadAttachments(tnef, out _));

        Assert.Equal("\u0424\u0430\u0439\u043B", found.FileName);
    }

    [Theory]
    [InlineData(new byte[0])]
    [InlineData(new byte[] { 0x78, 0x9F, 0x3E })]
    [InlineData(new byte[] { 1, 2, 3, 4, 5, 6, 7, 8 })]
    public void ReadAttachments_NotTnef_ReturnsEmptyWithError(byte[] data)
    {
        Assert.Empty(TnefReader.ReadAttachments(data, out var error));
        Assert.NotNull(error);
    }

    [Fact]
    public void ReadAttachments_LengthBeyondData_StopsWithErrorKeepingEarlierAttachments()
    {
        var good = new TnefBuilder().Renddata().Title("OK.TXT").Data(Hello).Renddata().Title("BIG.BIN").ToArray();
        // attAttachData claiming 2 GB with only 3 bytes behind it.
        byte[] bogus = [2, 0x0F, 0x80, 0x06, 0x00, 0xFF, 0xFF, 0xFF, 0x7F, 1, 2, 3];

        var found = TnefReader.ReadAttachments([.. good, .. bogus], out var error);

        Assert.Equal("OK.TXT", Assert.Single(found).FileName);
        Assert.Contains("claims", error, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadAttachments_HugePropertyCounts_StopWithoutHanging()
    {
        byte[] props = [0xFF, 0xFF, 0xFF, 0xFF, 0x03, 0x00, 0x05, 0x37, 1, 0, 0, 0];
        byte[] multi = [1, 0, 0, 0, 0x03, 0x10, 0x00, 0x40, 0xFF, 0xFF, 0xFF, 0xFF];
        var tnef = new TnefBuilder().Renddata().Data(Hello)
            .Attribute(TnefBuilder.Attachment, TnefBuilder.AttAttachment, props)
            .Attribute(TnefBuilder.Attachment, TnefBuilder.AttAttachment, multi).ToArray();

        var found = Assert.Single(TnefReader.ReadAttachments(tnef, out var error));

        Assert.Equal(Hello, found.Content);
        Assert.NotNull(error);
    }

    [Fact]
    public void ReadAttachments_InvalidLevel_StopsWithError()
    {
        var tnef = new TnefBuilder().Renddata().Title("A.TXT").Data(Hello).Attribute(7, 0x00069002, []).ToArray();

        Assert.Single(TnefReader.ReadAttachments(tnef, out var error));
        Assert.Contains("level", error, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadAttachments_EveryTruncationOfSmallStream_NeverThrows()
    {
        var tnef = new TnefBuilder().Renddata().Title("HELLO.TXT").Data(Hello)
            .Properties(p => p.MultiUnicode(0x1234, "x", "yz").NamedAnsi("N", "v").Unicode(PrAttachLongFilename, "hello.txt"))
            .Renddata().Data(Hello).ToArray();

        for (int length = 0; length < tnef.Length; length++)
        {
            var found = TnefReader.ReadAttachments(tnef.AsSpan(0, length), out _);
            Assert.True(found.Count <= 2);
            Assert.All(found, a => Assert.Equal(Hello, a.Content));
        }
    }
}
