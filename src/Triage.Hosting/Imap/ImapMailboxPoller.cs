using System.Globalization;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Triage.Core.Ports;
using Triage.Imap;
using Triage.Imap.Sasl;

namespace Triage.Hosting.Imap;

/// <summary>
/// Polls one mailbox and hands every mail to the <see cref="IRawMailSink"/> exactly once.
/// <para>
/// Order of events per fetched batch: fetched (BODY.PEEK[], so nothing changes on the server) → sink confirms each
/// mail → sink flushes them to disk (once) → checkpoint set to the last UID → released (moved to Processed, or
/// \Seen + keyword). A crash anywhere before the
/// checkpoint re-offers the mail; after it, the mail is only released (every UID up to the checkpoint is released
/// at the start of each sync), never offered again. A UIDVALIDITY change voids the checkpoint and rescans the
/// folder; the sink recognises what it already has.
/// </para>
/// <para>
/// A mail over <see cref="ImapMailboxOptions.MaxMessageBytes"/> never reaches the sink: it is streamed to a file in
/// <see cref="ImapMailboxOptions.OversizedDirectory"/> (when set) and moved to quarantine. Failed hand-overs are
/// counted per mail in the checkpoint store, so a mail that keeps failing reaches quarantine across restarts too.
/// </para>
/// </summary>
public sealed class ImapMailboxPoller : BackgroundService
{
    private readonly ImapMailboxOptions _options;
    private readonly IRawMailSink _sink;
    private readonly IMailboxCheckpointStore _checkpoints;
    private readonly ImapPollerHealth _health;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly IOAuthTokenProvider? _tokens;
    private readonly CancellationTokenSource _hardStop = new();
    private int _countAfterSync;

    /// <summary>Failed hand-overs per UID of the selected folder (a copy of the store's, loaded at each sync).</summary>
    private Dictionary<uint, int> _attempts = [];

    public ImapMailboxPoller(
        ImapMailboxOptions options,
        IRawMailSink sink,
        IMailboxCheckpointStore checkpoints,
        ImapPollerHealth health,
        ILogger<ImapMailboxPoller> logger,
        TimeProvider? timeProvider = null,
        IOAuthTokenProvider? tokenProvider = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _sink = sink;
        _checkpoints = checkpoints;
        _health = health;
        _logger = logger;
        _time = timeProvider ?? TimeProvider.System;
        _tokens = tokenProvider;
        _health.Get(Name);
    }

    public string Name => _options.DisplayName;

    /// <summary>
    /// Stops after the mail in hand is stored and checkpointed. The sink is cancelled only when the host's
    /// shutdown timeout (<paramref name="cancellationToken"/>) runs out.
    /// </summary>
    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        using var registration = cancellationToken.Register(_hardStop.Cancel);
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
    }

    public override void Dispose()
    {
        _hardStop.Dispose();
        base.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var failures = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            using var client = new ImapClient(ClientOptions(), ProtocolLogger(), _time);
            try
            {
                await ConnectAsync(client, stoppingToken).ConfigureAwait(false);
                while (!stoppingToken.IsCancellationRequested)
                {
                    await SyncAsync(client, stoppingToken).ConfigureAwait(false);
                    failures = 0;
                    if (!stoppingToken.IsCancellationRequested)
                    {
                        await WaitForMailAsync(client, stoppingToken).ConfigureAwait(false);
                    }
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e)
            {
                // Whatever failed (network, TLS, authentication, token endpoint, sink, checkpoint store), the poller
                // backs off and starts over: an exception escaping ExecuteAsync would stop the whole host.
                failures++;
                var delay = Backoff(failures);
                var now = _time.GetUtcNow();
                _health.Update(Name, health => health with { Connected = false, LastError = e.Message, LastErrorAt = now });
                ImapPollerLog.Failed(_logger, Name, failures, delay, e.Message);
                try
                {
                    await Task.Delay(delay, _time, stoppingToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }
            finally
            {
                await LogoutQuietlyAsync(client).ConfigureAwait(false);
                _health.Update(Name, health => health with { Connected = false });
            }
        }

        ImapPollerLog.Stopped(_logger, Name);
    }

    private ImapClientOptions ClientOptions() => new()
    {
        TrustedCaFile = _options.TrustedCaFile,
        FetchBatchSize = _options.FetchBatchSize,
        MaxLiteralBytes = _options.MaxMessageBytes,
        CommandTimeout = _options.CommandTimeout,
    };

    private ImapProtocolLogAdapter? ProtocolLogger() =>
        _logger.IsEnabled(LogLevel.Trace) ? new ImapProtocolLogAdapter(_logger, Name) : null;

    private async Task ConnectAsync(ImapClient client, CancellationToken cancellationToken)
    {
        await client.ConnectAsync(_options.Host, _options.EffectivePort, _options.Security, cancellationToken).ConfigureAwait(false);
        if (_tokens is not null)
        {
            await client.AuthenticateOAuthAsync(_options.Username, _tokens, _options.OAuth?.Mechanism ?? ImapOAuthMechanism.Auto, cancellationToken).ConfigureAwait(false);
        }
        else if (client.Capabilities.Contains("AUTH=PLAIN"))
        {
            await client.AuthenticatePlainAsync(_options.Username, _options.Password ?? "", cancellationToken).ConfigureAwait(false);
        }
        else
        {
            await client.LoginAsync(_options.Username, _options.Password ?? "", cancellationToken).ConfigureAwait(false);
        }

        if (_options.AfterProcessing == ProcessedAction.Move)
        {
            await client.EnsureMailboxAsync(_options.ProcessedMailbox, cancellationToken).ConfigureAwait(false);
        }

        await client.EnsureMailboxAsync(_options.QuarantineMailbox, cancellationToken).ConfigureAwait(false);
        _health.Update(Name, health => health with { Connected = true });
        ImapPollerLog.Connected(_logger, Name, _options.Host, _options.EffectivePort, _options.Security);
    }

    /// <summary>Hands over everything after the checkpoint, in UID order, until the folder has nothing new.</summary>
    private async Task SyncAsync(ImapClient client, CancellationToken cancellationToken)
    {
        var mailbox = await client.SelectAsync(_options.Mailbox, cancellationToken).ConfigureAwait(false);
        var checkpoint = await _checkpoints.GetAsync(Name, cancellationToken).ConfigureAwait(false);
        if (checkpoint is null || checkpoint.UidValidity != mailbox.UidValidity)
        {
            if (checkpoint is not null)
            {
                ImapPollerLog.UidValidityChanged(_logger, Name, checkpoint.UidValidity, mailbox.UidValidity);
            }

            checkpoint = new MailboxCheckpoint(mailbox.UidValidity, 0);
            await _checkpoints.SetAsync(Name, checkpoint, cancellationToken).ConfigureAwait(false);
        }

        _attempts = new Dictionary<uint, int>(await _checkpoints.GetAttemptsAsync(Name, mailbox.UidValidity, cancellationToken).ConfigureAwait(false));

        if (checkpoint.LastUid > 0)
        {
            // Confirmed mail whose release was interrupted (connection lost, shutdown).
            var unreleased = (await client.UidSearchAsync($"UID 1:{checkpoint.LastUid} {PendingCriterion}", cancellationToken).ConfigureAwait(false))
                .Where(uid => uid <= checkpoint.LastUid).ToList();
            await ReleaseAsync(client, unreleased, cancellationToken).ConfigureAwait(false);
        }

        while (!cancellationToken.IsCancellationRequested)
        {
            var pending = (await client.UidSearchAsync($"UID {checkpoint.LastUid + 1}:* {PendingCriterion}", cancellationToken).ConfigureAwait(false))
                .Where(uid => uid > checkpoint.LastUid).ToList();
            _health.Update(Name, health => health with { Backlog = pending.Count });
            if (pending.Count == 0)
            {
                break;
            }

            ImapPollerLog.Backlog(_logger, Name, pending.Count);
            var sizes = new Dictionary<uint, long>();
            await client.UidFetchAsync(pending, ImapFetchItems.Size, message => sizes[message.Uid] = message.Size ?? 0, cancellationToken).ConfigureAwait(false);
            checkpoint = await HandOverAsync(client, mailbox, checkpoint, pending, sizes, cancellationToken).ConfigureAwait(false);
        }

        _countAfterSync = mailbox.Count;
        var now = _time.GetUtcNow();
        _health.Update(Name, health => health with { LastSuccessfulPoll = now, Backlog = 0 });
    }

    /// <summary>In Move mode every mail still in the folder is pending; in Flag mode only those without the keyword.</summary>
    private string PendingCriterion => _options.AfterProcessing == ProcessedAction.Move ? "UNDELETED" : "UNKEYWORD " + _options.ProcessedKeyword;

    private async Task<MailboxCheckpoint> HandOverAsync(
        ImapClient client, ImapMailbox mailbox, MailboxCheckpoint checkpoint, List<uint> pending, Dictionary<uint, long> sizes, CancellationToken cancellationToken)
    {
        var index = 0;
        while (index < pending.Count && !cancellationToken.IsCancellationRequested)
        {
            var uid = pending[index];
            if (!sizes.TryGetValue(uid, out var size))
            {
                // Expunged by someone else since the search.
                index++;
                continue;
            }

            if (FailedTooOften(uid))
            {
                await QuarantineAsync(client, mailbox, uid, $"hand-over failed {_options.MaxAttempts} times", cancellationToken).ConfigureAwait(false);
                checkpoint = await AdvanceAsync(checkpoint, uid).ConfigureAwait(false);
                index++;
                continue;
            }

            if (size > _options.MaxMessageBytes)
            {
                await SetAsideOversizedAsync(client, mailbox, uid, $"{size} bytes is over MaxMessageBytes ({_options.MaxMessageBytes})", cancellationToken).ConfigureAwait(false);
                checkpoint = await AdvanceAsync(checkpoint, uid).ConfigureAwait(false);
                index++;
                continue;
            }

            // A batch bounded by count and bytes, stopping before the next mail that needs quarantine.
            var batch = new List<uint>();
            long bytes = 0;
            while (index < pending.Count && batch.Count < _options.FetchBatchSize)
            {
                var next = pending[index];
                var nextSize = sizes.GetValueOrDefault(next);
                if (FailedTooOften(next) || nextSize > _options.MaxMessageBytes || (batch.Count > 0 && bytes + nextSize > _options.FetchBatchBytes))
                {
                    break;
                }

                batch.Add(next);
                bytes += nextSize;
                index++;
            }

            var messages = new Dictionary<uint, ImapFetchedMessage>();
            await client.UidFetchAsync(batch, ImapFetchItems.Body | ImapFetchItems.InternalDate, message => messages[message.Uid] = message, cancellationToken).ConfigureAwait(false);
            var confirmed = new List<uint>();
            uint? handled = null;
            try
            {
                foreach (var batchUid in batch)
                {
                    if (!messages.TryGetValue(batchUid, out var message))
                    {
                        continue;
                    }

                    if (message.Body is null)
                    {
                        await SetAsideOversizedAsync(client, mailbox, batchUid, $"the server sent {message.BodyTooLargeBytes} bytes, over MaxMessageBytes", cancellationToken).ConfigureAwait(false);
                    }
                    else
                    {
                        var result = await OfferAsync(mailbox, message).ConfigureAwait(false);
                        if (result.Outcome == SinkOutcome.Rejected)
                        {
                            await QuarantineAsync(client, mailbox, batchUid, "rejected by the pipeline: " + result.Reason, cancellationToken).ConfigureAwait(false);
                        }
                        else
                        {
                            confirmed.Add(batchUid);
                        }
                    }

                    handled = batchUid;
                    if (cancellationToken.IsCancellationRequested)
                    {
                        // Shutting down: the mail in hand is stored and checkpointed; release happens on the next start.
                        break;
                    }
                }
            }
            finally
            {
                // Once per batch, also when a hand-over failed part way: the sink flushes what it accepted (one disk
                // flush for the batch), and only then does the checkpoint cover it.
                if (handled is { } last)
                {
                    await _sink.FlushAsync(_hardStop.Token).ConfigureAwait(false);
                    checkpoint = await AdvanceAsync(checkpoint, last).ConfigureAwait(false);
                }
            }

            if (cancellationToken.IsCancellationRequested)
            {
                return checkpoint;
            }

            await ReleaseAsync(client, confirmed, cancellationToken).ConfigureAwait(false);
        }

        return checkpoint;
    }

    private bool FailedTooOften(uint uid) => _attempts.GetValueOrDefault(uid) >= _options.MaxAttempts;

    /// <summary>Offers one mail to the sink; a failure is counted against the mail and ends this connection's round.</summary>
    private async Task<SinkResult> OfferAsync(ImapMailbox mailbox, ImapFetchedMessage message)
    {
        var source = new MailSource(Name, mailbox.UidValidity, message.Uid, message.InternalDate);
        SinkResult result;
        try
        {
            result = await _sink.AcceptAsync(new RawMail(message.Body, source), _hardStop.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (!_hardStop.IsCancellationRequested)
        {
            throw await HandOverFailedAsync(mailbox, message.Uid, "The pipeline did not accept", e).ConfigureAwait(false);
        }

        await ForgetAttemptsAsync(mailbox, message.Uid).ConfigureAwait(false);
        if (result.Outcome != SinkOutcome.Rejected)
        {
            _health.Update(Name, health => health with { Delivered = health.Delivered + 1 });
        }

        return result;
    }

    /// <summary>Counts a failed hand-over durably and logs it; the returned exception ends the round.</summary>
    private async Task<HandOverException> HandOverFailedAsync(ImapMailbox mailbox, uint uid, string what, Exception error)
    {
        var attempt = _attempts[uid] = await _checkpoints.AddAttemptAsync(Name, mailbox.UidValidity, uid, _hardStop.Token).ConfigureAwait(false);
        ImapPollerLog.HandOverFailed(_logger, Name, uid, attempt, _options.MaxAttempts, error.Message);
        return new HandOverException($"{what} UID {uid}: {error.Message}", error);
    }

    private async Task ForgetAttemptsAsync(ImapMailbox mailbox, uint uid)
    {
        if (_attempts.Remove(uid))
        {
            await _checkpoints.ClearAttemptsAsync(Name, mailbox.UidValidity, uid, _hardStop.Token).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Oversized mail never reaches the sink. With <see cref="ImapMailboxOptions.OversizedDirectory"/> it is first
    /// streamed to a file there (never held in memory); then it is moved to quarantine either way.
    /// </summary>
    private async Task SetAsideOversizedAsync(ImapClient client, ImapMailbox mailbox, uint uid, string why, CancellationToken cancellationToken)
    {
        if (_options.OversizedDirectory is not { } directory)
        {
            await QuarantineAsync(client, mailbox, uid, why + "; not fetched", cancellationToken).ConfigureAwait(false);
            return;
        }

        string? file;
        try
        {
            file = await SaveAsync(client, directory, mailbox, uid, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw await HandOverFailedAsync(mailbox, uid, "Could not save oversized", e).ConfigureAwait(false);
        }

        if (file is null)
        {
            // Expunged by someone else since the search.
            return;
        }

        await QuarantineAsync(client, mailbox, uid, $"{why}; saved to {file}", cancellationToken).ConfigureAwait(false);
        _health.Update(Name, health => health with { Oversized = health.Oversized + 1 });
    }

    /// <summary>Streams the mail to <c>&lt;mailbox&gt;-&lt;uidvalidity&gt;-&lt;uid&gt;.eml</c>: written under a temporary name, flushed to disk, renamed.</summary>
    private async Task<string?> SaveAsync(ImapClient client, string directory, ImapMailbox mailbox, uint uid, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(directory);
        var file = Path.Combine(directory, string.Create(CultureInfo.InvariantCulture, $"{FileNamePart(Name)}-{mailbox.UidValidity}-{uid}.eml"));
        var temporary = file + ".partial";
        try
        {
            ImapFetchedMessage? fetched;
            var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16, FileOptions.Asynchronous);
            await using (stream.ConfigureAwait(false))
            {
                fetched = await client.UidFetchBodyToAsync(uid, stream, cancellationToken).ConfigureAwait(false);
                await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
                stream.Flush(flushToDisk: true);
            }

            if (fetched?.StreamedBodyBytes is null)
            {
                File.Delete(temporary);
                return null;
            }

            File.Move(temporary, file, overwrite: true);
            return file;
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }
    }

    /// <summary>The mailbox's name as a portable file name part: letters, digits and <c>.-_@</c>, anything else <c>_</c>.</summary>
    private static string FileNamePart(string name) =>
        string.Create(name.Length, name, static (span, source) =>
        {
            for (var i = 0; i < span.Length; i++)
            {
                var c = source[i];
                span[i] = char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_' or '@' ? c : '_';
            }
        });

    /// <summary>The checkpoint is written even while stopping: the mail it covers is already stored.</summary>
    private async Task<MailboxCheckpoint> AdvanceAsync(MailboxCheckpoint checkpoint, uint uid)
    {
        var next = checkpoint with { LastUid = Math.Max(checkpoint.LastUid, uid) };
        await _checkpoints.SetAsync(Name, next, _hardStop.Token).ConfigureAwait(false);
        return next;
    }

    private async Task QuarantineAsync(ImapClient client, ImapMailbox mailbox, uint uid, string reason, CancellationToken cancellationToken)
    {
        await client.UidMoveAsync([uid], _options.QuarantineMailbox, cancellationToken).ConfigureAwait(false);
        ImapPollerLog.Quarantined(_logger, Name, uid, _options.QuarantineMailbox, reason);
        _health.Update(Name, health => health with { Quarantined = health.Quarantined + 1 });
        await ForgetAttemptsAsync(mailbox, uid).ConfigureAwait(false);
    }

    private async Task ReleaseAsync(ImapClient client, List<uint> uids, CancellationToken cancellationToken)
    {
        if (uids.Count == 0)
        {
            return;
        }

        if (_options.AfterProcessing == ProcessedAction.Move)
        {
            await client.UidMoveAsync(uids, _options.ProcessedMailbox, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            await client.UidStoreAsync(uids, ImapStoreAction.Add, [@"\Seen", _options.ProcessedKeyword], cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>IDLE until new mail (or the resync interval); without IDLE, NOOP every poll interval.</summary>
    private async Task WaitForMailAsync(ImapClient client, CancellationToken cancellationToken)
    {
        var mailbox = client.SelectedMailbox ?? throw new ImapProtocolException("No mailbox is selected.");
        bool Arrived() => mailbox.Count > _countAfterSync;
        if (Arrived())
        {
            return;
        }

        if (_options.UseIdle && client.SupportsIdle)
        {
            using var resync = new CancellationTokenSource(_options.ResyncInterval, _time);
            using var done = CancellationTokenSource.CreateLinkedTokenSource(resync.Token, cancellationToken);
            void OnCountChanged(object? sender, EventArgs e)
            {
                if (Arrived())
                {
                    done.Cancel();
                }
            }

            client.CountChanged += OnCountChanged;
            try
            {
                await client.IdleAsync(done.Token, _hardStop.Token).ConfigureAwait(false);
            }
            finally
            {
                client.CountChanged -= OnCountChanged;
            }

            return;
        }

        var deadline = _time.GetUtcNow() + _options.ResyncInterval;
        while (!Arrived() && _time.GetUtcNow() < deadline)
        {
            await Task.Delay(_options.PollInterval, _time, cancellationToken).ConfigureAwait(false);
            await client.NoopAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private TimeSpan Backoff(int failures)
    {
        // Exponential with "equal jitter": half fixed, half random, so many pollers do not reconnect in step.
        var exponential = _options.BackoffInitial.TotalMilliseconds * Math.Pow(2, Math.Min(failures - 1, 30));
        var capped = Math.Min(exponential, _options.BackoffMax.TotalMilliseconds);
        return TimeSpan.FromMilliseconds((capped / 2) + (Random.Shared.NextDouble() * capped / 2));
    }

    private async Task LogoutQuietlyAsync(ImapClient client)
    {
        if (!client.IsConnected)
        {
            return;
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5), _time);
        try
        {
            await client.LogoutAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            client.Disconnect();
        }
    }

    /// <summary>The sink failed for one mail; the round ends and the mail is offered again after the backoff.</summary>
    private sealed class HandOverException(string message, Exception inner) : Exception(message, inner);
}
