using Triage.Mime.Decoding;
using Triage.Mime.Headers;

namespace Triage.Mime.Tests.Headers;

/// <summary>Seeded random text made of the characters the parsers care about: none of them may throw.</summary>
public class RobustnessTests
{
    private const string Alphabet = "=?<>()\"\\@,;:.*'%_- \t\r\nQBqbUTF8utf-8ASCIIé€日\uD83D\uDE00\uD800+/0123456789aZ";

    public static TheoryData<int> Seeds => new() { 1, 2, 3, 4, 5 };

    [Theory]
    [MemberData(nameof(Seeds))]
    public void AllParsers_RandomInput_NeverThrow(int seed)
    {
        var random = new Random(seed);
        var buffer = new char[80];
        for (var n = 0; n < 4000; n++)
        {
            var length = random.Next(buffer.Length);
            for (var i = 0; i < length; i++) buffer[i] = Alphabet[random.Next(Alphabet.Length)];
            var text = new string(buffer, 0, length);

            Assert.NotNull(EncodedWords.DecodeText(text));
            Assert.NotNull(EncodedWords.DecodePhrase(text));
            Assert.NotNull(HeaderParameters.Parse(text));
            Assert.NotNull(AddressParser.Parse(text));
            Assert.NotNull(MessageIds.ParseList(text));
            MessageIds.ParseSingle(text);
            _ = DateParser.TryParse(text, out _);
            var bytes = System.Text.Encoding.UTF8.GetBytes(text);
            Assert.NotNull(Charsets.DecodeHeader(bytes));
            if (bytes.Length > 0) Assert.NotEmpty(Charsets.Decode(bytes.AsSpan(0, random.Next(1, bytes.Length + 1)), "utf-7"));
        }
    }

    [Theory]
    [InlineData("(")]
    [InlineData("\"")]
    [InlineData("<")]
    [InlineData("=?utf-8?Q?")]
    [InlineData("a@b, ")]
    public void AllParsers_HugeRepetitiveInput_StayLinear(string unit)
    {
        var text = string.Concat(Enumerable.Repeat(unit, 100_000));
        var watch = System.Diagnostics.Stopwatch.StartNew();

        EncodedWords.DecodeText(text);
        EncodedWords.DecodePhrase(text);
        HeaderParameters.Parse(text);
        AddressParser.Parse(text);
        MessageIds.ParseList(text);
        _ = DateParser.TryParse(text, out _);

        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(3), $"{unit}: {watch.Elapsed}");
    }
}
