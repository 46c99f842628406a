using System.Text;
using Triage.Imap.Sasl;

namespace Triage.Imap.Tests.Replay;

/// <summary>The client against transcripts of what real servers send, through the stream seam.</summary>
public sealed class ReplayTests
{
    private static async Task<(ImapClient Client, ReplayStream Replay)> ConnectAsync(
        string transcript, ImapClientOptions? options = null, IImapProtocolLogger? logger = null, TimeProvider? time = null,
        string host = "localhost", int port = 143)
    {
        var replay = ReplayStream.FromFile(transcript);
        var client = new ImapClient(options, logger, time);
        await client.ConnectAsync(replay, host, port);
        return (client, replay);
    }

    [Fact]
    public async Task UidFetch_OddButValidResponses_ParsesEveryRequestedMessage()
    {
        var (client, replay) = await ConnectAsync("dovecot-fetch.txt");
        using var _ = client;
        await client.LoginAsync("alice", "secret");
        var mailbox = await client.SelectAsync("INBOX");
        var uids = await client.UidSearchAsync("UID 1:* UNDELETED");
        var messages = await client.UidFetchAsync(uids, ImapFetchItems.All);
        replay.AssertComplete();

        Assert.Equal((1700000000u, 13u, 3, false), (mailbox.UidValidity, mailbox.UidNext, mailbox.Count, mailbox.ReadOnly));
        Assert.Equal([10u, 11u, 12u], uids);
        Assert.Equal([10u, 11u, 12u], messages.Select(message => message.Uid));

        var first = messages[0];
        Assert.Equal("Subject: Hej\r\n\r\nHej på dig, åäö – ÆØÅ ß €\r\n", Encoding.UTF8.GetString(first.Body!));
        Assert.Equal(49, first.Size);
        Assert.Equal([@"\Seen", "$Triaged"], first.Flags);
        Assert.Equal(new DateTimeOffset(2024, 7, 7, 2, 44, 25, TimeSpan.FromHours(-7)), first.InternalDate);

        var second = messages[1];
        Assert.Equal("short body", Encoding.ASCII.GetString(second.Body!));
        Assert.Empty(second.Flags!);
        Assert.Equal(new DateTimeOffset(2024, 7, 17, 12, 0, 0, TimeSpan.FromHours(2)), second.InternalDate);

        var third = messages[2];
        Assert.Equal("Subject: literal first\r\n\r\n(unbalanced ) parens and \"quotes\" and {5} inside\r\n", Encoding.UTF8.GetString(third.Body!));
        Assert.Null(third.Size);
        Assert.Null(third.InternalDate);
        Assert.Equal([@"\Flagged"], third.Flags);
    }

    [Fact]
    public async Task UidFetchBodyTo_LiteralQuotedAndExpunged_BodiesWrittenToTheStreamNotKept()
    {
        var (client, replay) = await ConnectAsync("fetch-to-stream.txt", new ImapClientOptions { MaxLiteralBytes = 4 });
        using var _ = client;
        await client.LoginAsync("alice", "secret");
        await client.SelectAsync("INBOX");
        using var big = new MemoryStream();
        using var small = new MemoryStream();
        using var none = new MemoryStream();

        var first = await client.UidFetchBodyToAsync(11, big);
        var second = await client.UidFetchBodyToAsync(12, small);
        var third = await client.UidFetchBodyToAsync(13, none);
        replay.AssertComplete();

        Assert.Equal("Subject: big\r\n\r\nStort, åäö\r\n", Encoding.UTF8.GetString(big.ToArray()));
        Assert.Equal((11u, big.Length, (byte[]?)null, (long?)null), (first!.Uid, first.StreamedBodyBytes!.Value, first.Body, first.BodyTooLargeBytes));
        Assert.Equal(new DateTimeOffset(2024, 7, 17, 12, 0, 0, TimeSpan.FromHours(2)), first.InternalDate);
        Assert.Equal("short body", Encoding.ASCII.GetString(small.ToArray()));
        Assert.Equal((12u, 10L, (byte[]?)null), (second!.Uid, second.StreamedBodyBytes!.Value, second.Body));
        Assert.Null(third);
        Assert.Equal(0, none.Length);
    }

    [Fact]
    public async Task Commands_NoAndBad_ThrowCommandExceptionAndConnectionStaysUsable()
    {
        var (client, replay) = await ConnectAsync("no-and-bad.txt");
        using var _ = client;

        var no = await Assert.ThrowsAsync<ImapCommandException>(() => client.SelectAsync("Missing"));
        Assert.Equal((ImapRefusal.No, "NONEXISTENT"), (no.Refusal, no.ResponseCode));
        Assert.Null(client.SelectedMailbox);
        var bad = await Assert.ThrowsAsync<ImapCommandException>(() => client.UidSearchAsync("GARBAGE"));
        Assert.Equal(ImapRefusal.Bad, bad.Refusal);
        Assert.Contains("Unknown argument", bad.Message, StringComparison.Ordinal);

        await client.NoopAsync();
        Assert.True(client.IsConnected);
        replay.AssertComplete();
    }

    [Fact]
    public async Task Noop_ByeThenClose_ThrowsProtocolExceptionNamingTheReason()
    {
        var (client, _) = await ConnectAsync("bye-mid-command.txt");
        using var __ = client;

        var error = await Assert.ThrowsAsync<ImapProtocolException>(() => client.NoopAsync());

        Assert.Contains("Server shutting down", error.Message, StringComparison.Ordinal);
        Assert.False(client.IsConnected);
        var next = await Assert.ThrowsAsync<ImapProtocolException>(() => client.NoopAsync());
        Assert.Contains("Server shutting down", next.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Connect_ByeGreeting_ThrowsProtocolException()
    {
        using var client = new ImapClient();
        var error = await Assert.ThrowsAsync<ImapProtocolException>(() => client.ConnectAsync(ReplayStream.FromFile("bye-greeting.txt")));
        Assert.Contains("Too many connections", error.Message, StringComparison.Ordinal);
        Assert.False(client.IsConnected);
    }

    [Fact]
    public async Task UidFetch_ByeAfterFirstMessage_DeliversItThenThrowsProtocolException()
    {
        var (client, _) = await ConnectAsync("bye-mid-fetch.txt");
        using var __ = client;
        var received = new List<uint>();

        var error = await Assert.ThrowsAsync<ImapProtocolException>(() => client.UidFetchAsync([5u, 6u], ImapFetchItems.Body, message => received.Add(message.Uid)));

        Assert.Equal([5u], received);
        Assert.Contains("inactivity", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UidFetch_DisconnectInsideLiteral_ThrowsProtocolExceptionAndDisconnects()
    {
        var (client, _) = await ConnectAsync("disconnect-mid-literal.txt");
        using var __ = client;
        var received = 0;

        var error = await Assert.ThrowsAsync<ImapProtocolException>(() => client.UidFetchAsync([5u], ImapFetchItems.Body, _ => received++));

        Assert.Contains("500-byte literal", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, received);
        Assert.False(client.IsConnected);
    }

    [Fact]
    public async Task Noop_ExistsAndExpunge_KeepCountAndRaiseEvents()
    {
        var (client, replay) = await ConnectAsync("exists-expunge.txt");
        using var _ = client;
        var mailbox = await client.ExamineAsync("INBOX");
        var changes = 0;
        client.CountChanged += (_, _) => changes++;

        await client.NoopAsync();

        Assert.Equal((3, 3, true, 42u, 9u), (mailbox.Count, changes, mailbox.ReadOnly, mailbox.UidValidity, mailbox.UidNext));
        replay.AssertComplete();
    }

    [Fact]
    public async Task UidMove_ServerWithoutMove_CopiesMarksAndExpungesOnlyThoseUids()
    {
        var (client, replay) = await ConnectAsync("move-fallback.txt");
        using var _ = client;

        await client.UidMoveAsync([9u, 3u, 4u], "Processed");

        replay.AssertComplete();
    }

    [Fact]
    public async Task AuthenticatePlain_WithoutSaslIr_SendsCredentialsAfterEmptyChallenge()
    {
        var (client, replay) = await ConnectAsync("plain-without-sasl-ir.txt");
        using var _ = client;

        await client.AuthenticatePlainAsync("alice", "secret");

        replay.AssertComplete();
        Assert.True(client.IsAuthenticated);
        Assert.Contains("MOVE", client.Capabilities);
    }

    [Fact]
    public async Task Login_NonAsciiPasswordWithoutLiteralPlus_WaitsForContinuationAndLogsNoSecret()
    {
        var logger = new ListLogger();
        var (client, replay) = await ConnectAsync("login-synchronizing-literal.txt", logger: logger);
        using var _ = client;

        await client.LoginAsync("alice", "pässwörd");

        replay.AssertComplete();
        Assert.Contains("UIDPLUS", client.Capabilities);
        Assert.DoesNotContain("pässwörd", logger.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("alice", logger.Text, StringComparison.Ordinal);
        Assert.Contains("C: A0001 LOGIN ******** {10}********", logger.Lines);
    }

    [Fact]
    public async Task ProtocolLog_Fetch_ReplacesBodiesWithSizeNotes()
    {
        var logger = new ListLogger();
        var (client, _) = await ConnectAsync("dovecot-fetch.txt", logger: logger);
        using var __ = client;
        await client.LoginAsync("alice", "secret");
        await client.SelectAsync("INBOX");
        await client.UidFetchAsync(await client.UidSearchAsync("UID 1:* UNDELETED"), ImapFetchItems.All);

        Assert.DoesNotContain("secret", logger.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Hej på dig", logger.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("unbalanced", logger.Text, StringComparison.Ordinal);
        Assert.Contains(logger.Lines, line => line.StartsWith("S: * 1 FETCH (UID 10 RFC822.SIZE 49", StringComparison.Ordinal) && line.EndsWith("BODY[] {55}<55 bytes>)", StringComparison.Ordinal));
        Assert.Contains("S: A0004 OK Fetch completed (0.002 + 0.000 secs).", logger.Lines);
    }

    [Fact]
    public async Task Idle_DoneTokenAfterExists_SendsDoneAndConnectionStaysUsable()
    {
        var (client, replay) = await ConnectAsync("idle-done.txt");
        using var _ = client;
        await client.SelectAsync("INBOX");
        using var done = new CancellationTokenSource();
        client.CountChanged += (_, _) => done.Cancel();

        await client.IdleAsync(done.Token).WaitAsync(TimeSpan.FromSeconds(10));
        await client.NoopAsync();

        Assert.Equal(2, client.SelectedMailbox!.Count);
        replay.AssertComplete();
    }

    [Fact]
    public async Task Idle_RefreshIntervalPasses_ReissuesIdle()
    {
        var time = new ManualTimeProvider();
        var (client, replay) = await ConnectAsync("idle-refresh.txt", new ImapClientOptions { IdleRefresh = TimeSpan.FromMinutes(28) }, time: time);
        using var _ = client;
        using var done = new CancellationTokenSource();

        var idle = client.IdleAsync(done.Token);
        await WaitForClientLineAsync(replay, "A0001 IDLE");
        time.Advance(TimeSpan.FromMinutes(27));
        await Task.Delay(50);
        Assert.DoesNotContain("DONE", replay.ClientLines);
        time.Advance(TimeSpan.FromMinutes(1));
        await WaitForClientLineAsync(replay, "A0002 IDLE");
        done.Cancel();
        await idle.WaitAsync(TimeSpan.FromSeconds(10));

        replay.AssertComplete();
    }

    [Fact]
    public async Task Idle_Cancelled_AbortsAndDisconnects()
    {
        var (client, _) = await ConnectAsync("idle-abort.txt");
        using var __ = client;
        using var done = new CancellationTokenSource();
        using var abort = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.IdleAsync(done.Token, abort.Token).WaitAsync(TimeSpan.FromSeconds(10)));

        Assert.False(client.IsConnected);
    }

    [Fact]
    public async Task Command_ServerSilent_TimesOutAsProtocolException()
    {
        var (client, _) = await ConnectAsync("hang.txt", new ImapClientOptions { CommandTimeout = TimeSpan.FromMilliseconds(200) });
        using var __ = client;

        var error = await Assert.ThrowsAsync<ImapProtocolException>(() => client.NoopAsync().WaitAsync(TimeSpan.FromSeconds(10)));

        Assert.Contains("did not complete NOOP", error.Message, StringComparison.Ordinal);
        Assert.False(client.IsConnected);
    }

    [Fact]
    public async Task AuthenticateOAuth_Microsoft365XOAuth2_Succeeds()
    {
        var tokens = new TokenProvider("m365-token-1");
        var logger = new ListLogger();
        var (client, replay) = await ConnectAsync("m365-xoauth2.txt", logger: logger, host: "outlook.office365.com", port: 993);
        using var _ = client;

        await client.AuthenticateOAuthAsync("support@contoso.com", tokens);

        replay.AssertComplete();
        Assert.True(client.IsAuthenticated);
        Assert.Contains("MOVE", client.Capabilities);
        Assert.Equal([false], tokens.Requests);
        Assert.Contains("C: A0002 AUTHENTICATE XOAUTH2 ********", logger.Lines);
    }

    [Fact]
    public async Task AuthenticateOAuth_Microsoft365RefusesTwice_RetriesWithRefreshedTokenThenThrows()
    {
        var tokens = new TokenProvider("m365-token-1", "m365-token-2");
        var (client, replay) = await ConnectAsync("m365-xoauth2-refused.txt");
        using var _ = client;

        var error = await Assert.ThrowsAsync<ImapAuthenticationException>(() => client.AuthenticateOAuthAsync("support@contoso.com", tokens));

        Assert.Equal([false, true], tokens.Requests);
        Assert.Null(error.OAuthError);
        Assert.False(client.IsAuthenticated);
        await client.NoopAsync();
        replay.AssertComplete();
    }

    [Fact]
    public async Task AuthenticateOAuth_GmailXOAuth2ErrorChallenge_AnswersEmptyAndRetriesWithFreshToken()
    {
        var tokens = new TokenProvider("ya29.first", "ya29.second");
        var (client, replay) = await ConnectAsync("gmail-xoauth2-error-challenge.txt", host: "imap.gmail.com", port: 993);
        using var _ = client;

        await client.AuthenticateOAuthAsync("support@example.com", tokens, ImapOAuthMechanism.XOAuth2);

        replay.AssertComplete();
        Assert.Equal([false, true], tokens.Requests);
        Assert.True(client.IsAuthenticated);
        Assert.Contains("UTF8=ACCEPT", client.Capabilities);
    }

    [Fact]
    public async Task AuthenticateOAuth_GmailOffersOAuthBearer_UsesItWithHostAndPort()
    {
        var (client, replay) = await ConnectAsync("gmail-oauthbearer.txt", host: "imap.gmail.com", port: 993);
        using var _ = client;

        await client.AuthenticateOAuthAsync("support@example.com", new TokenProvider("ya29.first"));

        replay.AssertComplete();
        Assert.Contains("MOVE", client.Capabilities);
    }

    [Fact]
    public async Task AuthenticateOAuth_GmailOAuthBearerErrorChallenge_AnswersControlAAndReportsTheError()
    {
        var (client, replay) = await ConnectAsync("gmail-oauthbearer-error-challenge.txt", host: "imap.gmail.com", port: 993);
        using var _ = client;

        var error = await Assert.ThrowsAsync<ImapAuthenticationException>(() => client.AuthenticateOAuthAsync("support@example.com", new TokenProvider("ya29.first", "ya29.second")));
        await client.LogoutAsync();

        Assert.Equal("AUTHENTICATIONFAILED", error.ResponseCode);
        Assert.Contains("\"status\":\"invalid_token\"", error.OAuthError, StringComparison.Ordinal);
        Assert.DoesNotContain("ya29", error.Message, StringComparison.Ordinal);
        replay.AssertComplete();
    }

    private static async Task WaitForClientLineAsync(ReplayStream replay, string line)
    {
        for (var i = 0; i < 500 && !replay.ClientLines.Contains(line); i++)
        {
            await Task.Delay(10);
        }

        Assert.Contains(line, replay.ClientLines);
        await Task.Delay(20);
    }

    private sealed class TokenProvider(params string[] tokens) : IOAuthTokenProvider
    {
        public List<bool> Requests { get; } = [];

        public ValueTask<string> GetAccessTokenAsync(bool forceRefresh, CancellationToken cancellationToken)
        {
            Requests.Add(forceRefresh);
            return ValueTask.FromResult(tokens[Math.Min(Requests.Count, tokens.Length) - 1]);
        }
    }
}
