using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using Triage.Smtp.Authentication;
using Triage.Smtp.Protocol;

namespace Triage.Smtp;

/// <summary>
/// A small SMTP submission client (RFC 5321 with EHLO extensions, STARTTLS, AUTH). One conversation at a time;
/// not thread-safe. Failures come in two kinds: <see cref="SmtpCommandException"/> (the server said no; the
/// connection stays usable unless the reply was 421) and <see cref="SmtpProtocolException"/> (reconnect).
/// </summary>
public sealed class SmtpClient : IAsyncDisposable
{
    // A hostile or broken server could challenge forever; real mechanisms need at most two rounds.
    private const int MaxAuthRounds = 5;

    private readonly SmtpClientOptions _options;
    private SmtpConnection? _connection;

    public SmtpClient(SmtpClientOptions? options = null)
    {
        _options = options ?? new SmtpClientOptions();
        if (string.IsNullOrEmpty(_options.LocalDomain) || _options.LocalDomain.Any(c => char.IsControl(c) || c == ' '))
        {
            throw new ArgumentException("LocalDomain must be a domain name or address literal.", nameof(options));
        }
    }

    /// <summary>What the server advertised in its last EHLO reply.</summary>
    public SmtpCapabilities Capabilities { get; private set; } = SmtpCapabilities.None;

    public bool IsConnected => _connection?.IsOpen == true;

    /// <summary>Whether the conversation runs inside TLS (implicit TLS, STARTTLS, or a TLS stream handed over).</summary>
    public bool IsSecure => _connection is { IsOpen: true, IsSecure: true };

    public bool IsAuthenticated { get; private set; }

    /// <summary>Connects, reads the greeting, says EHLO (HELO when refused) and, for StartTls, upgrades and says EHLO again.</summary>
    public async Task ConnectAsync(string host, int port, SmtpSecurity security, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(host);
        ArgumentOutOfRangeException.ThrowIfLessThan(port, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(port, 65535);
        EnsureNotConnected();
        var stream = await SmtpConnection.OpenAsync(host, port, _options, cancellationToken).ConfigureAwait(false);
        await StartSessionAsync(new SmtpConnection(stream, _options), security, _options.ServerName ?? host, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Runs the conversation over a stream the caller opened (a replay transcript in tests, or a tunnel), without
    /// TLS unless the stream is an <see cref="System.Net.Security.SslStream"/> already. The client disposes it.
    /// </summary>
    public Task ConnectAsync(Stream stream, CancellationToken cancellationToken) =>
        ConnectAsync(stream, SmtpSecurity.None, serverName: string.Empty, cancellationToken);

    /// <summary>
    /// Runs the conversation over a stream the caller opened, adding TLS as <paramref name="security"/> asks;
    /// <paramref name="serverName"/> is the name the certificate must carry. The client disposes the stream.
    /// </summary>
    public async Task ConnectAsync(Stream stream, SmtpSecurity security, string serverName, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(serverName);
        EnsureNotConnected();
        _options.ProtocolLogger?.LogConnect("(stream)");
        await StartSessionAsync(new SmtpConnection(stream, _options), security, serverName, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Authenticates with a password: PLAIN when offered, else LOGIN.</summary>
    public Task AuthenticateAsync(string userName, string password, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(userName);
        ArgumentNullException.ThrowIfNull(password);
        SaslMechanism mechanism = Capabilities.SupportsAuth("PLAIN") ? new PlainMechanism(userName, password)
            : Capabilities.SupportsAuth("LOGIN") ? new LoginMechanism(userName, password)
            : throw NoMechanism("PLAIN or LOGIN");
        return AuthenticateAsync(mechanism, cancellationToken);
    }

    /// <summary>Authenticates with an OAuth 2.0 access token (XOAUTH2).</summary>
    public async Task AuthenticateAsync(string userName, IOAuth2TokenProvider tokens, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(userName);
        ArgumentNullException.ThrowIfNull(tokens);
        if (!Capabilities.SupportsAuth("XOAUTH2"))
        {
            throw NoMechanism("XOAUTH2");
        }

        var token = await tokens.GetAccessTokenAsync(cancellationToken).ConfigureAwait(false);
        await AuthenticateAsync(new XOAuth2Mechanism(userName, token), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Sends one message.</summary>
    public Task<SmtpSendResult> SendAsync(string sender, IEnumerable<string> recipients, ReadOnlyMemory<byte> message, CancellationToken cancellationToken)
    {
        var stream = MemoryMarshal.TryGetArray(message, out var segment)
            ? new MemoryStream(segment.Array!, segment.Offset, segment.Count, writable: false)
            : new MemoryStream(message.ToArray(), writable: false);
        return SendAndDisposeAsync(sender, recipients, stream, cancellationToken);
    }

    /// <summary>
    /// Sends one message read from <paramref name="message"/> (from its current position), streamed: line breaks
    /// are normalized to CRLF and lines starting with "." are dot-stuffed on the way. SIZE is declared when the
    /// stream can tell its length. Returns per-recipient results when at least one recipient was accepted; throws
    /// <see cref="SmtpCommandException"/> (with <see cref="SmtpCommandException.Recipient"/>) when none was.
    /// </summary>
    public async Task<SmtpSendResult> SendAsync(string sender, IEnumerable<string> recipients, Stream message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(recipients);
        ArgumentNullException.ThrowIfNull(message);
        var connection = Connected();
        var to = recipients.ToList();
        if (to.Count == 0)
        {
            throw new ArgumentException("A message needs at least one recipient.", nameof(recipients));
        }

        var needsUtf8 = EnvelopeAddress.Validate(sender, isSender: true);
        foreach (var recipient in to)
        {
            needsUtf8 |= EnvelopeAddress.Validate(recipient, isSender: false);
        }

        if (needsUtf8 && !Capabilities.SmtpUtf8)
        {
            throw new NotSupportedException("A non-ASCII envelope address needs SMTPUTF8, which this server does not offer.");
        }

        var mailFrom = MailFromCommand(sender, message.CanSeek ? message.Length - message.Position : null, needsUtf8);
        var rcptTo = to.Select(r => $"RCPT TO:<{r}>").ToList();
        var results = new List<SmtpRecipientResult>(to.Count);
        SmtpReply mailReply;
        SmtpReply dataReply;
        if (_options.UsePipelining && Capabilities.Pipelining)
        {
            await connection.WriteLinesAsync([mailFrom, .. rcptTo, "DATA"], cancellationToken).ConfigureAwait(false);
            mailReply = await ReadUnlessClosingAsync(SmtpCommandStage.MailFrom, cancellationToken).ConfigureAwait(false);
            foreach (var recipient in to)
            {
                results.Add(new SmtpRecipientResult(recipient, await ReadUnlessClosingAsync(SmtpCommandStage.RcptTo, cancellationToken).ConfigureAwait(false)));
            }

            dataReply = await ReadUnlessClosingAsync(SmtpCommandStage.Data, cancellationToken).ConfigureAwait(false);
            if (dataReply.Code == 354 && (!mailReply.IsSuccess || !results.Any(r => r.Accepted)))
            {
                // RFC 2920 says a server refuses DATA without a valid recipient; one that does not gets an empty message, which it then refuses.
                await connection.WriteDataAsync(Stream.Null, cancellationToken).ConfigureAwait(false);
                await ReadUnlessClosingAsync(SmtpCommandStage.MessageBody, cancellationToken).ConfigureAwait(false);
            }
        }
        else
        {
            mailReply = await CommandUnlessClosingAsync(mailFrom, SmtpCommandStage.MailFrom, cancellationToken).ConfigureAwait(false);
            if (mailReply.IsSuccess)
            {
                foreach (var (recipient, command) in to.Zip(rcptTo))
                {
                    results.Add(new SmtpRecipientResult(recipient, await CommandUnlessClosingAsync(command, SmtpCommandStage.RcptTo, cancellationToken).ConfigureAwait(false)));
                }
            }

            dataReply = mailReply.IsSuccess && results.Any(r => r.Accepted)
                ? await CommandUnlessClosingAsync("DATA", SmtpCommandStage.Data, cancellationToken).ConfigureAwait(false)
                : mailReply;
        }

        if (!mailReply.IsSuccess)
        {
            throw await TransactionFailedAsync(SmtpCommandStage.MailFrom, mailReply, null, cancellationToken).ConfigureAwait(false);
        }

        if (!results.Any(r => r.Accepted))
        {
            // Report a retryable refusal if there is one: the caller should try the message again later.
            var refusal = results.FirstOrDefault(r => r.Reply.IsTransientFailure) ?? results[0];
            throw await TransactionFailedAsync(SmtpCommandStage.RcptTo, refusal.Reply, refusal.Address, cancellationToken).ConfigureAwait(false);
        }

        if (dataReply.Code != 354)
        {
            throw await TransactionFailedAsync(SmtpCommandStage.Data, dataReply, null, cancellationToken).ConfigureAwait(false);
        }

        await connection.WriteDataAsync(message, cancellationToken).ConfigureAwait(false);
        var final = await connection.ReadReplyAsync(cancellationToken).ConfigureAwait(false);
        if (!final.IsSuccess)
        {
            throw await FailureAsync(SmtpCommandStage.MessageBody, final).ConfigureAwait(false);
        }

        return new SmtpSendResult(results, final);
    }

    /// <summary>Abandons the current transaction (RFC 5321 RSET).</summary>
    public Task ResetAsync(CancellationToken cancellationToken) => SimpleCommandAsync("RSET", SmtpCommandStage.Reset, cancellationToken);

    /// <summary>Checks the connection is alive.</summary>
    public Task NoopAsync(CancellationToken cancellationToken) => SimpleCommandAsync("NOOP", SmtpCommandStage.Noop, cancellationToken);

    /// <summary>Says goodbye and closes the connection; a server that hangs up first is fine.</summary>
    public async Task QuitAsync(CancellationToken cancellationToken)
    {
        if (_connection is not { IsOpen: true } connection)
        {
            return;
        }

        try
        {
            await connection.CommandAsync("QUIT", cancellationToken).ConfigureAwait(false);
        }
        catch (SmtpProtocolException)
        {
            // The server closing the connection before or after its 221 is the end we wanted anyway.
        }
        finally
        {
            await connection.CloseAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Closes the connection without QUIT.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_connection is not null)
        {
            await _connection.DisposeAsync().ConfigureAwait(false);
        }
    }

    private async Task StartSessionAsync(SmtpConnection connection, SmtpSecurity security, string serverName, CancellationToken cancellationToken)
    {
        if (_connection is not null)
        {
            await _connection.DisposeAsync().ConfigureAwait(false);
        }

        _connection = connection;
        Capabilities = SmtpCapabilities.None;
        IsAuthenticated = false;
        try
        {
            if (security == SmtpSecurity.Tls)
            {
                await connection.UpgradeToTlsAsync(serverName, cancellationToken).ConfigureAwait(false);
            }

            var greeting = await connection.ReadReplyAsync(cancellationToken).ConfigureAwait(false);
            if (greeting.Code != 220)
            {
                throw new SmtpCommandException(SmtpCommandStage.Greeting, greeting);
            }

            await HelloAsync(connection, cancellationToken).ConfigureAwait(false);
            if (security == SmtpSecurity.StartTls)
            {
                if (!Capabilities.StartTls)
                {
                    throw new SmtpProtocolException("The server does not offer STARTTLS; refusing to continue without TLS.");
                }

                var reply = await connection.CommandAsync("STARTTLS", cancellationToken).ConfigureAwait(false);
                if (reply.Code != 220)
                {
                    throw new SmtpCommandException(SmtpCommandStage.StartTls, reply);
                }

                await connection.UpgradeToTlsAsync(serverName, cancellationToken).ConfigureAwait(false);
                await HelloAsync(connection, cancellationToken).ConfigureAwait(false);
            }
        }
        catch
        {
            // A session that did not start is of no use to the caller; the server may still get a polite goodbye.
            await QuitAsync(CancellationToken.None).ConfigureAwait(false);
            throw;
        }
    }

    private async Task HelloAsync(SmtpConnection connection, CancellationToken cancellationToken)
    {
        var domain = _options.LocalDomain;
        var ehlo = await connection.CommandAsync($"EHLO {domain}", cancellationToken).ConfigureAwait(false);
        if (ehlo.IsSuccess)
        {
            Capabilities = SmtpCapabilities.Parse(ehlo);
            return;
        }

        // RFC 5321 §4.1.4: a server without EHLO answers 5xx; a 4xx is a real (temporary) refusal.
        if (ehlo.IsTransientFailure)
        {
            throw new SmtpCommandException(SmtpCommandStage.Ehlo, ehlo);
        }

        var helo = await connection.CommandAsync($"HELO {domain}", cancellationToken).ConfigureAwait(false);
        if (!helo.IsSuccess)
        {
            throw new SmtpCommandException(SmtpCommandStage.Ehlo, helo);
        }

        Capabilities = SmtpCapabilities.None;
    }

    private async Task AuthenticateAsync(SaslMechanism mechanism, CancellationToken cancellationToken)
    {
        var connection = Connected();
        if (!connection.IsSecure && !_options.AllowAuthenticationWithoutTls)
        {
            throw new InvalidOperationException("Refusing to send credentials without TLS (use SmtpSecurity.Tls or StartTls, or set AllowAuthenticationWithoutTls).");
        }

        var initial = mechanism.InitialResponse();
        // RFC 4954 §4: an empty initial response is sent as "=".
        var command = initial is null ? $"AUTH {mechanism.Name}"
            : $"AUTH {mechanism.Name} {(initial.Length == 0 ? "=" : Convert.ToBase64String(initial))}";
        var reply = await connection.CommandAsync(command, cancellationToken, SmtpConnection.RedactAuth(command)).ConfigureAwait(false);
        for (var round = 0; reply.Code == 334; round++)
        {
            var challenge = DecodeChallenge(reply);
            var response = round < MaxAuthRounds && challenge is not null ? mechanism.Respond(challenge) : null;
            if (response is null)
            {
                // "*" cancels the exchange (RFC 4954 §4); the server answers 501 and the connection stays usable.
                reply = await connection.CommandAsync("*", cancellationToken).ConfigureAwait(false);
                throw await FailureAsync(SmtpCommandStage.Authenticate, reply, detail: "the client cancelled an unexpected challenge").ConfigureAwait(false);
            }

            reply = await connection.CommandAsync(Convert.ToBase64String(response), cancellationToken, SmtpConnection.RedactedLine).ConfigureAwait(false);
        }

        if (reply.Code != 235)
        {
            throw await FailureAsync(SmtpCommandStage.Authenticate, reply, detail: mechanism.FailureDetail).ConfigureAwait(false);
        }

        IsAuthenticated = true;
    }

    private static byte[]? DecodeChallenge(SmtpReply reply)
    {
        var text = reply.Text.Trim();
        var buffer = new byte[(text.Length * 3 / 4) + 3];
        return Convert.TryFromBase64String(text, buffer, out var length) ? buffer[..length] : null;
    }

    private string MailFromCommand(string sender, long? size, bool smtpUtf8)
    {
        var command = new StringBuilder("MAIL FROM:<").Append(sender).Append('>');
        if (size is { } bytes && Capabilities.Size)
        {
            command.Append(CultureInfo.InvariantCulture, $" SIZE={bytes}");
        }

        // Declared whenever offered: it only permits 8-bit content, and a streamed message cannot be scanned first.
        if (Capabilities.EightBitMime)
        {
            command.Append(" BODY=8BITMIME");
        }

        if (smtpUtf8)
        {
            command.Append(" SMTPUTF8");
        }

        return command.ToString();
    }

    private async Task<SmtpReply> CommandUnlessClosingAsync(string command, SmtpCommandStage stage, CancellationToken cancellationToken)
    {
        await Connected().WriteLineAsync(command, cancellationToken).ConfigureAwait(false);
        return await ReadUnlessClosingAsync(stage, cancellationToken).ConfigureAwait(false);
    }

    private async Task<SmtpReply> ReadUnlessClosingAsync(SmtpCommandStage stage, CancellationToken cancellationToken)
    {
        var reply = await Connected().ReadReplyAsync(cancellationToken).ConfigureAwait(false);
        // After 421 the server closes the connection: no further command or pipelined reply gets through.
        return reply.Code == 421 ? throw await FailureAsync(stage, reply).ConfigureAwait(false) : reply;
    }

    /// <summary>A refused step inside a mail transaction: the transaction is reset so the connection can send the next message.</summary>
    private async Task<SmtpCommandException> TransactionFailedAsync(SmtpCommandStage stage, SmtpReply reply, string? recipient, CancellationToken cancellationToken)
    {
        var failure = await FailureAsync(stage, reply, recipient).ConfigureAwait(false);
        if (IsConnected)
        {
            try
            {
                await Connected().CommandAsync("RSET", cancellationToken).ConfigureAwait(false);
            }
            catch (SmtpProtocolException)
            {
                // The connection is gone (IsConnected says so); the refusal is still what the caller needs to know.
            }
        }

        return failure;
    }

    private async Task<SmtpCommandException> FailureAsync(SmtpCommandStage stage, SmtpReply reply, string? recipient = null, string? detail = null)
    {
        if (reply.Code == 421)
        {
            await Connected().CloseAsync().ConfigureAwait(false);
        }

        return new SmtpCommandException(stage, reply, recipient, detail);
    }

    private async Task SimpleCommandAsync(string command, SmtpCommandStage stage, CancellationToken cancellationToken)
    {
        var reply = await Connected().CommandAsync(command, cancellationToken).ConfigureAwait(false);
        if (!reply.IsSuccess)
        {
            throw await FailureAsync(stage, reply).ConfigureAwait(false);
        }
    }

    private async Task<SmtpSendResult> SendAndDisposeAsync(string sender, IEnumerable<string> recipients, MemoryStream message, CancellationToken cancellationToken)
    {
        await using (message.ConfigureAwait(false))
        {
            return await SendAsync(sender, recipients, message, cancellationToken).ConfigureAwait(false);
        }
    }

    private SmtpConnection Connected() =>
        _connection is { IsOpen: true } connection ? connection : throw new InvalidOperationException("The SMTP client is not connected.");

    private void EnsureNotConnected()
    {
        if (IsConnected)
        {
            throw new InvalidOperationException("The SMTP client is already connected; call QuitAsync first.");
        }
    }

    private NotSupportedException NoMechanism(string wanted)
    {
        var offered = Capabilities.AuthMechanisms.Count == 0 ? "no AUTH at all (with Postfix, AUTH often appears only after STARTTLS)"
            : string.Join(' ', Capabilities.AuthMechanisms);
        return new NotSupportedException($"The server offers no {wanted} authentication; it offers {offered}.");
    }
}
