using System.Text;
using Triage.Imap.Protocol;

namespace Triage.Imap.Tests.Protocol;

public sealed class TokenizerTests
{
    private static ImapTokenizer Over(byte[] bytes, int maxTokenBytes = 1024) => new(new MemoryStream(bytes), maxTokenBytes, null);

    private static async Task<List<ImapToken>> LineAsync(ImapTokenizer tokenizer)
    {
        var tokens = new List<ImapToken>();
        while (true)
        {
            var token = await tokenizer.ReadTokenAsync(CancellationToken.None);
            if (token.Kind == ImapTokenKind.Eol)
            {
                return tokens;
            }

            tokens.Add(token);
        }
    }

    [Fact]
    public async Task ReadLiteral_EveryByteValue_ComesThroughUnchanged()
    {
        var content = Enumerable.Range(0, 256).Select(value => (byte)value).Concat("\r\n)\r\n"u8.ToArray()).ToArray();
        var tokenizer = Over([.. "* 1 FETCH (BODY[] {261}\r\n"u8, .. content, .. " UID 7)\r\n"u8]);

        for (var i = 0; i < 7; i++)
        {
            await tokenizer.ReadTokenAsync(CancellationToken.None);
        }

        var literal = await tokenizer.ReadTokenAsync(CancellationToken.None);
        Assert.Equal((ImapTokenKind.Literal, 261L), (literal.Kind, literal.LiteralLength));
        Assert.Equal(content, await tokenizer.ReadLiteralAsync(literal.LiteralLength, CancellationToken.None));
        Assert.Equal(["UID", "7", ")"], (await LineAsync(tokenizer)).Select(token => token.ToString()));
    }

    [Fact]
    public async Task ReadToken_QuotedWithEscapesAndUtf8_Unescapes()
    {
        var tokenizer = Over(Encoding.UTF8.GetBytes("* LIST () \"/\" \"Ärende \\\"viktigt\\\" \\\\ klar\"\r\n"));

        var tokens = await LineAsync(tokenizer);

        Assert.Equal(ImapTokenKind.QuotedString, tokens[^1].Kind);
        Assert.Equal("Ärende \"viktigt\" \\ klar", tokens[^1].Text);
    }

    [Fact]
    public async Task ReadToken_TabsRepeatedSpacesAndBareLf_Tolerated()
    {
        var tokenizer = Over("*\t 3  EXISTS\n* 4 RECENT\r\n"u8.ToArray());

        Assert.Equal(["*", "3", "EXISTS"], (await LineAsync(tokenizer)).Select(token => token.Text));
        Assert.Equal(["*", "4", "RECENT"], (await LineAsync(tokenizer)).Select(token => token.Text));
    }

    [Fact]
    public async Task ReadToken_AtomSplitAcrossReads_IsWhole()
    {
        var tokenizer = new ImapTokenizer(new OneByteStream("* OK [UIDVALIDITY 1234567] fine\r\n"u8.ToArray()), 1024, null);

        Assert.Equal(["*", "OK", "[", "UIDVALIDITY", "1234567", "]", "fine"], (await LineAsync(tokenizer)).Select(token => token.ToString()));
    }

    [Fact]
    public async Task ReadToken_OverlongAtom_ThrowsProtocolException()
    {
        var tokenizer = Over(Encoding.ASCII.GetBytes("* " + new string('x', 5000) + "\r\n"), maxTokenBytes: 1000);

        await tokenizer.ReadTokenAsync(CancellationToken.None);
        await Assert.ThrowsAsync<ImapProtocolException>(async () => await tokenizer.ReadTokenAsync(CancellationToken.None));
    }

    [Fact]
    public async Task ReadToken_UnterminatedQuoted_ThrowsProtocolException()
    {
        var tokenizer = Over("* \"open\r\n"u8.ToArray());

        await tokenizer.ReadTokenAsync(CancellationToken.None);
        await Assert.ThrowsAsync<ImapProtocolException>(async () => await tokenizer.ReadTokenAsync(CancellationToken.None));
    }

    [Theory]
    [InlineData(" 7-Jul-2024 02:44:25 -0700", "2024-07-07T02:44:25-07:00")]
    [InlineData("17-Dec-1999 23:59:59 +0530", "1999-12-17T23:59:59+05:30")]
    [InlineData("01-jan-2025 00:00:00 +0000", "2025-01-01T00:00:00+00:00")]
    public void ParseInternalDate_ServerForms_Parses(string text, string expected) =>
        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), FetchParser.ParseInternalDate(text));

    [Theory]
    [InlineData("yesterday")]
    [InlineData("31-Feb-2024 00:00:00 +0000")]
    [InlineData("01-Foo-2024 00:00:00 +0000")]
    public void ParseInternalDate_Garbage_IsNull(string text) => Assert.Null(FetchParser.ParseInternalDate(text));

    [Fact]
    public void FormatInternalDate_RoundTrips()
    {
        var date = new DateTimeOffset(2024, 3, 5, 6, 7, 8, TimeSpan.FromMinutes(-150));
        Assert.Equal("05-Mar-2024 06:07:08 -0230", ImapClient.FormatInternalDate(date));
        Assert.Equal(date, FetchParser.ParseInternalDate(ImapClient.FormatInternalDate(date)));
    }

    [Theory]
    [InlineData(new uint[] { 5, 1, 2, 3, 9, 10, 3 }, "1:3,5,9:10")]
    [InlineData(new uint[] { 42 }, "42")]
    public void UidSetFormat_Compacts(uint[] uids, string expected) => Assert.Equal(expected, UidSet.Format(uids));

    [Theory]
    [InlineData("Processed", "Processed")]
    [InlineData("Fakturor & kvitton", "Fakturor &- kvitton")]
    [InlineData("Behandlad/Å", "Behandlad/&AMU-")]
    [InlineData("日本語", "&ZeVnLIqe-")]
    public void MailboxNameEncode_ModifiedUtf7(string name, string expected) => Assert.Equal(expected, MailboxName.Encode(name, utf8Accepted: false));

    /// <summary>Returns one byte per read, as a slow network might.</summary>
    private sealed class OneByteStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            base.ReadAsync(buffer[..Math.Min(1, buffer.Length)], cancellationToken);
    }
}
