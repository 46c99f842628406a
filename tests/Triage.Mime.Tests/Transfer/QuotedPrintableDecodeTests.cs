using System.Text;
using Triage.Mime.Transfer;

namespace Triage.Mime.Tests.Transfer;

public class QuotedPrintableDecodeTests
{
    private static string Decode(string encoded)
    {
        var input = Encoding.Latin1.GetBytes(encoded);
        var output = new byte[TransferDecoding.MaxDecodedLength(ContentEncoding.QuotedPrintable, input.Length)];
        return Encoding.Latin1.GetString(output, 0, TransferDecoding.QuotedPrintableDecode(input, output));
    }

    [Theory]
    // RFC 2045 §6.7 examples and rules
    [InlineData("Now's the time =\r\nfor all folk to come=\r\n to the aid of their country.",
                "Now's the time for all folk to come to the aid of their country.")]
    [InlineData("=3D", "=")]
    [InlineData("caf=E9", "caf\u00e9")]
    [InlineData("caf=e9", "caf\u00e9")]
    [InlineData("=4a=4B", "JK")]
    [InlineData("a=\r\nb", "ab")]
    [InlineData("a=\nb", "ab")]
    [InlineData("a=  \t\r\nb", "ab")]
    [InlineData("a= \nb", "ab")]
    [InlineData("a=\rb", "ab")]
    public void QuotedPrintableDecode_EscapesAndSoftBreaks_Decode(string encoded, string expected) =>
        Assert.Equal(expected, Decode(encoded));

    [Theory]
    [InlineData("a \r\nb", "a\r\nb")]
    [InlineData("a \t \nb", "a\r\nb")]
    [InlineData("a b\r\n", "a b\r\n")]
    [InlineData("end   ", "end")]
    [InlineData("x =\r\ny", "x y")]
    [InlineData("x=20\r\n", "x \r\n")]
    [InlineData("   \r\n", "\r\n")]
    public void QuotedPrintableDecode_TrailingBlanks_AreRemoved(string encoded, string expected) =>
        Assert.Equal(expected, Decode(encoded));

    [Theory]
    [InlineData("a\r\nb\r\n", "a\r\nb\r\n")]
    [InlineData("a\nb\n", "a\r\nb\r\n")]
    [InlineData("a\r\nb\nc\rd", "a\r\nb\r\nc\rd")]
    [InlineData("\n\n", "\r\n\r\n")]
    public void QuotedPrintableDecode_HardLineBreaks_AreWrittenAsCrlf(string encoded, string expected) =>
        Assert.Equal(expected, Decode(encoded));

    [Theory]
    [InlineData("a=G1", "a=G1")]
    [InlineData("a=4Z", "a=4Z")]
    [InlineData("= x", "= x")]
    [InlineData("==41", "=A")]
    [InlineData("100%=", "100%")]      // '=' at the end is a soft break before the boundary's CRLF
    [InlineData("100%= ", "100%")]
    [InlineData("a=4", "a=4")]
    [InlineData("=\u00e9", "=\u00e9")]
    [InlineData("a=\r", "a")]
    public void QuotedPrintableDecode_InvalidEscapes_KeptLiterally(string encoded, string expected) =>
        Assert.Equal(expected, Decode(encoded));

    public static TheoryData<string> SplitCases() => new()
    {
        "Now's the time =\r\nfor all folk to come=\r\n to the aid of their country.",
        "caf=E9 =3D ok \t \r\nnext line=\n",
        "a=  \t\r\nb  x \r\n=4Z==41= y",
        "trailing   ",
        "a=4",
        "x= \t ",
        "a=\rb=\r\nc  \r",
        "x" + new string(' ', 40) + "y\r\n" + new string('\t', 40) + "\r\nz=" + new string(' ', 33) + "\r\n!",
    };

    [Theory]
    [MemberData(nameof(SplitCases))]
    public void Decode_SplitAtEveryOffset_EqualsOneShot(string encoded)
    {
        var input = Encoding.Latin1.GetBytes(encoded);
        var expected = Decode(encoded);

        for (int split = 0; split <= input.Length; split++)
        {
            var decoder = new QuotedPrintableDecoder();
            var output = new byte[(2 * input.Length) + 8];
            int n = decoder.Decode(input.AsSpan(0, split), output);
            n += decoder.Decode(input.AsSpan(split), output.AsSpan(n));
            n += decoder.Flush(output.AsSpan(n));
            Assert.Equal(expected, Encoding.Latin1.GetString(output, 0, n));
        }
    }

    [Theory]
    [MemberData(nameof(SplitCases))]
    public void Decode_ByteByByte_EqualsOneShot(string encoded)
    {
        var input = Encoding.Latin1.GetBytes(encoded);
        var decoder = new QuotedPrintableDecoder();
        var output = new byte[(2 * input.Length) + 8];
        int n = 0;
        for (int i = 0; i < input.Length; i++)
            n += decoder.Decode(input.AsSpan(i, 1), output.AsSpan(n, decoder.GetMaxDecodedLength(1)));
        n += decoder.Flush(output.AsSpan(n));

        Assert.Equal(Decode(encoded), Encoding.Latin1.GetString(output, 0, n));
    }

    [Fact]
    public void Decode_RandomInputRandomSplits_EqualsOneShot()
    {
        var random = new Random(17);
        byte[] alphabet = "= \t\r\nA0fG"u8.ToArray();
        for (int round = 0; round < 1000; round++)
        {
            var input = new byte[random.Next(0, 200)];
            for (int i = 0; i < input.Length; i++) input[i] = alphabet[random.Next(alphabet.Length)];
            var expected = new byte[TransferDecoding.MaxDecodedLength(ContentEncoding.QuotedPrintable, input.Length)];
            expected = expected[..TransferDecoding.QuotedPrintableDecode(input, expected)];

            int a = random.Next(input.Length + 1), b = random.Next(a, input.Length + 1);
            var decoder = new QuotedPrintableDecoder();
            var output = new byte[(2 * input.Length) + 8];
            int n = decoder.Decode(input.AsSpan(0, a), output);
            n += decoder.Decode(input.AsSpan(a, b - a), output.AsSpan(n));
            n += decoder.Decode(input.AsSpan(b), output.AsSpan(n));
            n += decoder.Flush(output.AsSpan(n));

            Assert.Equal(expected, output[..n]);
        }
    }

    [Fact]
    public void QuotedPrintableDecode_RandomBytes_NeverThrowsAndStaysInBound()
    {
        var random = new Random(5);
        byte[] alphabet = "= \t\r\nA0fG"u8.ToArray();
        for (int round = 0; round < 2000; round++)
        {
            var input = new byte[random.Next(0, 64)];
            for (int i = 0; i < input.Length; i++) input[i] = alphabet[random.Next(alphabet.Length)];
            var output = new byte[TransferDecoding.MaxDecodedLength(ContentEncoding.QuotedPrintable, input.Length)];

            int n = TransferDecoding.QuotedPrintableDecode(input, output);

            Assert.InRange(n, 0, 2 * input.Length);
        }
    }
}
