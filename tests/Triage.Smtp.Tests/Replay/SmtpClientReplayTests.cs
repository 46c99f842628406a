using System.Text;
using Triage.Smtp.Authentication;

namespace Triage.Smtp.Tests.Replay;

public class SmtpClientReplayTests
{
    private const string Greeting = """
        S: 220 mx.example.test ESMTP ready
        C: EHLO client.test
        S: 250-mx.example.test greets client.test
        S: 250-SIZE 1000000
        S: 250-8BITMIME
        S: 250-ENHANCEDSTATUSCODES
        S: 250 AUTH PLAIN LOGIN XOAUTH2
        """;

    private const string PipeliningGreeting = """
        S: 220 mx.example.test ESMTP ready
        C: EHLO client.test
        S: 250-mx.example.test
        S: 250-PIPELINING
        S: 250 8BITMIME
        """;

    private const string StartTlsGreeting = """
        S: 220 mx.example.test ESMTP ready
        C: EHLO client.test
        S: 250-mx.example.test
        S: 250 STARTTLS
        C: STARTTLS
        """;

    private static readonly byte[] Message = "Subject: hi\r\n\r\nHello\r\n"u8.ToArray();

    /// <summary>One message from ack@triage.test to a@example.test, up to the server's go-ahead for the content.</summary>
    private static readonly string Envelope = $"""

        C: MAIL FROM:<ack@triage.test> SIZE={Message.Length} BODY=8BITMIME
        S: 250 2.1.0 Ok
        C: RCPT TO:<a@example.test>
        S: 250 2.1.5 Ok
        C: DATA
        """;

    /// <summary><see cref="Message"/> as the DATA section carries it.</summary>
    private const string MessageLines = """

        S: 354 End data with <CR><LF>.<CR><LF>
        C: Subject: hi
        C: 
        C: Hello
        C: .
        """;

    private static async Task<(SmtpClient Client, ReplayStream Replay)> ConnectAsync(string transcript, SmtpClientOptions? options = null)
    {
        var replay = new ReplayStream(transcript);
        var client = new SmtpClient(options ?? Options());
        await client.ConnectAsync(replay, CancellationToken.None);
        return (client, replay);
    }

    /// <summary>Connects over <paramref name="transcript"/> expecting failure: the client must end up closed, having followed the transcript.</summary>
    private static async Task<T> ConnectFailsAsync<T>(string transcript, SmtpSecurity security = SmtpSecurity.None)
        where T : Exception
    {
        var replay = new ReplayStream(transcript);
        await using var client = new SmtpClient(Options());

        var e = await Assert.ThrowsAsync<T>(() => client.ConnectAsync(replay, security, "mx.example.test", CancellationToken.None));

        Assert.False(client.IsConnected);
        Assert.True(replay.IsDisposed);
        replay.AssertComplete();
        return e;
    }

    private static SmtpClientOptions Options(RecordingLogger? logger = null, bool allowAuth = true, TimeProvider? time = null) => new()
    {
        LocalDomain = "client.test",
        AllowAuthenticationWithoutTls = allowAuth,
        ProtocolLogger = logger,
        TimeProvider = time ?? TimeProvider.System,
    };

    [Fact]
    public async Task ConnectAsync_MultiLineEhlo_ParsesEveryCapability()
    {
        var (client, replay) = await ConnectAsync("""
            S: 220-mx.example.test ESMTP
            S: 220 second greeting line
            C: EHLO client.test
            S: 250-mx.example.test
            S: 250-SIZE 35882577
            S: 250-8BITMIME
            S: 250-SMTPUTF8
            S: 250-PIPELINING
            S: 250-STARTTLS
            S: 250-ENHANCEDSTATUSCODES
            S: 250-AUTH PLAIN LOGIN XOAUTH2
            S: 250 CHUNKING
            """);
        await using var _ = client;

        var caps = client.Capabilities;
        Assert.Equal("mx.example.test", caps.ServerDomain);
        Assert.Equal(35882577, caps.MaxMessageSize);
        Assert.True(caps.Size && caps.EightBitMime && caps.SmtpUtf8 && caps.Pipelining && caps.StartTls && caps.EnhancedStatusCodes);
        Assert.Equal(["LOGIN", "PLAIN", "XOAUTH2"], caps.AuthMechanisms.Order());
        Assert.True(caps.Has("chunking"));
        replay.AssertComplete();
    }

    [Fact]
    public async Task ConnectAsync_EhloNotRecognised_FallsBackToHelo()
    {
        var (client, replay) = await ConnectAsync("""
            S: 220 old.example.test
            C: EHLO client.test
            S: 502 5.5.1 Command not recognized
            C: HELO client.test
            S: 250 old.example.test
            """);
        await using var _ = client;

        Assert.False(client.Capabilities.Pipelining);
        Assert.Empty(client.Capabilities.AuthMechanisms);
        Assert.True(client.IsConnected);
        replay.AssertComplete();
    }

    [Theory]
    [InlineData("554 5.3.2 No service here", false)]
    [InlineData("421 4.3.2 Too busy, try later", true)]
    public async Task ConnectAsync_GreetingRefused_ThrowsAndQuits(string greeting, bool transient)
    {
        var e = await ConnectFailsAsync<SmtpCommandException>($"""
            S: {greeting}
            C: QUIT
            S: 221 Bye
            """);

        Assert.Equal((SmtpCommandStage.Greeting, transient), (e.Stage, e.IsTransient));
    }

    [Fact]
    public async Task ConnectAsync_EhloTransientFailure_ThrowsWithoutHelo()
    {
        var e = await ConnectFailsAsync<SmtpCommandException>("""
            S: 220 mx.example.test
            C: EHLO client.test
            S: 451 4.3.0 Local problem
            C: QUIT
            S: 221 Bye
            """);

        Assert.Equal((SmtpCommandStage.Ehlo, 451, "4.3.0"), (e.Stage, e.StatusCode, e.EnhancedStatusCode));
    }

    [Fact]
    public async Task ConnectAsync_StartTlsNotOffered_RefusesToContinueInPlainText()
    {
        var e = await ConnectFailsAsync<SmtpProtocolException>(PipeliningGreeting + """

            C: QUIT
            S: 221 Bye
            """, SmtpSecurity.StartTls);

        Assert.Contains("STARTTLS", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConnectAsync_StartTlsRefused_ThrowsTransientCommandException()
    {
        var e = await ConnectFailsAsync<SmtpCommandException>(StartTlsGreeting + """

            S: 454 4.7.0 TLS not available due to local problem
            C: QUIT
            S: 221 Bye
            """, SmtpSecurity.StartTls);

        Assert.Equal((SmtpCommandStage.StartTls, true), (e.Stage, e.IsTransient));
    }

    [Fact]
    public async Task ConnectAsync_PlainTextAfterStartTlsReply_IsRefusedBeforeTheHandshake()
    {
        // The STARTTLS injection attack: plain-text lines queued behind the 220 must not be read as if they came through TLS.
        var e = await ConnectFailsAsync<SmtpProtocolException>(StartTlsGreeting + """

            S: 220 2.0.0 Ready to start TLS
            S: 250-mx.example.test
            S: 250 AUTH PLAIN
            """, SmtpSecurity.StartTls);

        Assert.Contains("before the TLS handshake", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendAsync_AllAccepted_DeclaresSizeAnd8BitMimeAndReturnsQueueReply()
    {
        var (client, replay) = await ConnectAsync(Greeting + Envelope + MessageLines + """

            S: 250 2.0.0 Ok: queued as 4F2A1
            """);
        await using var _ = client;

        var result = await client.SendAsync("ack@triage.test", ["a@example.test"], Message, CancellationToken.None);

        Assert.Equal("2.0.0", result.Reply.EnhancedStatusCode);
        Assert.Contains("queued as 4F2A1", result.Reply.Text, StringComparison.Ordinal);
        Assert.Single(result.Accepted);
        replay.AssertComplete();
    }

    [Fact]
    public async Task SendAsync_SomeRecipientsRefused_ReturnsEachRecipientsReply()
    {
        var (client, replay) = await ConnectAsync(Greeting + $"""

            C: MAIL FROM:<> SIZE={Message.Length} BODY=8BITMIME
            S: 250 2.1.0 Ok
            C: RCPT TO:<a@example.test>
            S: 250 2.1.5 Ok
            C: RCPT TO:<gone@example.test>
            S: 550 5.1.1 <gone@example.test>: Recipient address rejected: User unknown
            C: RCPT TO:<full@example.test>
            S: 452 4.2.2 Mailbox full
            C: DATA
            S: 354 go ahead
            C: Subject: hi
            C: 
            C: Hello
            C: .
            S: 250 2.0.0 Ok
            """);
        await using var _ = client;

        var result = await client.SendAsync(string.Empty, ["a@example.test", "gone@example.test", "full@example.test"], Message, CancellationToken.None);

        Assert.Equal(["a@example.test"], result.Accepted.Select(r => r.Address));
        Assert.Equal([("gone@example.test", 550, "5.1.1"), ("full@example.test", 452, "4.2.2")],
            result.Refused.Select(r => (r.Address, r.Reply.Code, r.Reply.EnhancedStatusCode)));
        replay.AssertComplete();
    }

    [Fact]
    public async Task SendAsync_AllRecipientsRefused_ThrowsTransientRefusalAndResets()
    {
        var (client, replay) = await ConnectAsync(Greeting + $"""

            C: MAIL FROM:<ack@triage.test> SIZE={Message.Length} BODY=8BITMIME
            S: 250 2.1.0 Ok
            C: RCPT TO:<gone@example.test>
            S: 550 5.1.1 User unknown
            C: RCPT TO:<later@example.test>
            S: 450 4.2.1 Try again later
            C: RSET
            S: 250 2.0.0 Ok
            C: NOOP
            S: 250 2.0.0 Ok
            """);
        await using var _ = client;

        var e = await Assert.ThrowsAsync<SmtpCommandException>(
            () => client.SendAsync("ack@triage.test", ["gone@example.test", "later@example.test"], Message, CancellationToken.None));
        await client.NoopAsync(CancellationToken.None);

        Assert.Equal((SmtpCommandStage.RcptTo, "later@example.test", 450, true), (e.Stage, e.Recipient, e.StatusCode, e.IsTransient));
        replay.AssertComplete();
    }

    [Theory]
    [InlineData("MAIL", "553 5.7.1 Sender address rejected", SmtpCommandStage.MailFrom)]
    [InlineData("DATA", "554 5.5.1 No valid recipients", SmtpCommandStage.Data)]
    public async Task SendAsync_TransactionStepRefused_ThrowsAndLeavesConnectionUsable(string step, string refusal, SmtpCommandStage stage)
    {
        var transcript = step == "MAIL"
            ? $"""
              C: MAIL FROM:<ack@triage.test> SIZE={Message.Length} BODY=8BITMIME
              S: {refusal}
              """
            : Envelope + $"""

              S: {refusal}
              """;
        var (client, replay) = await ConnectAsync(Greeting + "\n" + transcript + """

            C: RSET
            S: 250 2.0.0 Ok
            C: QUIT
            S: 221 2.0.0 Bye
            """);
        await using var _ = client;

        var e = await Assert.ThrowsAsync<SmtpCommandException>(
            () => client.SendAsync("ack@triage.test", ["a@example.test"], Message, CancellationToken.None));
        Assert.True(client.IsConnected);
        await client.QuitAsync(CancellationToken.None);

        Assert.Equal((stage, false), (e.Stage, e.IsTransient));
        Assert.Equal(refusal[..3], e.StatusCode.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.False(client.IsConnected);
        replay.AssertComplete();
    }

    [Fact]
    public async Task SendAsync_Recipient421_ThrowsTransientWithoutFurtherCommands()
    {
        var (client, replay) = await ConnectAsync(Greeting + $"""

            C: MAIL FROM:<ack@triage.test> SIZE={Message.Length} BODY=8BITMIME
            S: 250 2.1.0 Ok
            C: RCPT TO:<a@example.test>
            S: 421 4.4.2 Idle timeout, closing
            """);
        await using var _ = client;

        var e = await Assert.ThrowsAsync<SmtpCommandException>(
            () => client.SendAsync("ack@triage.test", ["a@example.test", "b@example.test"], Message, CancellationToken.None));

        Assert.Equal((SmtpCommandStage.RcptTo, true), (e.Stage, e.IsTransient));
        Assert.False(client.IsConnected);
        replay.AssertComplete();
    }

    [Fact]
    public async Task SendAsync_RefusedAfterFinalDot_ThrowsMessageBodyStage()
    {
        var (client, replay) = await ConnectAsync(Greeting + Envelope + MessageLines + """

            S: 451 4.7.1 Greylisted, try again in 5 minutes
            """);
        await using var _ = client;

        var e = await Assert.ThrowsAsync<SmtpCommandException>(
            () => client.SendAsync("ack@triage.test", ["a@example.test"], Message, CancellationToken.None));

        Assert.Equal((SmtpCommandStage.MessageBody, true, "4.7.1"), (e.Stage, e.IsTransient, e.EnhancedStatusCode));
        Assert.True(client.IsConnected);
        replay.AssertComplete();
    }

    [Fact]
    public async Task SendAsync_ServerDisconnectsMidData_ThrowsProtocolExceptionAndCloses()
    {
        var (client, replay) = await ConnectAsync(Greeting + Envelope + """

            S: 354 go ahead
            C: Subject: hi
            S! disconnect
            """);
        await using var _ = client;

        await Assert.ThrowsAsync<SmtpProtocolException>(
            () => client.SendAsync("ack@triage.test", ["a@example.test"], Message, CancellationToken.None));

        Assert.False(client.IsConnected);
        Assert.True(replay.IsDisposed);
        await Assert.ThrowsAsync<InvalidOperationException>(() => client.NoopAsync(CancellationToken.None));
    }

    [Fact]
    public async Task SendAsync_MessageStreamFailsMidData_ClosesWithoutTheFinalDot()
    {
        var (client, replay) = await ConnectAsync(Greeting + """

            C: MAIL FROM:<ack@triage.test> BODY=8BITMIME
            S: 250 Ok
            C: RCPT TO:<a@example.test>
            S: 250 Ok
            C: DATA
            S: 354 go ahead
            C: Subject: first chunk
            """);
        await using var _ = client;

        var e = await Assert.ThrowsAsync<SmtpProtocolException>(
            () => client.SendAsync("ack@triage.test", ["a@example.test"], new FailingStream("Subject: first chunk\r\n"u8.ToArray()), CancellationToken.None));

        Assert.IsType<IOException>(e.InnerException);
        Assert.False(client.IsConnected);
        replay.AssertComplete();
        Assert.False(replay.ClientText.EndsWith("\r\n.\r\n", StringComparison.Ordinal));
    }

    [Fact]
    public async Task SendAsync_Pipelining_SendsEnvelopeInOneBatch()
    {
        var (client, replay) = await ConnectAsync(PipeliningGreeting + """

            C: MAIL FROM:<ack@triage.test> BODY=8BITMIME
            C: RCPT TO:<a@example.test>
            C: RCPT TO:<b@example.test>
            C: DATA
            S: 250 2.1.0 Ok
            S: 550 5.1.1 No such user
            S: 250 2.1.5 Ok
            S: 354 go ahead
            C: line
            C: .
            S: 250 2.0.0 queued
            """);
        await using var _ = client;

        var result = await client.SendAsync("ack@triage.test", ["a@example.test", "b@example.test"], new NonSeekableStream("line"u8.ToArray()), CancellationToken.None);

        Assert.Equal(["b@example.test"], result.Accepted.Select(r => r.Address));
        replay.AssertComplete();
    }

    [Fact]
    public async Task SendAsync_Pipelining421_ThrowsTransientAndCloses()
    {
        var (client, replay) = await ConnectAsync(PipeliningGreeting + """

            C: MAIL FROM:<ack@triage.test> BODY=8BITMIME
            C: RCPT TO:<a@example.test>
            C: DATA
            S: 421 4.3.2 Shutting down
            """);
        await using var _ = client;

        var e = await Assert.ThrowsAsync<SmtpCommandException>(
            () => client.SendAsync("ack@triage.test", ["a@example.test"], new NonSeekableStream("x"u8.ToArray()), CancellationToken.None));

        Assert.Equal((SmtpCommandStage.MailFrom, true), (e.Stage, e.IsTransient));
        Assert.False(client.IsConnected);
        replay.AssertComplete();
    }

    [Fact]
    public async Task SendAsync_NonAsciiAddressAndSmtpUtf8Offered_DeclaresSmtpUtf8()
    {
        var (client, replay) = await ConnectAsync("""
            S: 220 mx.example.test
            C: EHLO client.test
            S: 250-mx.example.test
            S: 250 SMTPUTF8
            C: MAIL FROM:<ack@triage.test> SMTPUTF8
            S: 250 Ok
            C: RCPT TO:<åsa@exempel.se>
            S: 250 Ok
            C: DATA
            S: 354 go ahead
            C: x
            C: .
            S: 250 Ok
            """);
        await using var _ = client;

        await client.SendAsync("ack@triage.test", ["åsa@exempel.se"], new NonSeekableStream("x"u8.ToArray()), CancellationToken.None);

        replay.AssertComplete();
    }

    [Fact]
    public async Task SendAsync_NonAsciiAddressWithoutSmtpUtf8_ThrowsBeforeSending()
    {
        var (client, replay) = await ConnectAsync(Greeting);
        await using var _ = client;

        await Assert.ThrowsAsync<NotSupportedException>(
            () => client.SendAsync("ack@triage.test", ["åsa@exempel.se"], Message, CancellationToken.None));

        Assert.True(client.IsConnected);
        replay.AssertComplete();
    }

    [Theory]
    [InlineData("ack@triage.test>\r\nRCPT TO:<victim@example.test", "a@example.test")]
    [InlineData("ack@triage.test", "a@example.test>\r\nDATA")]
    [InlineData("ack@triage.test", "a@example.test> NOTIFY=NEVER")]
    [InlineData("ack@triage.test", "")]
    [InlineData("ack@triage.test", "no-at-sign")]
    public async Task SendAsync_InjectedOrInvalidAddress_ThrowsBeforeSending(string sender, string recipient)
    {
        var (client, replay) = await ConnectAsync(Greeting);
        await using var _ = client;

        await Assert.ThrowsAsync<ArgumentException>(() => client.SendAsync(sender, [recipient], Message, CancellationToken.None));

        replay.AssertComplete();
        Assert.DoesNotContain("MAIL", replay.ClientText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AuthenticateAsync_Plain_SendsInitialResponseAndRedactsItInTheLog()
    {
        var logger = new RecordingLogger();
        var (client, replay) = await ConnectAsync(Greeting + """

            C: AUTH PLAIN AGFja0B0cmlhZ2UudGVzdABzM2NyM3Q=
            S: 235 2.7.0 Authentication successful
            """, Options(logger));
        await using var _ = client;

        await client.AuthenticateAsync("ack@triage.test", "s3cr3t", CancellationToken.None);

        Assert.True(client.IsAuthenticated);
        Assert.Contains("C: AUTH PLAIN ********", logger.Lines);
        Assert.DoesNotContain(logger.Lines, l => l.Contains("AGFja0B0", StringComparison.Ordinal) || l.Contains("s3cr3t", StringComparison.Ordinal));
        replay.AssertComplete();
    }

    [Fact]
    public async Task AuthenticateAsync_LoginOnly_AnswersUserAndPasswordChallenges()
    {
        var logger = new RecordingLogger();
        var (client, replay) = await ConnectAsync("""
            S: 220 mx.example.test
            C: EHLO client.test
            S: 250-mx.example.test
            S: 250 AUTH=LOGIN
            C: AUTH LOGIN
            S: 334 VXNlcm5hbWU6
            C: YWNrQHRyaWFnZS50ZXN0
            S: 334 UGFzc3dvcmQ6
            C: czNjcjN0
            S: 235 2.7.0 Accepted
            """, Options(logger));
        await using var _ = client;

        await client.AuthenticateAsync("ack@triage.test", "s3cr3t", CancellationToken.None);

        Assert.True(client.IsAuthenticated);
        Assert.Equal(2, logger.Lines.Count(l => l == "C: ********"));
        Assert.DoesNotContain(logger.Lines, l => l.Contains("czNjcjN0", StringComparison.Ordinal));
        replay.AssertComplete();
    }

    [Fact]
    public async Task AuthenticateAsync_WrongPassword_ThrowsPermanentAndStaysConnected()
    {
        var (client, replay) = await ConnectAsync(Greeting + """

            C: AUTH PLAIN AGFjawB3cm9uZw==
            S: 535 5.7.8 Error: authentication failed
            """);
        await using var _ = client;

        var e = await Assert.ThrowsAsync<SmtpCommandException>(() => client.AuthenticateAsync("ack", "wrong", CancellationToken.None));

        Assert.Equal((SmtpCommandStage.Authenticate, 535, "5.7.8", false), (e.Stage, e.StatusCode, e.EnhancedStatusCode, e.IsTransient));
        Assert.False(client.IsAuthenticated);
        Assert.True(client.IsConnected);
        replay.AssertComplete();
    }

    [Fact]
    public async Task AuthenticateAsync_XOAuth2Accepted_SendsBearerToken()
    {
        var initial = Convert.ToBase64String(Encoding.UTF8.GetBytes("user=ack@triage.test\u0001auth=Bearer ya29.token\u0001\u0001"));
        var logger = new RecordingLogger();
        var (client, replay) = await ConnectAsync(Greeting + $"""

            C: AUTH XOAUTH2 {initial}
            S: 235 2.7.0 Accepted
            """, Options(logger));
        await using var _ = client;

        await client.AuthenticateAsync("ack@triage.test", new FixedToken("ya29.token"), CancellationToken.None);

        Assert.True(client.IsAuthenticated);
        Assert.DoesNotContain(logger.Lines, l => l.Contains(initial, StringComparison.Ordinal));
        replay.AssertComplete();
    }

    [Fact]
    public async Task AuthenticateAsync_XOAuth2ErrorChallenge_AnswersEmptyLineAndReportsServerError()
    {
        var initial = Convert.ToBase64String(Encoding.UTF8.GetBytes("user=ack@triage.test\u0001auth=Bearer expired\u0001\u0001"));
        var error = Convert.ToBase64String("""{"status":"401","schemes":"bearer","scope":"https://mail.google.com/"}"""u8);
        var (client, replay) = await ConnectAsync(Greeting + $"""

            C: AUTH XOAUTH2 {initial}
            S: 334 {error}
            C: 
            S: 535-5.7.8 Username and Password not accepted.
            S: 535 5.7.8 Learn more at https://support.example.test
            """);
        await using var _ = client;

        var e = await Assert.ThrowsAsync<SmtpCommandException>(
            () => client.AuthenticateAsync("ack@triage.test", new FixedToken("expired"), CancellationToken.None));

        Assert.Equal((535, "5.7.8"), (e.StatusCode, e.EnhancedStatusCode));
        Assert.Contains("\"status\":\"401\"", e.Message, StringComparison.Ordinal);
        Assert.True(client.IsConnected);
        replay.AssertComplete();
    }

    [Fact]
    public async Task AuthenticateAsync_UnexpectedThirdChallenge_CancelsWithStar()
    {
        var (client, replay) = await ConnectAsync(Greeting.Replace("AUTH PLAIN LOGIN XOAUTH2", "AUTH LOGIN", StringComparison.Ordinal) + """

            C: AUTH LOGIN
            S: 334 VXNlcm5hbWU6
            C: dQ==
            S: 334 UGFzc3dvcmQ6
            C: cA==
            S: 334 QWdhaW46
            C: *
            S: 501 5.7.0 Authentication cancelled
            """);
        await using var _ = client;

        var e = await Assert.ThrowsAsync<SmtpCommandException>(() => client.AuthenticateAsync("u", "p", CancellationToken.None));

        Assert.Equal(501, e.StatusCode);
        Assert.True(client.IsConnected);
        replay.AssertComplete();
    }

    [Fact]
    public async Task AuthenticateAsync_WithoutTls_RefusesToSendCredentials()
    {
        var (client, replay) = await ConnectAsync(Greeting, Options(allowAuth: false));
        await using var _ = client;

        await Assert.ThrowsAsync<InvalidOperationException>(() => client.AuthenticateAsync("ack", "s3cr3t", CancellationToken.None));

        replay.AssertComplete();
        Assert.DoesNotContain("AUTH", replay.ClientText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AuthenticateAsync_NoPasswordMechanismOffered_ThrowsNotSupported()
    {
        var (client, replay) = await ConnectAsync(PipeliningGreeting);
        await using var _ = client;

        var e = await Assert.ThrowsAsync<NotSupportedException>(() => client.AuthenticateAsync("ack", "s3cr3t", CancellationToken.None));

        Assert.Contains("no AUTH at all", e.Message, StringComparison.Ordinal);
        replay.AssertComplete();
    }

    [Fact]
    public async Task SendAsync_ServerNeverAnswers_TimesOutAsProtocolException()
    {
        var clock = new ManualTimeProvider(DateTimeOffset.UnixEpoch, TimeSpan.Zero);
        var (client, replay) = await ConnectAsync(Greeting + """

            C: NOOP
            S! hang
            """, Options(time: clock));
        await using var _ = client;

        var noop = client.NoopAsync(CancellationToken.None);
        await replay.Hung;
        clock.Advance(TimeSpan.FromMinutes(2));
        var e = await Assert.ThrowsAsync<SmtpProtocolException>(() => noop);

        Assert.IsType<TimeoutException>(e.InnerException);
        Assert.False(client.IsConnected);
        Assert.True(replay.IsDisposed);
    }

    [Fact]
    public async Task NoopAsync_CallerCancels_ThrowsCancelledAndCloses()
    {
        var (client, replay) = await ConnectAsync(Greeting + """

            C: NOOP
            S! hang
            """);
        await using var _ = client;
        using var cancel = new CancellationTokenSource();

        var noop = client.NoopAsync(cancel.Token);
        await replay.Hung;
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => noop);
        Assert.False(client.IsConnected);
    }

    [Fact]
    public async Task QuitAsync_ServerHangsUpWithoutReply_ClosesQuietly()
    {
        var (client, replay) = await ConnectAsync(Greeting + """

            C: RSET
            S: 250 2.0.0 Ok
            C: QUIT
            S! disconnect
            """);
        await using var _ = client;

        await client.ResetAsync(CancellationToken.None);
        await client.QuitAsync(CancellationToken.None);

        Assert.False(client.IsConnected);
        Assert.True(replay.IsDisposed);
    }

    [Fact]
    public async Task SendAsync_WithLogger_LogsSizeButNeverTheMessage()
    {
        var logger = new RecordingLogger();
        var (client, _) = await ConnectAsync(PipeliningGreeting + """

            C: MAIL FROM:<ack@triage.test> BODY=8BITMIME
            C: RCPT TO:<a@example.test>
            C: DATA
            S: 250 Ok
            S: 250 Ok
            S: 354 go ahead
            C: Secret body text
            C: .
            S: 250 Ok
            """, Options(logger));
        await using var __ = client;

        await client.SendAsync("ack@triage.test", ["a@example.test"], new NonSeekableStream("Secret body text"u8.ToArray()), CancellationToken.None);

        Assert.Contains("C: <message, 16 bytes>", logger.Lines);
        Assert.DoesNotContain(logger.Lines, l => l.Contains("Secret", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("S: garbage")]
    [InlineData("S: 25O ok")]
    [InlineData("S: 250-first\nS: 251 second")]
    [InlineData("S: 250-unfinished")]
    public async Task ConnectAsync_MalformedEhloReply_ThrowsProtocolException(string reply)
    {
        await ConnectFailsAsync<SmtpProtocolException>("S: 220 mx.example.test\nC: EHLO client.test\n" + reply);
    }

    private sealed class FixedToken(string token) : IOAuth2TokenProvider
    {
        public ValueTask<string> GetAccessTokenAsync(CancellationToken cancellationToken) => ValueTask.FromResult(token);
    }
}
