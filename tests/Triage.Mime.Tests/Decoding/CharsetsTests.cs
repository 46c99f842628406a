using System.Text;
using Triage.Mime.Decoding;

namespace Triage.Mime.Tests.Decoding;

public class CharsetsTests
{
    [Theory]
    [InlineData("utf-8", 65001)]
    [InlineData("UTF-8", 65001)]
    [InlineData("utf8", 65001)]
    [InlineData("\"utf-8\"", 65001)]
    [InlineData("  'UTF-8' ", 65001)]
    [InlineData("us-ascii", 20127)]
    [InlineData("ANSI_X3.4-1968", 20127)]
    [InlineData("iso-8859-1", 1252)]
    [InlineData("latin1", 1252)]
    [InlineData("ISO8859-1", 1252)]
    [InlineData("iso_8859-1:1987", 1252)]
    [InlineData("iso-8859-2", 28592)]
    [InlineData("iso-8859-5", 28595)]
    [InlineData("iso-8859-7", 28597)]
    [InlineData("iso-8859-8-i", 28598)]
    [InlineData("iso-8859-9", 1254)]
    [InlineData("iso-8859-15", 28605)]
    [InlineData("windows-1250", 1250)]
    [InlineData("windows-1252", 1252)]
    [InlineData("Windows-1257", 1257)]
    [InlineData("cp1251", 1251)]
    [InlineData("cp-1252", 1252)]
    [InlineData("ibm850", 850)]
    [InlineData("koi8-r", 20866)]
    [InlineData("koi8-u", 21866)]
    [InlineData("big5", 950)]
    [InlineData("gb2312", 936)]
    [InlineData("GBK", 936)]
    [InlineData("gb18030", 54936)]
    [InlineData("ks_c_5601-1987", 949)]
    [InlineData("euc-kr", 949)]
    [InlineData("shift_jis", 932)]
    [InlineData("x-sjis", 932)]
    [InlineData("shift-jis", 932)]
    [InlineData("euc-jp", 51932)]
    [InlineData("iso-2022-jp", 50220)]
    [InlineData("iso-2022-kr", 50225)]
    [InlineData("tis-620", 874)]
    [InlineData("macintosh", 10000)]
    [InlineData("x-mac-roman", 10000)]
    [InlineData("x-mac-ce", 10029)]
    [InlineData("x-mac-cyrillic", 10007)]
    [InlineData("utf-7", 65000)]
    [InlineData("unicode-1-1-utf-7", 65000)]
    [InlineData("utf-16", 1201)]
    [InlineData("utf-16le", 1200)]
    [InlineData("x-cp1250", 1250)]
    public void Resolve_KnownAlias_ReturnsEncoding(string name, int codePage)
    {
        var encoding = Charsets.Resolve(name);

        Assert.NotNull(encoding);
        Assert.Equal(codePage, encoding.CodePage);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("\"\"")]
    [InlineData("x-unknown")]
    [InlineData("unknown-8bit")]
    [InlineData("X-UNKNOWN")]
    [InlineData("no-such-charset")]
    [InlineData("iso-8859-99")]
    [InlineData("cp99999")]
    public void Resolve_UnknownOrMeaningUnknown_ReturnsNull(string? name) => Assert.Null(Charsets.Resolve(name));

    [Fact]
    public void Resolve_SameNameTwice_ReturnsSameInstance() =>
        Assert.Same(Charsets.Resolve("ISO-8859-2"), Charsets.Resolve("iso-8859-2"));

    [Theory]
    [InlineData("4c c3 a4 68 65 74 79 73 20 6d 79 c3 b6 68 c3 a4 73 73 c3 a4", "utf-8", "Lähetys myöhässä")]
    [InlineData("46 72 e5 67 6f 72", "iso-8859-1", "Frågor")]
    [InlineData("80 20 93 71 75 6f 74 65 94", "iso-8859-1", "€ \u201Cquote\u201D")]
    [InlineData("80 20 93 71 75 6f 74 65 94", "windows-1252", "€ \u201Cquote\u201D")]
    [InlineData("47 72 fc df 65", "latin1", "Grüße")]
    [InlineData("a4", "iso-8859-15", "€")]
    [InlineData("1b 24 42 46 7c 4b 5c 38 6c 1b 28 42", "iso-2022-jp", "日本語")]
    [InlineData("93 fa 96 7b 8c ea 82 cc 83 65 83 58 83 67", "shift_jis", "日本語のテスト")]
    [InlineData("c6 fc cb dc", "euc-jp", "日本")]
    [InlineData("d6 d0 ce c4 d3 ca bc fe", "gb2312", "中文邮件")]
    [InlineData("a4 a4 a4 e5 b6 6c a5 f3", "big5", "中文郵件")]
    [InlineData("c7 d1 b1 b9 be ee 20 b8 de c0 cf", "euc-kr", "한국어 메일")]
    [InlineData("c7 d1 b1 b9 be ee", "ks_c_5601-1987", "한국어")]
    [InlineData("f0 d2 c9 d7 c5 d4 20 cd c9 d2", "koi8-r", "Привет мир")]
    [InlineData("cf f0 e8 e2 e5 f2", "windows-1251", "Привет")]
    [InlineData("2b 5a 65 56 6e 4c 49 71 65 2d", "utf-7", "日本語")]
    [InlineData("48 69 20 4d 6f 6d 20 2d 2b 4a 6a 6f 2d 2d 21", "utf-7", "Hi Mom -☺-!")]
    [InlineData("ff fe 48 00 e9 00", "utf-16", "Hé")]
    [InlineData("00 48 00 e9", "utf-16", "Hé")]
    [InlineData("ef bb bf 48 69", "utf-8", "Hi")]
    public void Decode_DeclaredCharset_DecodesText(string hex, string charset, string expected) =>
        Assert.Equal(expected, Charsets.Decode(Convert.FromHexString(hex.Replace(" ", "", StringComparison.Ordinal)), charset));

    [Theory]
    [InlineData(null)]
    [InlineData("us-ascii")]
    [InlineData("x-unknown")]
    [InlineData("bogus")]
    public void Decode_UndeclaredWithValidUtf8_DecodesAsUtf8(string? charset) =>
        Assert.Equal("Käyttäjä", Charsets.Decode("Käyttäjä"u8, charset));

    [Theory]
    [InlineData(null)]
    [InlineData("us-ascii")]
    [InlineData("unknown-8bit")]
    public void Decode_UndeclaredWithInvalidUtf8_DecodesAsWindows1252(string? charset) =>
        Assert.Equal("Käyttäjä €", Charsets.Decode([0x4b, 0xe4, 0x79, 0x74, 0x74, 0xe4, 0x6a, 0xe4, 0x20, 0x80], charset));

    [Fact]
    public void Decode_DeclaredUtf8WithStrayLatin1Bytes_KeepsUtf8AndReadsStrayBytesAsWindows1252()
    {
        // "Grüße" in UTF-8, then " Köln" where the ö is a lone latin1 byte, then a truncated sequence.
        byte[] bytes = [0x47, 0x72, 0xc3, 0xbc, 0xc3, 0x9f, 0x65, 0x20, 0x4b, 0xf6, 0x6c, 0x6e, 0x20, 0xe2, 0x82];

        Assert.Equal("Grüße Köln â‚", Charsets.Decode(bytes, "utf-8"));
    }

    [Theory]
    [InlineData("utf-8")]
    [InlineData("iso-8859-1")]
    [InlineData("iso-2022-jp")]
    [InlineData("utf-7")]
    [InlineData(null)]
    public void Decode_PureAscii_ReturnsSameText(string? charset) =>
        Assert.Equal("Hello, world", Charsets.Decode("Hello, world"u8, charset));

    [Fact]
    public void Decode_Empty_ReturnsEmpty() => Assert.Equal(string.Empty, Charsets.Decode([], "utf-8"));

    [Theory]
    [InlineData("1b 28 42", "iso-2022-jp")]
    [InlineData("ef bb bf", "utf-8")]
    [InlineData("ff fe", "utf-16")]
    [InlineData("48", "utf-16")]
    [InlineData("2b 2d", "utf-7")]
    [InlineData("2b 41", "utf-7")]
    public void Decode_NonEmptyInput_NeverReturnsEmpty(string hex, string charset) =>
        Assert.NotEmpty(Charsets.Decode(Convert.FromHexString(hex.Replace(" ", "", StringComparison.Ordinal)), charset));

    [Fact]
    public void Decode_AllByteValuesInEveryCharset_DoesNotThrow()
    {
        var bytes = new byte[512];
        for (var i = 0; i < bytes.Length; i++) bytes[i] = (byte)(i * 7);
        string[] names = ["utf-8", "utf-7", "utf-16", "utf-32", "iso-2022-jp", "iso-2022-kr", "hz-gb-2312", "gb18030", "big5", "shift_jis", "euc-jp", "koi8-r", "us-ascii", "x-unknown"];

        foreach (var name in names) Assert.NotEmpty(Charsets.Decode(bytes, name));
    }

    [Theory]
    [InlineData("Subject: plain", null, "Subject: plain")]
    [InlineData("Grüße", null, "Grüße")]
    public void DecodeHeader_AsciiOrUtf8_DecodesDirectly(string text, string? fallback, string expected) =>
        Assert.Equal(expected, Charsets.DecodeHeader(Encoding.UTF8.GetBytes(text), fallback));

    [Theory]
    [InlineData(null, "Grüße")]
    [InlineData("iso-8859-1", "Grüße")]
    [InlineData("utf-8", "Grüße")]
    [InlineData("utf-16", "Grüße")]
    [InlineData("koi8-r", "GrЭъe")]
    public void DecodeHeader_Invalid8Bit_UsesFallbackOrWindows1252(string? fallback, string expected) =>
        Assert.Equal(expected, Charsets.DecodeHeader([0x47, 0x72, 0xfc, 0xdf, 0x65], fallback));
}
