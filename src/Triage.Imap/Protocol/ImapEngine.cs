using System.Globalization;
using System.Text;

namespace Triage.Imap.Protocol;

/// <summary>
/// Holds one connection's state and runs tagged commands one at a time. Untagged data is handled whenever it
/// arrives: EXISTS/EXPUNGE keep the selected mailbox current, CAPABILITY replaces the capability set, BYE is
/// remembered so the disconnect that follows is explained, and the rest goes to the running command.
/// Anything that leaves the conversation in an unknown state (I/O failure, timeout, cancellation, garbage)
/// drops the connection, so the next call fails fast with <see cref="ImapProtocolException"/>.
/// </summary>
internal sealed class ImapEngine : IDisposable
{
    private const string Redacted = "********";

    private readonly ImapClientOptions _options;
    private readonly IImapProtocolLogger? _logger;
    private readonly TimeProvider _time;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly MemoryStream _out = new();
    private Stream? _stream;
    private ImapTokenizer? _tokenizer;
    private int _nextTag;
    private string? _bye;

    public ImapEngine(ImapClientOptions options, IImapProtocolLogger? logger, TimeProvider time)
    {
        _options = options;
        _logger = logger;
        _time = time;
    }

    /// <summary>Raised when EXISTS or EXPUNGE changes the selected mailbox's message count.</summary>
    public event Action? CountChanged;

    public HashSet<string> Capabilities { get; } = new(StringComparer.OrdinalIgnoreCase);

    public ImapMailbox? Selected { get; set; }

    /// <summary>Bumped whenever the server sends capabilities, so callers can tell whether a command refreshed them.</summary>
    public int CapabilityVersion { get; private set; }

    public bool IsConnected => _stream is not null;

    /// <summary>The current transport, for the client's STARTTLS upgrade.</summary>
    public Stream? Stream => _stream;

    /// <summary>Takes over a connected stream and reads the greeting.</summary>
    public async Task<ImapResponse> AttachAsync(Stream stream, CancellationToken cancellationToken)
    {
        Disconnect();
        _stream = stream;
        _tokenizer = new ImapTokenizer(stream, _options.MaxTokenBytes, _logger);
        _bye = null;
        Capabilities.Clear();
        Selected = null;
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var greeting = await GuardAsync("greeting", async token => await ReadResponseAsync(null, token).ConfigureAwait(false), _options.CommandTimeout, cancellationToken).ConfigureAwait(false);
            if (greeting.Kind != ImapResponseKind.Untagged || greeting.Status is not ("OK" or "PREAUTH"))
            {
                Disconnect();
                throw new ImapProtocolException($"The server refused the connection: {greeting.Status} {greeting.Text}".TrimEnd());
            }

            return greeting;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Replaces the transport with its TLS wrapper after STARTTLS; capabilities must be asked again.</summary>
    public void UpgradeStream(Stream stream)
    {
        _tokenizer!.ReplaceStream(stream);
        _stream = stream;
        Capabilities.Clear();
    }

    /// <summary>Runs a command to its tagged completion; NO and BAD throw <see cref="ImapCommandException"/>.</summary>
    public async Task<ImapResponse> RunAsync(ImapCommand command, CancellationToken cancellationToken)
    {
        EnsureConnected();
        await EnterAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await GuardAsync(command.Name, token => RunCoreAsync(command, token), _options.CommandTimeout, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// IDLE until <paramref name="doneToken"/> fires (then DONE, gracefully), re-issued every
    /// <see cref="ImapClientOptions.IdleRefresh"/>. <paramref name="cancellationToken"/> aborts and drops the connection.
    /// </summary>
    public async Task IdleAsync(CancellationToken doneToken, CancellationToken cancellationToken)
    {
        EnsureConnected();
        await EnterAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            while (!doneToken.IsCancellationRequested)
            {
                using var refresh = new CancellationTokenSource(_options.IdleRefresh, _time);
                using var stop = CancellationTokenSource.CreateLinkedTokenSource(doneToken, refresh.Token);
                await GuardAsync("IDLE", async token =>
                {
                    await IdleOnceAsync(stop.Token, token).ConfigureAwait(false);
                    return default(ImapResponse);
                }, Timeout.InfiniteTimeSpan, cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Disconnect()
    {
        var stream = _stream;
        _stream = null;
        _tokenizer = null;
        Selected = null;
        stream?.Dispose();
    }

    public void Dispose()
    {
        Disconnect();
        _gate.Dispose();
        _out.Dispose();
    }

    private async Task EnterAsync(CancellationToken cancellationToken)
    {
        if (!await _gate.WaitAsync(0, cancellationToken).ConfigureAwait(false))
        {
            throw new InvalidOperationException("The IMAP client runs one command at a time; another command is still running.");
        }
    }

    private void EnsureConnected()
    {
        if (_stream is null)
        {
            throw new ImapProtocolException(_bye is null ? "Not connected to an IMAP server." : "The server ended the connection: " + _bye);
        }
    }

    /// <summary>Turns every way a command can break the connection into a disconnect plus a protocol error.</summary>
    private async Task<ImapResponse> GuardAsync(string name, Func<CancellationToken, Task<ImapResponse>> action, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var deadline = new CancellationTokenSource(timeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        try
        {
            return await action(linked.Token).ConfigureAwait(false);
        }
        catch (ImapCommandException)
        {
            throw;
        }
        catch (OperationCanceledException e) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            Disconnect();
            throw new ImapProtocolException($"The IMAP server did not complete {name} within {timeout}; connection dropped.", e);
        }
        catch (OperationCanceledException)
        {
            Disconnect();
            throw;
        }
        catch (ImapProtocolException e)
        {
            Disconnect();
            throw _bye is null ? e : new ImapProtocolException("The server ended the connection: " + _bye, e);
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or InvalidOperationException or NotSupportedException)
        {
            Disconnect();
            throw new ImapProtocolException($"The connection failed during {name}: {e.Message}", e);
        }
    }

    private async Task<ImapResponse> RunCoreAsync(ImapCommand command, CancellationToken cancellationToken)
    {
        var tag = NextTag();
        await SendAsync(tag, command, cancellationToken).ConfigureAwait(false);
        while (true)
        {
            var response = await ReadResponseAsync(command, cancellationToken).ConfigureAwait(false);
            switch (response.Kind)
            {
                case ImapResponseKind.Tagged:
                    return Complete(tag, command, response);
                case ImapResponseKind.Continuation when command.Continuation is not null:
                    var answer = await command.Continuation(response.Text, cancellationToken).ConfigureAwait(false);
                    await WriteLineAsync(answer, Redacted, cancellationToken).ConfigureAwait(false);
                    break;
                case ImapResponseKind.Continuation:
                    throw new ImapProtocolException($"The server asked for a continuation that {command.Name} does not have.");
            }
        }
    }

    private async Task IdleOnceAsync(CancellationToken stopToken, CancellationToken cancellationToken)
    {
        var tag = NextTag();
        var command = new ImapCommand("IDLE");
        await SendAsync(tag, command, cancellationToken).ConfigureAwait(false);
        if (!await WaitForContinuationAsync(tag, command, cancellationToken).ConfigureAwait(false))
        {
            return;
        }

        // Reads are never cancelled to end IDLE (that would lose the stream position): DONE is written beside
        // the pending read, and the read loop runs on until the tagged completion arrives.
        var stopped = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var registration = stopToken.Register(() => stopped.TrySetResult());
        using var doneDeadline = new CancellationTokenSource(Timeout.InfiniteTimeSpan, _time);
        using var reading = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, doneDeadline.Token);
        var doneSent = false;
        while (true)
        {
            var read = ReadResponseAsync(command, reading.Token).AsTask();
            if (!doneSent && await Task.WhenAny(read, stopped.Task).ConfigureAwait(false) != read)
            {
                await WriteLineAsync("DONE", "DONE", cancellationToken).ConfigureAwait(false);
                doneSent = true;
                doneDeadline.CancelAfter(_options.CommandTimeout);
            }

            var response = await read.ConfigureAwait(false);
            if (response.Kind == ImapResponseKind.Tagged)
            {
                Complete(tag, command, response);
                return;
            }
        }
    }

    private static ImapResponse Complete(string tag, ImapCommand command, ImapResponse response)
    {
        if (!string.Equals(response.Tag, tag, StringComparison.Ordinal))
        {
            throw new ImapProtocolException($"The server completed tag {response.Tag} while {tag} ({command.Name}) was running.");
        }

        return response.Status switch
        {
            "OK" => response,
            "NO" => throw new ImapCommandException(command.Name, ImapRefusal.No, response.CodeName, response.Text),
            "BAD" => throw new ImapCommandException(command.Name, ImapRefusal.Bad, response.CodeName, response.Text),
            _ => throw new ImapProtocolException($"Unknown completion status '{response.Status}' for {command.Name}."),
        };
    }

    private string NextTag() => "A" + (++_nextTag).ToString("D4", CultureInfo.InvariantCulture);

    private async Task SendAsync(string tag, ImapCommand command, CancellationToken cancellationToken)
    {
        var log = _logger is null ? null : new StringBuilder(tag).Append(' ');
        _out.SetLength(0);
        Write(tag + " ");
        foreach (var segment in command.Segments)
        {
            if (segment.Text is not null)
            {
                Write(segment.Text);
                log?.Append(segment.Secret ? " " + Redacted : segment.Text);
                continue;
            }

            var length = segment.Literal.Length;
            var nonSynchronizing = Capabilities.Contains("LITERAL+") || (Capabilities.Contains("LITERAL-") && length <= 4096);
            var header = string.Create(CultureInfo.InvariantCulture, $"{{{length}{(nonSynchronizing ? "+" : "")}}}");
            Write(header + "\r\n");
            log?.Append(header).Append(segment.Secret ? Redacted : $"<{length} bytes>");
            await FlushOutAsync(cancellationToken).ConfigureAwait(false);
            if (!nonSynchronizing && !await WaitForContinuationAsync(tag, command, cancellationToken).ConfigureAwait(false))
            {
                throw new ImapProtocolException($"The server completed {command.Name} before accepting its literal.");
            }

            await _stream!.WriteAsync(segment.Literal, cancellationToken).ConfigureAwait(false);
        }

        Write("\r\n");
        await FlushOutAsync(cancellationToken).ConfigureAwait(false);
        await _stream!.FlushAsync(cancellationToken).ConfigureAwait(false);
        if (log is not null)
        {
            _logger!.LogClient(log.ToString());
        }
    }

    /// <summary>True at the continuation request; false when the command completed OK instead (NO/BAD throw).</summary>
    private async Task<bool> WaitForContinuationAsync(string tag, ImapCommand command, CancellationToken cancellationToken)
    {
        while (true)
        {
            var response = await ReadResponseAsync(command, cancellationToken).ConfigureAwait(false);
            if (response.Kind == ImapResponseKind.Continuation)
            {
                return true;
            }

            if (response.Kind == ImapResponseKind.Tagged)
            {
                Complete(tag, command, response);
                return false;
            }
        }
    }

    private async Task WriteLineAsync(string line, string logLine, CancellationToken cancellationToken)
    {
        _out.SetLength(0);
        Write(line + "\r\n");
        await FlushOutAsync(cancellationToken).ConfigureAwait(false);
        await _stream!.FlushAsync(cancellationToken).ConfigureAwait(false);
        _logger?.LogClient(logLine);
    }

    private void Write(string text)
    {
        var count = Encoding.UTF8.GetByteCount(text);
        var start = (int)_out.Length;
        _out.SetLength(start + count);
        Encoding.UTF8.GetBytes(text, _out.GetBuffer().AsSpan(start, count));
    }

    private async Task FlushOutAsync(CancellationToken cancellationToken)
    {
        if (_out.Length > 0)
        {
            await _stream!.WriteAsync(_out.GetBuffer().AsMemory(0, (int)_out.Length), cancellationToken).ConfigureAwait(false);
            _out.SetLength(0);
        }
    }

    private async ValueTask<ImapResponse> ReadResponseAsync(ImapCommand? command, CancellationToken cancellationToken)
    {
        var tokenizer = _tokenizer ?? throw new ImapProtocolException("Not connected to an IMAP server.");
        var first = await tokenizer.ReadTokenAsync(cancellationToken).ConfigureAwait(false);
        while (first.Kind == ImapTokenKind.Eol)
        {
            // Blank lines between responses are tolerated.
            first = await tokenizer.ReadTokenAsync(cancellationToken).ConfigureAwait(false);
        }

        if (first.Kind != ImapTokenKind.Atom)
        {
            throw new ImapProtocolException($"A response line starts with {first}.");
        }

        if (first.Text == "*")
        {
            return await ReadUntaggedAsync(tokenizer, command, cancellationToken).ConfigureAwait(false);
        }

        if (first.Text == "+")
        {
            return new ImapResponse(ImapResponseKind.Continuation, null, null, null, await tokenizer.ReadTextAsync(cancellationToken).ConfigureAwait(false));
        }

        var status = await tokenizer.ReadTokenAsync(cancellationToken).ConfigureAwait(false);
        if (status.Kind != ImapTokenKind.Atom)
        {
            throw new ImapProtocolException($"Tagged response {first.Text} without a status.");
        }

        var (code, text) = ImapResponse.SplitCode(await tokenizer.ReadTextAsync(cancellationToken).ConfigureAwait(false));
        var response = new ImapResponse(ImapResponseKind.Tagged, first.Text, status.Text.ToUpperInvariant(), code, text);
        ApplyCode(response);
        return response;
    }

    private async ValueTask<ImapResponse> ReadUntaggedAsync(ImapTokenizer tokenizer, ImapCommand? command, CancellationToken cancellationToken)
    {
        var token = await tokenizer.ReadTokenAsync(cancellationToken).ConfigureAwait(false);
        if (token.Kind != ImapTokenKind.Atom)
        {
            throw new ImapProtocolException($"Untagged response starts with {token}.");
        }

        if (uint.TryParse(token.Text, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
        {
            var kind = await tokenizer.ReadTokenAsync(cancellationToken).ConfigureAwait(false);
            switch (kind.Kind == ImapTokenKind.Atom ? kind.Text.ToUpperInvariant() : "")
            {
                case "EXISTS":
                    await FetchParser.SkipToEndOfLineAsync(tokenizer, cancellationToken).ConfigureAwait(false);
                    SetCount((int)Math.Min(number, int.MaxValue));
                    break;
                case "EXPUNGE":
                    await FetchParser.SkipToEndOfLineAsync(tokenizer, cancellationToken).ConfigureAwait(false);
                    SetCount(Math.Max(0, (Selected?.Count ?? 1) - 1));
                    break;
                case "FETCH":
                    var items = command?.FetchItems ?? ImapFetchItems.Uid;
                    var message = await FetchParser.ReadAsync(tokenizer, number, items.HasFlag(ImapFetchItems.Body), _options.MaxLiteralBytes, command?.BodyDestination, cancellationToken).ConfigureAwait(false);
                    command?.Fetched?.Invoke(message);
                    break;
                default:
                    if (kind.Kind != ImapTokenKind.Eol)
                    {
                        await FetchParser.SkipToEndOfLineAsync(tokenizer, cancellationToken).ConfigureAwait(false);
                    }

                    break;
            }

            return new ImapResponse(ImapResponseKind.Untagged, null, null, null, "");
        }

        var keyword = token.Text.ToUpperInvariant();
        switch (keyword)
        {
            case "OK" or "NO" or "BAD" or "BYE" or "PREAUTH":
                var (code, text) = ImapResponse.SplitCode(await tokenizer.ReadTextAsync(cancellationToken).ConfigureAwait(false));
                var response = new ImapResponse(ImapResponseKind.Untagged, null, keyword, code, text);
                if (keyword == "BYE")
                {
                    _bye = text.Length == 0 ? "BYE" : text;
                }

                ApplyCode(response);
                return response;
            case "CAPABILITY":
                SetCapabilities(FetchParser.Flatten(await FetchParser.ReadValuesToEndOfLineAsync(tokenizer, cancellationToken).ConfigureAwait(false)));
                break;
            default:
                var values = await FetchParser.ReadValuesToEndOfLineAsync(tokenizer, cancellationToken).ConfigureAwait(false);
                command?.Untagged?.Invoke(keyword, values);
                break;
        }

        return new ImapResponse(ImapResponseKind.Untagged, null, keyword, null, "");
    }

    private void SetCount(int count)
    {
        if (Selected is null)
        {
            return;
        }

        Selected.Count = count;
        CountChanged?.Invoke();
    }

    private void SetCapabilities(IEnumerable<string> capabilities)
    {
        CapabilityVersion++;
        Capabilities.Clear();
        foreach (var capability in capabilities)
        {
            Capabilities.Add(capability);
        }
    }

    private void ApplyCode(ImapResponse response)
    {
        if (response.Code is null)
        {
            return;
        }

        var parts = response.Code.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var argument = parts.Length > 1 && uint.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : 0;
        switch (response.CodeName)
        {
            case "CAPABILITY":
                SetCapabilities(parts.Skip(1));
                break;
            case "UIDVALIDITY" when Selected is not null:
                Selected.UidValidity = argument;
                break;
            case "UIDNEXT" when Selected is not null:
                Selected.UidNext = argument;
                break;
            case "READ-ONLY" when Selected is not null:
                Selected.ReadOnly = true;
                break;
            case "READ-WRITE" when Selected is not null:
                Selected.ReadOnly = false;
                break;
        }
    }
}
