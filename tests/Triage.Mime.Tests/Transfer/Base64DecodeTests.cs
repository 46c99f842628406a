using System.Text;
using Triage.Mime.Transfer;

namespace Triage.Mime.Tests.Transfer;

public class Base64DecodeTests
{
    private static byte[] Decode(string encoded)
    {
        var input = Encoding.Latin1.GetBytes(encoded);
        var output = new byte[TransferDecoding.MaxDecodedLength(ContentEncoding.Base64, input.Length)];
        return output[..TransferDecoding.Base64Decode(input, output)];
    }

    private static string DecodeText(string encoded) => Encoding.Latin1.GetString(Decode(encoded));

    [Theory]
    [InlineData("", "")]
    [InlineData("Zg==", "f")]
    [InlineData("Zm8=", "fo")]
    [InlineData("Zm9v", "foo")]
    [InlineData("Zm9vYg==", "foob")]
    [InlineData("Zm9vYmE=", "fooba")]
    [InlineData("Zm9vYmFy", "foobar")]
    public void Base64Decode_Rfc4648Vectors_Decodes(string encoded, string expected) =>
        Assert.Equal(expected, DecodeText(encoded));

    [Theory]
    [InlineData("Zg", "f")]
    [InlineData("Zm8", "fo")]
    [InlineData("Zm9vYg", "foob")]
    [InlineData("Zm9vY", "foo")]          // a lone trailing sextet carries no whole byte
    [InlineData("Zm9vYg=", "foob")]
    public void Base64Decode_MissingOrShortPadding_DecodesWholeBytes(string encoded, string expected) =>
        Assert.Equal(expected, DecodeText(encoded));

    [Theory]
    [InlineData("Zm9v\r\nYmFy\r\n", "foobar")]
    [InlineData(" Z m 9 v\tY m F y ", "foobar")]
    [InlineData("Zm\r\n9vY\nmFy", "foobar")]
    [InlineData("Zm9v!!YmFy*~", "foobar")]
    [InlineData("\u00ffZm9v\u0000Ym\u0080Fy", "foobar")]
    [InlineData("Zm9v\r\n.\r\nYmFy", "foobar")]
    public void Base64Decode_WhitespaceAndJunkAnywhere_AreSkipped(string encoded, string expected) =>
        Assert.Equal(expected, DecodeText(encoded));

    [Theory]
    [InlineData("SQ==QU0=", "IAM")]
    [InlineData("Zm8=\r\nYmFy", "fobar")]
    [InlineData("Zg==\r\nZg==\r\n", "ff")]
    [InlineData("Zm9v====YmFy", "foobar")]
    [InlineData("Zm9vYmFy==\r\n", "foobar")]
    [InlineData("Zm9vYg==\r\n\r\n", "foob")]
    public void Base64Decode_PaddingInTheMiddle_StartsNewBlock(string encoded, string expected) =>
        Assert.Equal(expected, DecodeText(encoded));

    [Fact]
    public void Base64Decode_PaddingOnly_ReturnsEmpty() => Assert.Empty(Decode("====\r\n=="));

    [Fact]
    public void Base64Decode_NonCanonicalTrailingBits_AreIgnored() => Assert.Equal("f", DecodeText("Zh=="));

    public static TheoryData<int, int, string> RoundTripCases()
    {
        var data = new TheoryData<int, int, string>();
        int[] lengths = [0, 1, 2, 3, 4, 5, 56, 57, 58, 1000, 65_537];
        int[] lineLengths = [76, 64, 73, 0];
        foreach (var length in lengths)
            foreach (var line in lineLengths)
                foreach (var eol in new[] { "\r\n", "\n" })
                    data.Add(length, line, eol);
        return data;
    }

    [Theory]
    [MemberData(nameof(RoundTripCases))]
    public void Base64Decode_RandomDataWrapped_RoundTrips(int length, int lineLength, string eol)
    {
        var random = new Random(length * 31 + lineLength);
        var original = new byte[length];
        random.NextBytes(original);

        var encoded = Wrap(Convert.ToBase64String(original), lineLength, eol);

        Assert.Equal(original, Decode(encoded));
    }

    [Fact]
    public void Base64Decode_ConvertInsertLineBreaks_RoundTrips()
    {
        var original = new byte[10_000];
        new Random(7).NextBytes(original);

        Assert.Equal(original, Decode(Convert.ToBase64String(original, Base64FormattingOptions.InsertLineBreaks)));
    }

    public static TheoryData<string> SplitCases() => new()
    {
        "Zm9vYmFy",
        "Zm9v\r\nYmFy\r\nYg==\r\n",
        "SQ==QU0=",
        "Zm 9v!Ym\tFy=\r\n==Zg",
        "Zm9vY",
        Wrap(Convert.ToBase64String(Enumerable.Range(0, 200).Select(b => (byte)b).ToArray()), 73, "\r\n"),
    };

    [Theory]
    [MemberData(nameof(SplitCases))]
    public void Decode_SplitAtEveryOffset_EqualsOneShot(string encoded)
    {
        var input = Encoding.ASCII.GetBytes(encoded);
        var expected = Decode(encoded);

        for (int split = 0; split <= input.Length; split++)
        {
            var decoder = new Base64Decoder();
            var output = new byte[input.Length];
            int n = decoder.Decode(input.AsSpan(0, split), output);
            n += decoder.Decode(input.AsSpan(split), output.AsSpan(n));
            Assert.Equal(expected, output[..n]);
        }
    }

    [Fact]
    public void Decode_ByteByByte_EqualsOneShot()
    {
        var original = new byte[3000];
        new Random(3).NextBytes(original);
        var input = Encoding.ASCII.GetBytes(Wrap(Convert.ToBase64String(original), 76, "\r\n"));

        var decoder = new Base64Decoder();
        var output = new byte[input.Length];
        int n = 0;
        for (int i = 0; i < input.Length; i++)
            n += decoder.Decode(input.AsSpan(i, 1), output.AsSpan(n));

        Assert.Equal(original, output[..n]);
    }

    [Theory]
    [InlineData(5)]
    [InlineData(77)]
    [InlineData(1000)]
    [InlineData(2049)]
    [InlineData(8192)]
    public void Decode_ChunkedLargeInputWithJunk_EqualsOneShot(int chunkSize)
    {
        var original = new byte[20_000];
        new Random(chunkSize).NextBytes(original);
        var text = Wrap(Convert.ToBase64String(original), 76, "\r\n");
        // A stray junk line and a line of blanks inside the data, both skipped.
        text = text.Insert(78 * 40, "--junk--\r\n").Insert(78 * 90, "   \t\r\n");
        var input = Encoding.ASCII.GetBytes(text);
        var expected = Decode(text);

        var decoder = new Base64Decoder();
        var output = new byte[input.Length];
        int n = 0;
        for (int i = 0; i < input.Length; i += chunkSize)
        {
            var chunk = input.AsSpan(i, Math.Min(chunkSize, input.Length - i));
            n += decoder.Decode(chunk, output.AsSpan(n));
        }

        Assert.Equal(expected, output[..n]);
        Assert.NotEqual(original, expected);   // the junk letters do decode, as in MimeKit
    }

    [Fact]
    public void Decode_RandomJunkyInputRandomSplits_EqualsOneShot()
    {
        var random = new Random(21);
        byte[] alphabet = "QUJDRE=\r\n \t*AZaz09+/"u8.ToArray();
        for (int round = 0; round < 300; round++)
        {
            var input = new byte[random.Next(0, 5000)];
            for (int i = 0; i < input.Length; i++) input[i] = alphabet[random.Next(alphabet.Length)];
            var expected = new byte[input.Length];
            expected = expected[..TransferDecoding.Base64Decode(input, expected)];

            int a = random.Next(input.Length + 1), b = random.Next(a, input.Length + 1);
            var decoder = new Base64Decoder();
            var output = new byte[input.Length];
            int n = decoder.Decode(input.AsSpan(0, a), output);
            n += decoder.Decode(input.AsSpan(a, b - a), output.AsSpan(n));
            n += decoder.Decode(input.AsSpan(b), output.AsSpan(n));

            Assert.Equal(expected, output[..n]);
        }
    }

    [Fact]
    public void Base64Decode_RandomBytes_NeverThrowsAndStaysInBound()
    {
        var random = new Random(11);
        for (int round = 0; round < 500; round++)
        {
            var input = new byte[random.Next(0, 300)];
            random.NextBytes(input);
            var output = new byte[TransferDecoding.MaxDecodedLength(ContentEncoding.Base64, input.Length)];

            int n = TransferDecoding.Base64Decode(input, output);

            Assert.InRange(n, 0, Base64Decoder.MaxDecodedLength(input.Length));
        }
    }

    [Fact]
    public void Base64Decode_OutputTooSmall_ThrowsArgumentException() =>
        Assert.Throws<ArgumentException>(() => TransferDecoding.Base64Decode("Zm9vYmFy"u8, new byte[2]));

    private static string Wrap(string base64, int lineLength, string eol)
    {
        if (lineLength == 0) return base64;
        var sb = new StringBuilder();
        for (int i = 0; i < base64.Length; i += lineLength)
            sb.Append(base64, i, Math.Min(lineLength, base64.Length - i)).Append(eol);
        return sb.ToString();
    }
}
