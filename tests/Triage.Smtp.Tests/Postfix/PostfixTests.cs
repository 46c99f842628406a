using System.Text;
using Triage.Mime;
using Triage.Smtp.Messages;
using Triage.TestServers;

namespace Triage.Smtp.Tests.Postfix;

/// <summary>Our client against a real Postfix (tests/servers/postfix.sh installs it; the fixture runs its own instance).</summary>
public class PostfixTests(PostfixFixture fixture) : IClassFixture<PostfixFixture>
{
    private static readonly TimeSpan DeliveryTimeout = TimeSpan.FromSeconds(20);

    private PostfixServer Server => fixture.Server;

    private SmtpClientOptions Options(RecordingLogger? logger = null, string? serverName = null, string? caFile = "") => new()
    {
        LocalDomain = "client.triage.test",
        ServerName = serverName ?? Server.ServerName,
        TrustedCaFile = caFile == string.Empty ? Server.CaCertificateFile : caFile,
        Timeout = TimeSpan.FromSeconds(30),
        ProtocolLogger = logger,
    };

    private async Task<SmtpClient> ConnectAsync(SmtpSecurity security = SmtpSecurity.StartTls, SmtpClientOptions? options = null)
    {
        var client = new SmtpClient(options ?? Options());
        await client.ConnectAsync(Server.Host, Server.Port, security, CancellationToken.None);
        return client;
    }

    [Fact]
    public async Task SendAsync_StartTlsAuthAndEightBitBody_ArrivesIntactInTheMaildir()
    {
        var logger = new RecordingLogger();
        await using var client = await ConnectAsync(options: Options(logger));
        await client.AuthenticateAsync(Server.SaslUserName, Server.SaslPassword, CancellationToken.None);
        var tag = Guid.NewGuid().ToString("N");
        const string body = "Hej Åsa, tack för ditt ärende – 10 € ✓\n.\n..två punkter\n. en punkt och mer\nbare LF above, CRLF below\r\nsista raden utan radslut";
        var message = Encoding.UTF8.GetBytes(
            $"From: ack@{Server.Domain}\r\nTo: inbox@{Server.Domain}\r\nSubject: {tag}\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n{body}");

        var result = await client.SendAsync(Server.SaslUserName, [Server.Address("inbox")], message, CancellationToken.None);
        await client.QuitAsync(CancellationToken.None);

        Assert.True(client.IsAuthenticated);
        Assert.Contains("queued as", result.Reply.Text, StringComparison.Ordinal);
        var delivered = await DeliveredAsync("inbox", tag);
        var deliveredBody = delivered[(delivered.IndexOf("\n\n", StringComparison.Ordinal) + 2)..];
        Assert.Equal(body.ReplaceLineEndings("\n") + "\n", deliveredBody);
        Assert.Contains(logger.Lines, l => l.StartsWith("C: MAIL FROM:<ack@mail.test> SIZE=", StringComparison.Ordinal) && l.EndsWith("BODY=8BITMIME", StringComparison.Ordinal));
        Assert.Contains("C: AUTH PLAIN ********", logger.Lines);
        Assert.DoesNotContain(logger.Lines, l => l.Contains(Server.SaslPassword, StringComparison.Ordinal) || l.Contains("Åsa", StringComparison.Ordinal));
    }

    [Fact]
    public async Task SendAsync_ComposedAcknowledgement_ParsesBackFromTheMaildir()
    {
        var clock = new ManualTimeProvider(new DateTimeOffset(2025, 3, 4, 8, 5, 0, TimeSpan.Zero), TimeSpan.FromHours(1));
        var composer = new MessageComposer(new MessageIdGenerator("ack.triage.test", clock), clock);
        var tag = Guid.NewGuid().ToString("N");
        var composed = composer.Compose(new OutgoingMessage
        {
            From = new Mailbox(Server.Address("support"), "Kundtjänst"),
            To = [new Mailbox(Server.Address("inbox"), "Åsa Öberg")],
            Subject = $"[#SUP-100001] Vi har tagit emot ditt ärende {tag}",
            TextBody = "Hej Åsa,\n\nvi återkommer så snart vi kan.\n.\n-- \nKundtjänst",
            InReplyTo = "<customer-1@example.se>",
            References = ["<customer-1@example.se>"],
            Headers = [new("Auto-Submitted", "auto-replied"), new("X-Auto-Response-Suppress", "All"), new("Precedence", "auto_reply")],
        });
        await using var client = await ConnectAsync();
        await client.AuthenticateAsync(Server.SaslUserName, Server.SaslPassword, CancellationToken.None);

        await client.SendAsync(Server.Address("support"), [Server.Address("inbox")], composed.Content, CancellationToken.None);

        var parsed = MimeParser.Parse(Encoding.UTF8.GetBytes(await DeliveredAsync("inbox", composed.MessageId)));
        Assert.Equal($"[#SUP-100001] Vi har tagit emot ditt ärende {tag}", parsed.Subject);
        Assert.Equal(composed.MessageId, parsed.MessageId);
        Assert.Equal(["customer-1@example.se"], parsed.InReplyTo);
        Assert.Equal("Åsa Öberg", parsed.To[0].Name);
        Assert.Equal("auto-replied", parsed.Headers["Auto-Submitted"]);
        Assert.Equal("Hej Åsa,\n\nvi återkommer så snart vi kan.\n.\n-- \nKundtjänst\n", parsed.TextBody?.ReplaceLineEndings("\n"));
    }

    [Fact]
    public async Task SendAsync_UnknownAndForeignRecipients_RefusedWhileTheMailboxGetsTheMessage()
    {
        await using var client = await ConnectAsync();
        var tag = Guid.NewGuid().ToString("N");

        var result = await client.SendAsync("sender@example.test", [Server.Address("nosuchuser"), Server.Address("support"), "someone@elsewhere.test"],
            Encoding.ASCII.GetBytes($"Subject: {tag}\r\n\r\nhello\r\n"), CancellationToken.None);

        Assert.Equal([Server.Address("support")], result.Accepted.Select(r => r.Address));
        Assert.Equal([(Server.Address("nosuchuser"), 550, "5.1.1"), ("someone@elsewhere.test", 554, "5.7.1")],
            result.Refused.Select(r => (r.Address, r.Reply.Code, r.Reply.EnhancedStatusCode)));
        Assert.Contains("hello", await DeliveredAsync("support", tag), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendAsync_EveryRecipientUnknown_ThrowsPermanentWithTheRecipientAndStaysUsable()
    {
        await using var client = await ConnectAsync();

        var e = await Assert.ThrowsAsync<SmtpCommandException>(
            () => client.SendAsync("sender@example.test", [Server.Address("nosuchuser")], "Subject: x\r\n\r\nx\r\n"u8.ToArray(), CancellationToken.None));
        await client.NoopAsync(CancellationToken.None);

        Assert.Equal((SmtpCommandStage.RcptTo, Server.Address("nosuchuser"), 550, "5.1.1", false), (e.Stage, e.Recipient, e.StatusCode, e.EnhancedStatusCode, e.IsTransient));
    }

    [Fact]
    public async Task AuthenticateAsync_WrongPassword_ThrowsPermanentFailure()
    {
        await using var client = await ConnectAsync();

        var e = await Assert.ThrowsAsync<SmtpCommandException>(
            () => client.AuthenticateAsync(Server.SaslUserName, "not-the-password", CancellationToken.None));

        Assert.Equal((SmtpCommandStage.Authenticate, 535, "5.7.8"), (e.Stage, e.StatusCode, e.EnhancedStatusCode));
        Assert.True(client.IsConnected);
    }

    [Fact]
    public async Task ConnectAsync_PlainText_AdvertisesStartTlsButNoAuth()
    {
        await using var client = await ConnectAsync(SmtpSecurity.None, new SmtpClientOptions { LocalDomain = "client.triage.test", AllowAuthenticationWithoutTls = true });

        Assert.False(client.IsSecure);
        Assert.True(client.Capabilities.StartTls && client.Capabilities.Pipelining && client.Capabilities.SmtpUtf8 && client.Capabilities.EightBitMime);
        await Assert.ThrowsAsync<NotSupportedException>(() => client.AuthenticateAsync(Server.SaslUserName, Server.SaslPassword, CancellationToken.None));
    }

    [Fact]
    public async Task ConnectAsync_StartTls_ReadvertisesWithAuthInsideTls()
    {
        await using var client = await ConnectAsync();

        Assert.True(client.IsSecure);
        Assert.False(client.Capabilities.StartTls);
        Assert.Equal(["LOGIN", "PLAIN"], client.Capabilities.AuthMechanisms.Order());
    }

    [Fact]
    public async Task SendAsync_ImplicitTls_AuthenticatesAndDelivers()
    {
        await using var client = new SmtpClient(Options());
        await client.ConnectAsync(Server.Host, Server.ImplicitTlsPort, SmtpSecurity.Tls, CancellationToken.None);
        var tag = Guid.NewGuid().ToString("N");

        Assert.True(client.IsSecure);
        await client.AuthenticateAsync(Server.SaslUserName, Server.SaslPassword, CancellationToken.None);
        await client.SendAsync(Server.SaslUserName, [Server.Address("ack")], Encoding.ASCII.GetBytes($"Subject: {tag}\r\n\r\nover TLS\r\n"), CancellationToken.None);
        await client.QuitAsync(CancellationToken.None);

        Assert.Contains("over TLS", await DeliveredAsync("ack", tag), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, null)]
    [InlineData("wrong.example.test", "")]
    public async Task ConnectAsync_UntrustedCertificateOrWrongName_FailsTheHandshake(string? serverName, string? caFile)
    {
        var client = new SmtpClient(Options(serverName: serverName ?? Server.ServerName, caFile: caFile));
        await using var _ = client;

        var e = await Assert.ThrowsAsync<SmtpProtocolException>(() => client.ConnectAsync(Server.Host, Server.Port, SmtpSecurity.StartTls, CancellationToken.None));

        Assert.IsType<System.Security.Authentication.AuthenticationException>(e.InnerException);
        Assert.False(client.IsConnected);
    }

    private async Task<string> DeliveredAsync(string user, string tag)
    {
        var deadline = DateTime.UtcNow + DeliveryTimeout;
        while (DateTime.UtcNow < deadline)
        {
            var files = await Server.WaitForDeliveriesAsync(user, 1, DeliveryTimeout);
            foreach (var file in files)
            {
                var text = await File.ReadAllTextAsync(file);
                if (text.Contains(tag, StringComparison.Ordinal))
                {
                    return text;
                }
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"No message tagged {tag} reached {user}. Postfix log:\n{Server.Log}");
    }
}
