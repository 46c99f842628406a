using System.Text;
using Triage.Mime.Transfer;

namespace Triage.Mime.Tests.Transfer;

public class UUDecodeTests
{
    // "Cat" and a 45-byte line produced by a test encoder below, never copied from elsewhere.
    private const string CatFile = "begin 644 cat.txt\n#0V%T\n`\nend\n";

    private static byte[] Decode(string encoded, out string? fileName)
    {
        var input = Encoding.Latin1.GetBytes(encoded);
        var output = new byte[TransferDecoding.MaxDecodedLength(ContentEncoding.UUEncode, input.Length)];
        return output[..TransferDecoding.UUDecode(input, output, out fileName)];
    }

    [Fact]
    public void UUDecode_BeginAndEnd_DecodesWithFileName()
    {
        var data = Decode(CatFile, out var name);

        Assert.Equal("Cat", Encoding.ASCII.GetString(data));
        Assert.Equal("cat.txt", name);
    }

    [Theory]
    [InlineData("begin 644 cat.txt\r\n#0V%T\r\n`\r\nend\r\n")]   // CRLF
    [InlineData("begin 644 cat.txt\n#0V%T\n")]                   // no zero line, no end
    [InlineData("begin 644 cat.txt\n#0V%T\n \nend\n")]          // space as zero-length line
    [InlineData("begin 644 cat.txt\n#0V%T\n\nend\n")]           // zero-length line stripped to nothing
    [InlineData("junk before\nbegin 0644 cat.txt\n#0V%T\n`\nend\ntrailer text\n#0V%T\n")]
    [InlineData("begin 644 cat.txt\nthis is not uu data\n#0V%T\n`\nend\n")]
    [InlineData("begin 644 cat.txt\n#0V%T  \n`\nend\n")]         // trailing padding after the data
    public void UUDecode_TolerantLayouts_DecodeSameData(string encoded)
    {
        var data = Decode(encoded, out var name);

        Assert.Equal("Cat", Encoding.ASCII.GetString(data));
        Assert.Equal("cat.txt", name);
    }

    [Fact]
    public void UUDecode_NoBeginLine_DecodesLinesDirectly()
    {
        var data = Decode("#0V%T\n#0V%T\n`\n", out var name);

        Assert.Equal("CatCat", Encoding.ASCII.GetString(data));
        Assert.Null(name);
    }

    [Fact]
    public void UUDecode_LengthClaimsMoreThanLine_DecodesWhatIsThere()
    {
        // 'M' claims 45 bytes, the line carries 4 characters = 3 bytes.
        var data = Decode("begin 644 x\nM0V%T\nend\n", out _);

        Assert.Equal("Cat", Encoding.ASCII.GetString(data));
    }

    [Fact]
    public void UUDecode_BackquoteAndSpace_AreBothZero()
    {
        var withBackquote = Decode("begin 644 z\n#````\nend\n", out _);
        var withSpace = Decode("begin 644 z\n#    \nend\n", out _);

        Assert.Equal(new byte[3], withBackquote);
        Assert.Equal(new byte[3], withSpace);
    }

    [Fact]
    public void UUDecode_FileNameWithSpaces_KeepsWholeName()
    {
        Decode("begin 600 my report.pdf\n#0V%T\nend\n", out var name);

        Assert.Equal("my report.pdf", name);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(44)]
    [InlineData(45)]
    [InlineData(46)]
    [InlineData(1000)]
    public void UUDecode_RandomDataRoundTrip_Matches(int length)
    {
        var original = new byte[length];
        new Random(length).NextBytes(original);

        var data = Decode(UUEncode(original, "data.bin", useBackquote: length % 2 == 0), out var name);

        Assert.Equal(original, data);
        Assert.Equal("data.bin", name);
    }

    [Fact]
    public void FindUUBlocks_TextWithEmbeddedFile_FindsBlockBounds()
    {
        var block = UUEncode(Encoding.ASCII.GetBytes("hello uuencoded world"), "hello.txt", useBackquote: true);
        var text = "Hi Bob,\r\n\r\nhere is the file:\r\n\r\n" + block + "\r\nRegards\r\n";
        var bytes = Encoding.ASCII.GetBytes(text);

        var found = Assert.Single(TransferDecoding.FindUUBlocks(bytes));

        Assert.Equal("hello.txt", found.FileName);
        Assert.Equal(text.IndexOf("begin", StringComparison.Ordinal), found.Start);
        Assert.Equal(block, text.Substring(found.Start, found.Length));
    }

    [Fact]
    public void FindUUBlocks_MissingEnd_StopsBeforeProse()
    {
        var text = "begin 644 cat.txt\n#0V%T\n`\nTHANKS A LOT\nbye\n";

        var found = Assert.Single(TransferDecoding.FindUUBlocks(Encoding.ASCII.GetBytes(text)));

        Assert.Equal("begin 644 cat.txt\n#0V%T\n`\n", text.Substring(found.Start, found.Length));
    }

    [Fact]
    public void FindUUBlocks_TwoBlocks_FindsBoth()
    {
        var text = "a\n" + CatFile + "middle\n" + CatFile.Replace("cat.txt", "dog.txt", StringComparison.Ordinal);

        var found = TransferDecoding.FindUUBlocks(Encoding.ASCII.GetBytes(text));

        Assert.Equal(["cat.txt", "dog.txt"], found.Select(b => b.FileName));
    }

    [Theory]
    [InlineData("Let's begin 644 things\n")]
    [InlineData("begin 644 notes.txt\nthis is prose, not data\n")]
    [InlineData("begin here with something\n#0V%T\nend\n")]
    [InlineData("begin-base64 644 x\nQUJD\n====\n")]
    [InlineData("")]
    public void FindUUBlocks_NoRealBlock_FindsNothing(string text) =>
        Assert.Empty(TransferDecoding.FindUUBlocks(Encoding.ASCII.GetBytes(text)));

    [Fact]
    public void UUDecode_RandomBytes_NeverThrows()
    {
        var random = new Random(9);
        byte[] alphabet = "begin 644 x\n`M#end"u8.ToArray();
        for (int round = 0; round < 2000; round++)
        {
            var input = new byte[random.Next(0, 80)];
            for (int i = 0; i < input.Length; i++) input[i] = alphabet[random.Next(alphabet.Length)];
            var output = new byte[TransferDecoding.MaxDecodedLength(ContentEncoding.UUEncode, input.Length)];

            int n = TransferDecoding.UUDecode(input, output, out _);
            TransferDecoding.FindUUBlocks(input);

            Assert.InRange(n, 0, input.Length);
        }
    }

    /// <summary>Minimal uuencoder for round trips: 45-byte lines, length character, 4 characters per 3 bytes.</summary>
    private static string UUEncode(byte[] data, string name, bool useBackquote)
    {
        char Enc(int v) => v == 0 && useBackquote ? '`' : (char)(v + 0x20);
        var sb = new StringBuilder($"begin 644 {name}\n");
        for (int i = 0; i < data.Length; i += 45)
        {
            int n = Math.Min(45, data.Length - i);
            sb.Append(Enc(n));
            for (int j = 0; j < n; j += 3)
            {
                int b0 = data[i + j], b1 = j + 1 < n ? data[i + j + 1] : 0, b2 = j + 2 < n ? data[i + j + 2] : 0;
                sb.Append(Enc(b0 >> 2)).Append(Enc(((b0 & 3) << 4) | (b1 >> 4)))
                  .Append(Enc(((b1 & 15) << 2) | (b2 >> 6))).Append(Enc(b2 & 63));
            }

            sb.Append('\n');
        }

        return sb.Append(Enc(0)).Append("\nend\n").ToString();
    }
}
