using Triage.Mime.Decoding;

namespace Triage.Mime.Tests.Decoding;

public class EncodedWordsTests
{
    // RFC 2047 §8: the examples of how white space between encoded words is handled.
    [Theory]
    [InlineData("(=?ISO-8859-1?Q?a?=)", "(a)")]
    [InlineData("(=?ISO-8859-1?Q?a?= b)", "(a b)")]
    [InlineData("(=?ISO-8859-1?Q?a?= =?ISO-8859-1?Q?b?=)", "(ab)")]
    [InlineData("(=?ISO-8859-1?Q?a?=  =?ISO-8859-1?Q?b?=)", "(ab)")]
    [InlineData("(=?ISO-8859-1?Q?a?=\r\n    =?ISO-8859-1?Q?b?=)", "(ab)")]
    [InlineData("(=?ISO-8859-1?Q?a_b?=)", "(a b)")]
    [InlineData("(=?ISO-8859-1?Q?a?= =?ISO-8859-2?Q?_b?=)", "(a b)")]
    [InlineData("=?US-ASCII?Q?Keith_Moore?=", "Keith Moore")]
    [InlineData("=?ISO-8859-1?Q?Keld_J=F8rn_Simonsen?=", "Keld Jørn Simonsen")]
    [InlineData("=?ISO-8859-1?Q?Andr=E9?= Pirard", "André Pirard")]
    [InlineData("=?ISO-8859-1?B?SWYgeW91IGNhbiByZWFkIHRoaXMgeW8=?=\r\n =?ISO-8859-2?B?dSB1bmRlcnN0YW5kIHRoZSBleGFtcGxlLg==?=", "If you can read this you understand the example.")]
    [InlineData("=?ISO-8859-1?Q?Olle_J=E4rnefors?=", "Olle Järnefors")]
    [InlineData("=?ISO-8859-1?Q?Patrik_F=E4ltstr=F6m?=", "Patrik Fältström")]
    public void DecodeText_Rfc2047Examples_Decodes(string input, string expected) =>
        Assert.Equal(expected, EncodedWords.DecodeText(input));

    [Theory]
    [InlineData("=?iso-8859-1?Q?Fr=E5gor_om_faktura?=", "Frågor om faktura")]
    [InlineData("=?utf-8?B?TMOkaGV0eXMgbXnDtmjDpHNzw6Q=?=", "Lähetys myöhässä")]
    [InlineData("=?UTF-8?Q?L=C3=A4hetys_my=C3=B6h=C3=A4ss=C3=A4?=", "Lähetys myöhässä")]
    [InlineData("=?windows-1252?Q?Rechnung_f=FCr_M=E4rz_=80_120?=", "Rechnung für März € 120")]
    [InlineData("=?iso-8859-1?q?Vergadering_op_woensdag_=96_agenda?=", "Vergadering op woensdag – agenda")]
    [InlineData("=?utf-8?B?w4ZybGlnIHRhbHQsIGJsw6Viw6Zyc3lsdGV0w7h5?=", "Ærlig talt, blåbærsyltetøy")]
    [InlineData("=?utf-8?b?R3LDvMOfZSBhdXMgS8O2bG4=?=", "Grüße aus Köln")]
    [InlineData("=?ISO-2022-JP?B?GyRCRnxLXDhsGyhC?=", "日本語")]
    [InlineData("=?shift_jis?B?k/qWe4zqgsyDZYNYg2c=?=", "日本語のテスト")]
    [InlineData("=?gb2312?B?1tDOxNPKvP4=?=", "中文邮件")]
    [InlineData("=?big5?B?pKSk5bZspfM=?=", "中文郵件")]
    [InlineData("=?euc-kr?B?x9Gxub7uILjewM8=?=", "한국어 메일")]
    [InlineData("=?ks_c_5601-1987?B?x9Gxub7uILjewM8=?=", "한국어 메일")]
    [InlineData("=?koi8-r?B?8NLJ18XUIM3J0g==?=", "Привет мир")]
    [InlineData("=?windows-1251?B?z/Do4uXy?=", "Привет")]
    [InlineData("=?utf-7?Q?Fr+APY-ken?=", "Fröken")]
    [InlineData("=?unicode-1-1-utf-7?Q?+ZeVnLIqe-?=", "日本語")]
    public void DecodeText_RealWorldCharsets_Decodes(string input, string expected) =>
        Assert.Equal(expected, EncodedWords.DecodeText(input));

    [Theory]
    [InlineData("Re: =?utf-8?Q?Gr=C3=BC=C3=9Fe?= from Berlin", "Re: Grüße from Berlin")]
    [InlineData("=?utf-8?Q?a?= =?utf-8?Q?b?= c =?utf-8?Q?d?=", "ab c d")]
    [InlineData("=?utf-8?Q?a?=\t=?iso-8859-1?Q?b?=", "ab")]
    [InlineData("=?utf-8?Q?a?=x", "ax")]
    [InlineData("x=?utf-8?Q?a?=", "xa")]
    [InlineData("[Ticket #1]=?utf-8?Q?_Hj=C3=A4lp?=", "[Ticket #1] Hjälp")]
    [InlineData("=?utf-8?Q?Fr=C3=A5gor?= =?utf-8?Q?_om_faktura", "Frågor om faktura")]
    [InlineData("=?utf-8?Q?caf=C3=A9", "café")]
    [InlineData("=?utf-8?Q?no end?= here", "no end here")]
    [InlineData("=?iso-8859-1?Q?Fr=E5gor om faktura?=", "Frågor om faktura")]
    [InlineData("=?utf-8?B?w6Q?=", "ä")]
    [InlineData("=?utf-8?B?w6Q=?=", "ä")]
    [InlineData("=?utf-8?B?w6Q===?=", "ä")]
    [InlineData("=?utf-8?B?YQ==YQ==?=", "aa")]
    [InlineData("=?utf-8*en?Q?Hello?=", "Hello")]
    [InlineData("=?UTF-8*fi-FI?Q?Hyv=C3=A4=C3=A4_p=C3=A4iv=C3=A4=C3=A4?=", "Hyvää päivää")]
    [InlineData("=?x-unknown?Q?caf=C3=A9?=", "café")]
    [InlineData("[list] =??Q?Bras=EDlia?=", "[list] Brasília")]
    [InlineData("=?bogus-charset?Q?caf=E9?=", "café")]
    [InlineData("=?us-ascii?Q?caf=E9?=", "café")]
    [InlineData("=?utf-8?Q?caf=E9?=", "café")]
    [InlineData("=?utf-8?Q?a=3Fb=3D?=", "a?b=")]
    [InlineData("=?utf-8?Q?50=25_off=?=", "50% off=")]
    [InlineData("=?utf-8?Q?Gr\u00fc\u00dfe?=", "Grüße")]
    [InlineData("=?iso-8859-1?Q?Gr\u00fc\u00dfe?=", "Grüße")]
    public void DecodeText_MalformedButCommon_DecodesLikeMailClients(string input, string expected) =>
        Assert.Equal(expected, EncodedWords.DecodeText(input));

    [Theory]
    // "Smörgåsbord" with the two bytes of 'ö' split across words.
    [InlineData("=?utf-8?B?U23D?= =?utf-8?B?tnJnw6VzYm9yZA==?=", "Smörgåsbord")]
    [InlineData("=?utf-8?Q?Sm=C3?= =?UTF-8?Q?=B6rg=C3=A5sbord?=", "Smörgåsbord")]
    [InlineData("=?ISO-2022-JP?B?GyRCRnxLXBsoQg==?= =?ISO-2022-JP?B?GyRCOGwbKEI=?=", "日本語")]
    public void DecodeText_MultiByteCharacterSplitAcrossWords_Survives(string input, string expected) =>
        Assert.Equal(expected, EncodedWords.DecodeText(input));

    [Theory]
    [InlineData("Price =? unknown")]
    [InlineData("a=?b")]
    [InlineData("=?")]
    [InlineData("=?utf-8?")]
    [InlineData("=?utf-8?X?abc?=")]
    [InlineData("What =?is this?=")]
    public void DecodeText_NotAnEncodedWord_LeavesTextAsIs(string input) => Assert.Equal(input, EncodedWords.DecodeText(input));

    [Fact]
    public void DecodeText_EmptyEncodedWord_DecodesToNothing() =>
        Assert.Equal("ab", EncodedWords.DecodeText("a=?utf-8?Q??=b"));

    [Fact]
    public void DecodeText_NoEncodedWord_ReturnsSameInstance()
    {
        var input = "Plain subject line";

        Assert.Same(input, EncodedWords.DecodeText(input));
    }

    [Theory]
    [InlineData("\"Doe, John\"", "Doe, John")]
    [InlineData("\"Jane \\\"JJ\\\" Doe\"", "Jane \"JJ\" Doe")]
    [InlineData("=?utf-8?Q?J=C3=B6rg?= Schmidt", "Jörg Schmidt")]
    [InlineData("\"=?utf-8?Q?J=C3=B6rg_Schmidt?=\"", "Jörg Schmidt")]
    [InlineData("\"=?ISO-8859-1?Q?M=E4kinen=2C_Matti?=\"", "Mäkinen, Matti")]
    [InlineData("=?utf-8?B?U2FubmEgTsOkc2k=?=", "Sanna Näsi")]
    [InlineData("  Jane   Doe  ", "Jane Doe")]
    [InlineData("Jane\r\n Doe", "Jane Doe")]
    [InlineData("\"Jan\" de Vries", "Jan de Vries")]
    [InlineData("Pieter van den Berg", "Pieter van den Berg")]
    [InlineData("\"unterminated", "unterminated")]
    [InlineData("", "")]
    public void DecodePhrase_DisplayNames_Decodes(string input, string expected) =>
        Assert.Equal(expected, EncodedWords.DecodePhrase(input));

    [Fact]
    public void DecodeText_LongInputFullOfBrokenWords_IsLinear()
    {
        var input = string.Concat(Enumerable.Repeat("=?a?Q?x =?b?B?YQ ?= ", 20_000));
        var watch = System.Diagnostics.Stopwatch.StartNew();

        var result = EncodedWords.DecodeText(input);

        Assert.NotEmpty(result);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(2), watch.Elapsed.ToString());
    }
}
