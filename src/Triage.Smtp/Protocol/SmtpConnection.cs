using System.Buffers;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace Triage.Smtp.Protocol;

/// <summary>
/// The engine under <see cref="SmtpClient"/>: owns the stream, writes command lines, reads replies, upgrades to TLS
/// and streams DATA. Every network step runs under <see cref="SmtpClientOptions.Timeout"/>; any failure of the
/// transport closes the connection and surfaces as <see cref="SmtpProtocolException"/> (cancellation by the caller
/// closes it too, then rethrows), because after a half-done step the reply boundaries are unknown.
/// </summary>
internal sealed class SmtpConnection : IAsyncDisposable
{
    private const int DataChunkSize = 16 * 1024;
    private const string Redacted = "********";

    private readonly SmtpClientOptions _options;
    private Stream _stream;
    private SmtpReplyReader _reader;

    public SmtpConnection(Stream stream, SmtpClientOptions options)
    {
        _options = options;
        _stream = stream;
        _reader = NewReader(stream);
        IsSecure = stream is SslStream;
    }

    public bool IsOpen { get; private set; } = true;

    public bool IsSecure { get; private set; }

    private ISmtpProtocolLogger? Logger => _options.ProtocolLogger;

    /// <summary>Opens a TCP connection under the timeout.</summary>
    public static async Task<Stream> OpenAsync(string host, int port, SmtpClientOptions options, CancellationToken cancellationToken)
    {
        options.ProtocolLogger?.LogConnect($"{host}:{port}");
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            using var deadline = new StepDeadline(options, cancellationToken);
            await socket.ConnectAsync(host, port, deadline.Token).ConfigureAwait(false);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            socket.Dispose();
            throw new SmtpProtocolException($"Connecting to {host}:{port} took longer than {options.Timeout}.", new TimeoutException());
        }
        catch (SocketException e)
        {
            socket.Dispose();
            throw new SmtpProtocolException($"Could not connect to {host}:{port}: {e.Message}", e);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    public Task<SmtpReply> ReadReplyAsync(CancellationToken cancellationToken) =>
        RunAsync(ct => _reader.ReadReplyAsync(ct), cancellationToken);

    /// <summary>Writes one command line; <paramref name="logAs"/> replaces it in the protocol log (credentials).</summary>
    public Task WriteLineAsync(string line, CancellationToken cancellationToken, string? logAs = null) =>
        WriteLinesAsync([line], cancellationToken, logAs);

    /// <summary>Writes several command lines in one packet (PIPELINING).</summary>
    public Task WriteLinesAsync(IReadOnlyList<string> lines, CancellationToken cancellationToken, string? logAs = null)
    {
        var bytes = Encoding.UTF8.GetBytes(string.Concat(lines.Select(l => l + "\r\n")));
        foreach (var line in lines)
        {
            Logger?.LogClient(logAs ?? line);
        }

        return RunAsync(
            async ct =>
            {
                await _stream.WriteAsync(bytes, ct).ConfigureAwait(false);
                await _stream.FlushAsync(ct).ConfigureAwait(false);
                return true;
            },
            cancellationToken);
    }

    public async Task<SmtpReply> CommandAsync(string line, CancellationToken cancellationToken, string? logAs = null)
    {
        await WriteLineAsync(line, cancellationToken, logAs).ConfigureAwait(false);
        return await ReadReplyAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>An AUTH line: the mechanism is logged, the payload is not.</summary>
    public static string RedactAuth(string line)
    {
        var parts = line.Split(' ');
        return parts.Length > 2 ? $"{parts[0]} {parts[1]} {Redacted}" : line;
    }

    public static string RedactedLine => Redacted;

    /// <summary>
    /// Wraps the stream in TLS. Bytes the server sent after its STARTTLS reply would be read as if they came
    /// through TLS (the STARTTLS injection attack), so they are refused.
    /// </summary>
    public async Task UpgradeToTlsAsync(string serverName, CancellationToken cancellationToken)
    {
        if (_reader.HasBufferedData)
        {
            await CloseAsync().ConfigureAwait(false);
            throw new SmtpProtocolException("The server sent data before the TLS handshake; refusing to continue.");
        }

        var tls = new SslStream(_stream, leaveInnerStreamOpen: false);
        var trusted = LoadTrustedCertificates();
        var authentication = new SslClientAuthenticationOptions
        {
            TargetHost = serverName,
            EnabledSslProtocols = SslProtocols.None, // the system's choice: TLS 1.2 and 1.3 today
            RemoteCertificateValidationCallback = (_, certificate, _, errors) => IsTrusted(certificate, errors, trusted),
        };
        try
        {
            await RunAsync(
                async ct =>
                {
                    await tls.AuthenticateAsClientAsync(authentication, ct).ConfigureAwait(false);
                    return true;
                },
                cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await tls.DisposeAsync().ConfigureAwait(false);
            throw;
        }
        finally
        {
            foreach (var certificate in trusted ?? [])
            {
                certificate.Dispose();
            }
        }

        _stream = tls;
        _reader = NewReader(tls);
        IsSecure = true;
    }

    /// <summary>
    /// Streams the message as a DATA section. A failure of <paramref name="message"/> itself closes the connection
    /// before the final "." is sent, so the server never delivers a truncated message.
    /// </summary>
    public async Task WriteDataAsync(Stream message, CancellationToken cancellationToken)
    {
        var encoder = new SmtpDataEncoder();
        var input = ArrayPool<byte>.Shared.Rent(DataChunkSize);
        var output = ArrayPool<byte>.Shared.Rent(SmtpDataEncoder.MaxEncodedLength(DataChunkSize) + SmtpDataEncoder.MaxFinishLength);
        long total = 0;
        try
        {
            while (true)
            {
                var read = await ReadMessageAsync(message, input.AsMemory(0, DataChunkSize), cancellationToken).ConfigureAwait(false);
                var count = read == 0 ? encoder.Finish(output) : encoder.Encode(input.AsSpan(0, read), output);
                total += read;
                await RunAsync(
                    async ct =>
                    {
                        await _stream.WriteAsync(output.AsMemory(0, count), ct).ConfigureAwait(false);
                        return true;
                    },
                    cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    break;
                }
            }

            await RunAsync(
                async ct =>
                {
                    await _stream.FlushAsync(ct).ConfigureAwait(false);
                    return true;
                },
                cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(input);
            ArrayPool<byte>.Shared.Return(output);
        }

        Logger?.LogClient($"<message, {total} bytes>");
        Logger?.LogClient(".");
    }

    public async Task CloseAsync()
    {
        if (IsOpen)
        {
            IsOpen = false;
            await _stream.DisposeAsync().ConfigureAwait(false);
        }
    }

    public ValueTask DisposeAsync() => new(CloseAsync());

    private async Task<int> ReadMessageAsync(Stream message, Memory<byte> buffer, CancellationToken cancellationToken)
    {
        try
        {
            return await message.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            await CloseAsync().ConfigureAwait(false);
            if (e is OperationCanceledException)
            {
                throw;
            }

            throw new SmtpProtocolException("Reading the message failed during DATA; the connection was closed so the server discards the partial message.", e);
        }
    }

    private SmtpReplyReader NewReader(Stream stream) =>
        new(stream, Logger is { } logger ? logger.LogServer : null);

    private async Task<T> RunAsync<T>(Func<CancellationToken, ValueTask<T>> step, CancellationToken cancellationToken)
    {
        if (!IsOpen)
        {
            throw new SmtpProtocolException("The SMTP connection is closed.");
        }

        using var deadline = new StepDeadline(_options, cancellationToken);
        try
        {
            return await step(deadline.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await CloseAsync().ConfigureAwait(false);
            throw;
        }
        catch (OperationCanceledException e)
        {
            await CloseAsync().ConfigureAwait(false);
            throw new SmtpProtocolException($"The SMTP server did not answer within {_options.Timeout}.", new TimeoutException(e.Message, e));
        }
        catch (SmtpProtocolException)
        {
            await CloseAsync().ConfigureAwait(false);
            throw;
        }
        catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException or AuthenticationException)
        {
            await CloseAsync().ConfigureAwait(false);
            throw new SmtpProtocolException($"The SMTP connection failed: {e.Message}", e);
        }
    }

    private X509Certificate2Collection? LoadTrustedCertificates()
    {
        if (_options.TrustedCaFile is null)
        {
            return null;
        }

        var collection = new X509Certificate2Collection();
        collection.ImportFromPemFile(_options.TrustedCaFile);
        return collection;
    }

    // The system store decides first; a configured CA file can only add trust for a chain error, never excuse a
    // name mismatch or a missing certificate.
    private static bool IsTrusted(X509Certificate? certificate, SslPolicyErrors errors, X509Certificate2Collection? trusted)
    {
        if (errors == SslPolicyErrors.None)
        {
            return true;
        }

        if (trusted is null || certificate is null || errors != SslPolicyErrors.RemoteCertificateChainErrors)
        {
            return false;
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(trusted);
        // Private CAs rarely publish revocation lists; the system path does not check revocation either.
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        using var leaf = new X509Certificate2(certificate);
        return chain.Build(leaf);
    }
}
