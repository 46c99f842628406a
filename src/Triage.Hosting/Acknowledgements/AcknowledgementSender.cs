using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Triage.Hosting.Outbox;
using Triage.Hosting.Pipeline;
using Triage.Smtp;
using Triage.Storage;

namespace Triage.Hosting.Acknowledgements;

/// <summary>
/// Sends the acknowledgements queued in the outbox's mail channel through <c>Triage:Smtp</c>, one connection per
/// round. The reply policy and the per-recipient caps were applied when the row was queued (in the same transaction
/// as the ticket), so every row here may go. A 5xx refusal parks the row as dead-letter; a 4xx or a lost connection
/// is retried with backoff. Does nothing while <c>Triage:Acknowledgements:Enabled</c> is false.
/// </summary>
public sealed class AcknowledgementSender(
    TriageStore store,
    OutboxRetry retry,
    IOptions<SmtpOptions> smtp,
    IOptions<AcknowledgementOptions> acknowledgements,
    IOptions<OutboxOptions> outbox,
    WorkSignal signal,
    TimeProvider time,
    ILogger<AcknowledgementSender> logger)
    : OutboxWorker(signal, outbox.Value, logger)
{
    public override async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        if (!acknowledgements.Value.Enabled)
        {
            return 0;
        }

        var sqlite = await store.GetAsync(cancellationToken).ConfigureAwait(false);
        var batch = await sqlite.GetPendingAsync(OutboxChannel.Mail, outbox.Value.BatchSize, cancellationToken).ConfigureAwait(false);
        if (batch.Count == 0)
        {
            return 0;
        }

        var options = smtp.Value;
        var from = options.From!;
        await using var client = new SmtpClient(new SmtpClientOptions
        {
            LocalDomain = options.LocalDomain ?? from[(from.LastIndexOf('@') + 1)..],
            ServerName = options.ServerName,
            TrustedCaFile = options.TrustedCaFile,
            TimeProvider = time,
        });
        try
        {
            await client.ConnectAsync(options.Host!, options.EffectivePort, options.Security, cancellationToken).ConfigureAwait(false);
            if (!string.IsNullOrEmpty(options.Username))
            {
                await client.AuthenticateAsync(options.Username, options.Password ?? string.Empty, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Nothing was sent: every row of the round waits for the next attempt.
            foreach (var entry in batch)
            {
                await FailAsync(sqlite, entry, $"SMTP {options.Host}:{options.EffectivePort}: {e.Message}", permanent: false, cancellationToken).ConfigureAwait(false);
            }

            return 0;
        }

        var sent = 0;
        foreach (var entry in batch)
        {
            if (!entry.Properties.TryGetValue(OutboxTypes.RecipientProperty, out var recipient))
            {
                await FailAsync(sqlite, entry, "the outbox row names no recipient", permanent: true, cancellationToken).ConfigureAwait(false);
                continue;
            }

            try
            {
                await client.SendAsync(from, [recipient], entry.Body, cancellationToken).ConfigureAwait(false);
            }
            catch (SmtpCommandException e)
            {
                await FailAsync(sqlite, entry, e.Message, permanent: !e.IsTransient, cancellationToken).ConfigureAwait(false);
                continue;
            }
            catch (SmtpProtocolException e)
            {
                // The connection is gone; the rest of the round waits for the next one.
                await FailAsync(sqlite, entry, e.Message, permanent: false, cancellationToken).ConfigureAwait(false);
                break;
            }

            await sqlite.MarkSentAsync(entry.EventId, cancellationToken).ConfigureAwait(false);
            OutboxLog.AcknowledgementSent(logger, entry.EventId, entry.Properties.GetValueOrDefault(OutboxTypes.TicketNumberProperty));
            sent++;
        }

        if (client.IsConnected)
        {
            try
            {
                await client.QuitAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (SmtpProtocolException)
            {
                // Everything was sent; a relay that drops the line at QUIT changes nothing.
            }
        }

        return sent;
    }

    private async Task FailAsync(SqliteStore sqlite, OutboxEntry entry, string error, bool permanent, CancellationToken cancellationToken)
    {
        OutboxLog.AcknowledgementFailed(logger, entry.EventId, permanent, error);
        if (await retry.FailAsync(sqlite, entry, error, null, permanent, cancellationToken).ConfigureAwait(false))
        {
            OutboxLog.Dead(logger, entry.EventId, entry.Type, error);
        }
    }
}
