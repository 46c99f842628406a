using System.Buffers;
using System.Globalization;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Triage.Imap.Protocol;
using Triage.Imap.Sasl;

namespace Triage.Imap;

/// <summary>Which SASL mechanism carries an OAuth 2.0 access token.</summary>
public enum ImapOAuthMechanism
{
    /// <summary>OAUTHBEARER when offered (Gmail), else XOAUTH2 (Microsoft 365).</summary>
    Auto,
    XOAuth2,
    OAuthBearer,
}

/// <summary>How UID STORE changes flags.</summary>
public enum ImapStoreAction
{
    Add,
    Remove,
    Replace,
}

/// <summary>
/// An IMAP4rev1 client: one connection, one command at a time (not thread-safe). Failures come as
/// <see cref="ImapProtocolException"/> (reconnect) or <see cref="ImapCommandException"/> (refused; connection fine).
/// </summary>
public sealed class ImapClient : IDisposable
{
    private static readonly SearchValues<char> AtomSpecials = SearchValues.Create(" ()[]{}\"\r\n%*");

    private readonly ImapClientOptions _options;
    private readonly TimeProvider _time;
    private readonly ImapEngine _engine;
    private string _host = "localhost";
    private int _port;

    public ImapClient(ImapClientOptions? options = null, IImapProtocolLogger? logger = null, TimeProvider? timeProvider = null)
    {
        _options = options ?? ImapClientOptions.Default;
        _time = timeProvider ?? TimeProvider.System;
        _engine = new ImapEngine(_options, logger, _time);
        _engine.CountChanged += () => CountChanged?.Invoke(this, EventArgs.Empty);
    }

    /// <summary>EXISTS or EXPUNGE changed the selected mailbox's count (during any command, IDLE included).</summary>
    public event EventHandler? CountChanged;

    public IReadOnlySet<string> Capabilities => _engine.Capabilities;

    public bool IsConnected => _engine.IsConnected;

    public bool IsAuthenticated { get; private set; }

    public ImapMailbox? SelectedMailbox => _engine.Selected;

    public bool SupportsIdle => _engine.Capabilities.Contains("IDLE");

    private bool Utf8Accepted { get; set; }

    /// <summary>Connects over TCP, with TLS as <paramref name="security"/> says, and reads the capabilities.</summary>
    public async Task ConnectAsync(string host, int port, ImapSecurity security, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(host);
        _host = host;
        _port = port;
        Stream stream;
        using (var connectDeadline = new CancellationTokenSource(_options.ConnectTimeout, _time))
        using (var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, connectDeadline.Token))
        {
            var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                // Keepalive finds a silently dead peer during a long IDLE.
                socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.KeepAlive, true);
                socket.SetSocketOption(SocketOptionLevel.Tcp, SocketOptionName.TcpKeepAliveTime, 60);
                socket.SetSocketOption(SocketOptionLevel.Tcp, SocketOptionName.TcpKeepAliveInterval, 15);
                await socket.ConnectAsync(host, port, linked.Token).ConfigureAwait(false);
                stream = new NetworkStream(socket, ownsSocket: true);
                if (security == ImapSecurity.Tls)
                {
                    stream = await WrapTlsAsync(stream, linked.Token).ConfigureAwait(false);
                }
            }
            catch (Exception e) when (e is SocketException or IOException || (e is OperationCanceledException && connectDeadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested))
            {
                socket.Dispose();
                throw new ImapProtocolException($"Could not connect to {host}:{port}: {e.Message}", e);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        }

        await AttachAsync(stream, cancellationToken).ConfigureAwait(false);
        if (security == ImapSecurity.StartTls)
        {
            await StartTlsAsync(cancellationToken).ConfigureAwait(false);
        }

        if (_engine.Capabilities.Count == 0)
        {
            await CapabilityAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Uses an already connected stream (a replayed transcript, a proxy) and reads the greeting.
    /// <paramref name="host"/> and <paramref name="port"/> only name the server to OAUTHBEARER.
    /// </summary>
    public async Task ConnectAsync(Stream stream, string host = "localhost", int port = 143, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        _host = host;
        _port = port;
        await AttachAsync(stream, cancellationToken).ConfigureAwait(false);
        if (_engine.Capabilities.Count == 0)
        {
            await CapabilityAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task<IReadOnlySet<string>> CapabilityAsync(CancellationToken cancellationToken = default)
    {
        await _engine.RunAsync(new ImapCommand("CAPABILITY"), cancellationToken).ConfigureAwait(false);
        return _engine.Capabilities;
    }

    /// <summary>LOGIN with a user name and password; refused when the server advertises LOGINDISABLED.</summary>
    public async Task LoginAsync(string user, string password, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(password);
        if (_engine.Capabilities.Contains("LOGINDISABLED"))
        {
            throw new ImapAuthenticationException("LOGIN", ImapRefusal.No, "LOGINDISABLED", "The server does not allow LOGIN on this connection.", null);
        }

        var command = new ImapCommand("LOGIN").AddString(user, secret: true).AddString(password, secret: true);
        await AuthenticateCoreAsync(command, null, cancellationToken).ConfigureAwait(false);
    }

    public Task AuthenticatePlainAsync(string user, string password, CancellationToken cancellationToken = default) =>
        AuthenticateAsync(new PlainMechanism(user, password), cancellationToken);

    /// <summary>
    /// OAuth 2.0 with <paramref name="mechanism"/>; <see cref="ImapOAuthMechanism.Auto"/> takes OAUTHBEARER when
    /// the server offers it, else XOAUTH2. A refused token is retried once with a refreshed one, since the common
    /// cause is an expired cached token.
    /// </summary>
    public async Task AuthenticateOAuthAsync(string user, IOAuthTokenProvider tokenProvider, ImapOAuthMechanism mechanism = ImapOAuthMechanism.Auto, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(tokenProvider);
        var bearer = mechanism == ImapOAuthMechanism.OAuthBearer
            || (mechanism == ImapOAuthMechanism.Auto && _engine.Capabilities.Contains("AUTH=OAUTHBEARER"));

        for (var attempt = 0; ; attempt++)
        {
            var token = await tokenProvider.GetAccessTokenAsync(forceRefresh: attempt > 0, cancellationToken).ConfigureAwait(false);
            SaslMechanism sasl = bearer ? new OAuthBearerMechanism(user, _host, _port, token) : new XOAuth2Mechanism(user, token);
            try
            {
                await AuthenticateAsync(sasl, cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (ImapAuthenticationException) when (attempt == 0)
            {
                // One more try with a fresh token.
            }
        }
    }

    /// <summary>Server and client identification (RFC 2971); the server's answer, empty when it sent NIL.</summary>
    public async Task<IReadOnlyDictionary<string, string?>> IdAsync(IReadOnlyDictionary<string, string>? clientId = null, CancellationToken cancellationToken = default)
    {
        var result = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        var command = new ImapCommand("ID")
        {
            Untagged = (keyword, values) =>
            {
                if (keyword == "ID" && values.Count > 0 && values[0] is List<object?> pairs)
                {
                    for (var i = 0; i + 1 < pairs.Count; i += 2)
                    {
                        result[pairs[i] as string ?? ""] = pairs[i + 1] as string;
                    }
                }
            },
        };
        if (clientId is null || clientId.Count == 0)
        {
            command.Add("NIL");
        }
        else
        {
            command.Add("(");
            foreach (var (key, value) in clientId)
            {
                command.AddString(key).AddString(value);
            }

            command.Add(")");
        }

        await _engine.RunAsync(command, cancellationToken).ConfigureAwait(false);
        return result;
    }

    /// <summary>ENABLE (RFC 5161); returns what the server enabled.</summary>
    public async Task<IReadOnlySet<string>> EnableAsync(IEnumerable<string> extensions, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(extensions);
        var enabled = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var command = new ImapCommand("ENABLE")
        {
            Untagged = (keyword, values) =>
            {
                if (keyword == "ENABLED")
                {
                    enabled.UnionWith(FetchParser.Flatten(values));
                }
            },
        };
        foreach (var extension in extensions)
        {
            command.Add(RequireAtom(extension));
        }

        await _engine.RunAsync(command, cancellationToken).ConfigureAwait(false);
        if (enabled.Contains("UTF8=ACCEPT"))
        {
            Utf8Accepted = true;
        }

        return enabled;
    }

    public Task<ImapMailbox> SelectAsync(string mailbox, CancellationToken cancellationToken = default) =>
        OpenAsync("SELECT", mailbox, readOnly: false, cancellationToken);

    public Task<ImapMailbox> ExamineAsync(string mailbox, CancellationToken cancellationToken = default) =>
        OpenAsync("EXAMINE", mailbox, readOnly: true, cancellationToken);

    /// <summary>UID SEARCH with criteria in IMAP syntax (e.g. <c>UID 5:* UNDELETED</c>); the UIDs in ascending order.</summary>
    public async Task<IReadOnlyList<uint>> UidSearchAsync(string criteria, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(criteria);
        if (criteria.AsSpan().IndexOfAny('\r', '\n') >= 0)
        {
            throw new ArgumentException("Search criteria cannot contain line breaks.", nameof(criteria));
        }

        var uids = new List<uint>();
        var command = new ImapCommand("UID SEARCH")
        {
            Untagged = (keyword, values) =>
            {
                if (keyword == "SEARCH")
                {
                    foreach (var value in FetchParser.Flatten(values))
                    {
                        if (uint.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var uid))
                        {
                            uids.Add(uid);
                        }
                    }
                }
            },
        };
        if (!Ascii.IsValid(criteria))
        {
            command.Add("CHARSET UTF-8");
        }

        await _engine.RunAsync(command.Add(criteria), cancellationToken).ConfigureAwait(false);
        uids.Sort();
        return uids;
    }

    /// <summary>
    /// UID FETCH in batches of <see cref="ImapClientOptions.FetchBatchSize"/>; each requested message is handed to
    /// <paramref name="onMessage"/> as soon as its response is read (unsolicited FETCH data is left out).
    /// </summary>
    public async Task UidFetchAsync(IReadOnlyCollection<uint> uids, ImapFetchItems items, Action<ImapFetchedMessage> onMessage, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(uids);
        ArgumentNullException.ThrowIfNull(onMessage);
        var itemList = new List<string> { "UID" };
        if (items.HasFlag(ImapFetchItems.Flags))
        {
            itemList.Add("FLAGS");
        }

        if (items.HasFlag(ImapFetchItems.InternalDate))
        {
            itemList.Add("INTERNALDATE");
        }

        if (items.HasFlag(ImapFetchItems.Size))
        {
            itemList.Add("RFC822.SIZE");
        }

        if (items.HasFlag(ImapFetchItems.Body))
        {
            itemList.Add("BODY.PEEK[]");
        }

        var itemText = "(" + string.Join(' ', itemList) + ")";
        foreach (var batch in uids.Distinct().Order().Chunk(Math.Max(1, _options.FetchBatchSize)))
        {
            var wanted = batch.ToHashSet();
            var command = new ImapCommand("UID FETCH")
            {
                FetchItems = items,
                Fetched = message =>
                {
                    if (wanted.Remove(message.Uid))
                    {
                        onMessage(message);
                    }
                },
            };
            await _engine.RunAsync(command.Add(UidSet.Format(batch)).Add(itemText), cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// UID FETCH of one message's raw body (BODY.PEEK[]) and INTERNALDATE, the body copied into
    /// <paramref name="destination"/> as it arrives: memory stays bounded whatever its size, and
    /// <see cref="ImapClientOptions.MaxLiteralBytes"/> does not apply. Null when the UID no longer exists.
    /// </summary>
    public async Task<ImapFetchedMessage?> UidFetchBodyToAsync(uint uid, Stream destination, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(destination);
        ImapFetchedMessage? fetched = null;
        var command = new ImapCommand("UID FETCH")
        {
            FetchItems = ImapFetchItems.Body | ImapFetchItems.InternalDate,
            BodyDestination = destination,
            Fetched = message =>
            {
                if (message.Uid == uid)
                {
                    fetched = message;
                }
            },
        };
        await _engine.RunAsync(command.Add(UidSet.Format([uid])).Add("(UID INTERNALDATE BODY.PEEK[])"), cancellationToken).ConfigureAwait(false);
        return fetched;
    }

    /// <summary>UID FETCH collecting the results (fine for metadata; for bodies prefer the callback form).</summary>
    public async Task<IReadOnlyList<ImapFetchedMessage>> UidFetchAsync(IReadOnlyCollection<uint> uids, ImapFetchItems items, CancellationToken cancellationToken = default)
    {
        var messages = new List<ImapFetchedMessage>();
        await UidFetchAsync(uids, items, messages.Add, cancellationToken).ConfigureAwait(false);
        return messages;
    }

    /// <summary>UID STORE …FLAGS.SILENT: changes flags (or keywords) without echoing them back.</summary>
    public async Task UidStoreAsync(IReadOnlyCollection<uint> uids, ImapStoreAction action, IEnumerable<string> flags, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(flags);
        var prefix = action switch { ImapStoreAction.Add => "+", ImapStoreAction.Remove => "-", _ => "" };
        var command = new ImapCommand("UID STORE")
            .Add(UidSet.Format(uids))
            .Add(prefix + "FLAGS.SILENT")
            .Add("(" + string.Join(' ', flags.Select(RequireAtom)) + ")");
        await _engine.RunAsync(command, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Moves messages: UID MOVE (RFC 6851) when offered; else UID COPY, \Deleted and UID EXPUNGE (UIDPLUS),
    /// so other messages marked \Deleted are never expunged. Without UIDPLUS the originals stay, marked \Deleted.
    /// </summary>
    public async Task UidMoveAsync(IReadOnlyCollection<uint> uids, string destination, CancellationToken cancellationToken = default)
    {
        var set = UidSet.Format(uids);
        var mailbox = MailboxName.Encode(destination, Utf8Accepted);
        if (_engine.Capabilities.Contains("MOVE"))
        {
            await _engine.RunAsync(new ImapCommand("UID MOVE").Add(set).AddString(mailbox), cancellationToken).ConfigureAwait(false);
            return;
        }

        await _engine.RunAsync(new ImapCommand("UID COPY").Add(set).AddString(mailbox), cancellationToken).ConfigureAwait(false);
        await UidStoreAsync(uids, ImapStoreAction.Add, [@"\Deleted"], cancellationToken).ConfigureAwait(false);
        if (_engine.Capabilities.Contains("UIDPLUS"))
        {
            await _engine.RunAsync(new ImapCommand("UID EXPUNGE").Add(set), cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task CreateAsync(string mailbox, CancellationToken cancellationToken = default) =>
        await _engine.RunAsync(new ImapCommand("CREATE").AddString(MailboxName.Encode(mailbox, Utf8Accepted)), cancellationToken).ConfigureAwait(false);

    /// <summary>Creates the mailbox unless LIST shows it already exists.</summary>
    public async Task EnsureMailboxAsync(string mailbox, CancellationToken cancellationToken = default)
    {
        var encoded = MailboxName.Encode(mailbox, Utf8Accepted);
        var exists = false;
        var list = new ImapCommand("LIST")
        {
            Untagged = (keyword, values) => exists |= keyword == "LIST" && values.Count >= 3 && values[2] is string name
                && (string.Equals(name, encoded, StringComparison.Ordinal) || (encoded.Equals("INBOX", StringComparison.OrdinalIgnoreCase) && name.Equals("INBOX", StringComparison.OrdinalIgnoreCase))),
        };
        await _engine.RunAsync(list.AddString("").AddString(encoded), cancellationToken).ConfigureAwait(false);
        if (exists)
        {
            return;
        }

        try
        {
            await CreateAsync(mailbox, cancellationToken).ConfigureAwait(false);
        }
        catch (ImapCommandException e) when (e.ResponseCode == "ALREADYEXISTS")
        {
            // Created in the meantime by another client.
        }
    }

    /// <summary>APPEND; returns the new message's UID when the server reports it (UIDPLUS APPENDUID).</summary>
    public async Task<uint?> AppendAsync(string mailbox, ReadOnlyMemory<byte> message, IEnumerable<string>? flags = null, DateTimeOffset? internalDate = null, CancellationToken cancellationToken = default)
    {
        var command = new ImapCommand("APPEND").AddString(MailboxName.Encode(mailbox, Utf8Accepted));
        if (flags is not null)
        {
            command.Add("(" + string.Join(' ', flags.Select(RequireAtom)) + ")");
        }

        if (internalDate is { } date)
        {
            command.Add("\"" + FormatInternalDate(date) + "\"");
        }

        var response = await _engine.RunAsync(command.AddLiteral(message), cancellationToken).ConfigureAwait(false);
        var parts = response.Code?.Split(' ');
        return response.CodeName == "APPENDUID" && parts is { Length: >= 3 } && uint.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var uid)
            ? uid
            : null;
    }

    /// <summary>NOOP: lets the server report new mail (EXISTS) when IDLE is not available.</summary>
    public async Task NoopAsync(CancellationToken cancellationToken = default) =>
        await _engine.RunAsync(new ImapCommand("NOOP"), cancellationToken).ConfigureAwait(false);

    /// <summary>
    /// IDLE (RFC 2177) until <paramref name="doneToken"/> fires, which ends it gracefully with DONE; re-issued
    /// every <see cref="ImapClientOptions.IdleRefresh"/>. <paramref name="cancellationToken"/> aborts and disconnects.
    /// Watch <see cref="CountChanged"/> to learn of new mail while idling.
    /// </summary>
    public Task IdleAsync(CancellationToken doneToken, CancellationToken cancellationToken = default)
    {
        if (!SupportsIdle)
        {
            throw new NotSupportedException("The IMAP server does not support IDLE; poll with NOOP instead.");
        }

        return _engine.IdleAsync(doneToken, cancellationToken);
    }

    /// <summary>LOGOUT, then disconnect; errors on the way out are ignored, the connection is gone either way.</summary>
    public async Task LogoutAsync(CancellationToken cancellationToken = default)
    {
        if (!_engine.IsConnected)
        {
            return;
        }

        try
        {
            await _engine.RunAsync(new ImapCommand("LOGOUT"), cancellationToken).ConfigureAwait(false);
        }
        catch (ImapException)
        {
            // The server may close before completing LOGOUT.
        }
        finally
        {
            Disconnect();
        }
    }

    public void Disconnect()
    {
        _engine.Disconnect();
        IsAuthenticated = false;
    }

    public void Dispose() => _engine.Dispose();

    internal static string FormatInternalDate(DateTimeOffset date)
    {
        var offset = date.Offset;
        var sign = offset < TimeSpan.Zero ? '-' : '+';
        offset = offset.Duration();
        return date.ToString("dd-MMM-yyyy HH:mm:ss ", CultureInfo.InvariantCulture)
            + sign + offset.Hours.ToString("D2", CultureInfo.InvariantCulture) + offset.Minutes.ToString("D2", CultureInfo.InvariantCulture);
    }

    internal async Task AuthenticateAsync(SaslMechanism mechanism, CancellationToken cancellationToken)
    {
        if (!_engine.Capabilities.Contains("AUTH=" + mechanism.Name))
        {
            throw new NotSupportedException($"The IMAP server does not offer AUTH={mechanism.Name}.");
        }

        var initialSent = _engine.Capabilities.Contains("SASL-IR");
        var command = new ImapCommand("AUTHENTICATE")
        {
            Continuation = (challenge, _) =>
            {
                if (!initialSent)
                {
                    initialSent = true;
                    return ValueTask.FromResult(Convert.ToBase64String(mechanism.InitialResponse()));
                }

                return ValueTask.FromResult(Convert.ToBase64String(mechanism.Respond(DecodeChallenge(challenge))));
            },
        };
        command.Add(mechanism.Name);
        if (initialSent)
        {
            var initial = mechanism.InitialResponse();
            command.AddSecret(initial.Length == 0 ? "=" : Convert.ToBase64String(initial));
        }

        await AuthenticateCoreAsync(command, mechanism, cancellationToken).ConfigureAwait(false);
    }

    private async Task AuthenticateCoreAsync(ImapCommand command, SaslMechanism? mechanism, CancellationToken cancellationToken)
    {
        var capabilitiesBefore = _engine.CapabilityVersion;
        try
        {
            await _engine.RunAsync(command, cancellationToken).ConfigureAwait(false);
        }
        catch (ImapCommandException e) when (e is not ImapAuthenticationException)
        {
            throw new ImapAuthenticationException(e.Command, e.Refusal, e.ResponseCode, e.ResponseText, mechanism?.ErrorChallenge);
        }

        IsAuthenticated = true;
        if (_engine.CapabilityVersion == capabilitiesBefore)
        {
            // Capabilities change after authentication (MOVE, UIDPLUS…); ask unless the server already said.
            await CapabilityAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private static byte[] DecodeChallenge(string challenge)
    {
        try
        {
            return Convert.FromBase64String(challenge);
        }
        catch (FormatException)
        {
            // Some servers send a plain-text challenge; keep it readable for the error report.
            return Encoding.UTF8.GetBytes(challenge);
        }
    }

    private async Task<ImapMailbox> OpenAsync(string verb, string mailbox, bool readOnly, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(mailbox);
        _engine.Selected = new ImapMailbox(mailbox, readOnly);
        try
        {
            await _engine.RunAsync(new ImapCommand(verb).AddString(MailboxName.Encode(mailbox, Utf8Accepted)), cancellationToken).ConfigureAwait(false);
        }
        catch (ImapCommandException)
        {
            _engine.Selected = null;
            throw;
        }

        return _engine.Selected ?? throw new ImapProtocolException($"The connection was lost during {verb}.");
    }

    private async Task AttachAsync(Stream stream, CancellationToken cancellationToken)
    {
        IsAuthenticated = false;
        Utf8Accepted = false;
        var greeting = await _engine.AttachAsync(stream, cancellationToken).ConfigureAwait(false);
        IsAuthenticated = greeting.Status == "PREAUTH";
    }

    private async Task StartTlsAsync(CancellationToken cancellationToken)
    {
        if (_engine.Capabilities.Count == 0)
        {
            await CapabilityAsync(cancellationToken).ConfigureAwait(false);
        }

        if (!_engine.Capabilities.Contains("STARTTLS"))
        {
            Disconnect();
            throw new AuthenticationException($"{_host}:{_port} does not offer STARTTLS; refusing to continue unencrypted.");
        }

        var plain = GetEngineStream();
        await _engine.RunAsync(new ImapCommand("STARTTLS"), cancellationToken).ConfigureAwait(false);
        using var deadline = new CancellationTokenSource(_options.ConnectTimeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        Stream tls;
        try
        {
            tls = await WrapTlsAsync(plain, linked.Token).ConfigureAwait(false);
        }
        catch
        {
            Disconnect();
            throw;
        }

        _engine.UpgradeStream(tls);
        await CapabilityAsync(cancellationToken).ConfigureAwait(false);
    }

    private Stream GetEngineStream() => _engine.Stream ?? throw new ImapProtocolException("Not connected to an IMAP server.");

    private async Task<Stream> WrapTlsAsync(Stream inner, CancellationToken cancellationToken)
    {
        var tls = new SslStream(inner, leaveInnerStreamOpen: false);
        var authentication = new SslClientAuthenticationOptions { TargetHost = _host };
        if (_options.TrustedCaFile is { } caFile)
        {
            // The CA replaces the system store for this connection only; host name checks still apply.
            var policy = new X509ChainPolicy { TrustMode = X509ChainTrustMode.CustomRootTrust, RevocationMode = X509RevocationMode.NoCheck };
            policy.CustomTrustStore.Add(X509CertificateLoader.LoadCertificateFromFile(caFile));
            authentication.CertificateChainPolicy = policy;
        }

        try
        {
            await tls.AuthenticateAsClientAsync(authentication, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await tls.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        return tls;
    }

    private static string RequireAtom(string value)
    {
        if (value.Length == 0 || (value.AsSpan().IndexOfAny(AtomSpecials) >= 0 && value != @"\*"))
        {
            throw new ArgumentException($"'{value}' is not a valid IMAP atom (flag, keyword or extension name).", nameof(value));
        }

        return value;
    }
}
