using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Triage.Core.Mail;
using Triage.Core.Policies;
using Triage.Core.Ports;
using Triage.Core.Tickets;
using Triage.Hosting.Acknowledgements;
using Triage.Hosting.Policies;
using Triage.Mime;
using Triage.Storage;

namespace Triage.Hosting.Pipeline;

/// <summary>
/// Mail in, tickets out. <see cref="AcceptAsync"/> only stores the raw mail durably (deduplicated by content hash and
/// Message-ID) and wakes the worker; <see cref="ProcessPendingAsync"/> then parses, inspects, classifies and threads
/// every stored mail not yet processed, and writes what each causes (ticket, event, acknowledgement) in one
/// transaction. A crash between the two loses nothing: unprocessed mail is picked up again on the next round, with
/// the same ticket and event ids. A mail that fails <see cref="PipelineOptions.MaxAttempts"/> times is quarantined.
/// </summary>
public sealed class IngestPipeline : IRawMailSink, IDisposable
{
    private readonly TriageStore _store;
    private readonly MailPreparer _preparer;
    private readonly TicketThreader _threader;
    private readonly IAcknowledgementPlanner _acknowledgements;
    private readonly SupportPolicies _policies;
    private readonly PipelineOptions _options;
    private readonly TriageOptions _triage;
    private readonly PipelineStats _stats;
    private readonly WorkSignal _outbox;
    private readonly TimeProvider _time;
    private readonly ILogger<IngestPipeline> _logger;
    private readonly SemaphoreSlim _processing = new(1, 1);
    private readonly ConcurrentDictionary<string, (int Failures, DateTimeOffset RetryAt)> _failures = new(StringComparer.Ordinal);

    public IngestPipeline(
        TriageStore store,
        MailPreparer preparer,
        TicketThreader threader,
        IAcknowledgementPlanner acknowledgements,
        SupportPolicies policies,
        IOptions<PipelineOptions> options,
        IOptions<TriageOptions> triage,
        PipelineStats stats,
        WorkSignal outbox,
        TimeProvider time,
        ILogger<IngestPipeline> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(triage);
        _store = store;
        _preparer = preparer;
        _threader = threader;
        _acknowledgements = acknowledgements;
        _policies = policies;
        _options = options.Value;
        _triage = triage.Value;
        _stats = stats;
        _outbox = outbox;
        _time = time;
        _logger = logger;
    }

    /// <summary>Notified whenever a new mail is stored; the pipeline worker waits on it.</summary>
    public WorkSignal Stored { get; } = new();

    /// <summary>The IMAP hand-over: committed now, flushed to disk by <see cref="FlushAsync"/> once per fetched batch.</summary>
    public Task<SinkResult> AcceptAsync(RawMail mail, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(mail);
        return StoreAsync(mail.Content, mail.Source, flush: false, cancellationToken);
    }

    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        var start = Stopwatch.GetTimestamp();
        var store = await _store.GetAsync(cancellationToken).ConfigureAwait(false);
        await store.FlushAsync(cancellationToken).ConfigureAwait(false);
        _stats.Add(PipelineStage.Store, Stopwatch.GetTimestamp() - start, count: 0);
    }

    /// <summary>
    /// Stores a raw mail (the IMAP hand-over, or a file for <c>triage ingest</c>); with <paramref name="flush"/> it is
    /// on disk when this returns, else once <see cref="FlushAsync"/> returns.
    /// </summary>
    public async Task<SinkResult> StoreAsync(ReadOnlyMemory<byte> content, MailSource? source, bool flush, CancellationToken cancellationToken)
    {
        if (content.IsEmpty)
        {
            return SinkResult.Rejected("the message is empty");
        }

        var start = Stopwatch.GetTimestamp();
        var store = await _store.GetAsync(cancellationToken).ConfigureAwait(false);
        var result = await store.StoreRawAsync(
            new RawMessage(content)
            {
                // Only the header is read here; the body is parsed when the mail is processed.
                MessageId = MimeParser.Parse(content).MessageId,
                Mailbox = source?.Mailbox,
                UidValidity = source?.UidValidity,
                Uid = source?.Uid,
                ReceivedAt = source?.InternalDate,
            },
            flush,
            cancellationToken).ConfigureAwait(false);
        _stats.Add(PipelineStage.Store, Stopwatch.GetTimestamp() - start);
        if (result.Status == RawStoreStatus.Duplicate)
        {
            return SinkResult.Duplicate;
        }

        Stored.Notify();
        return SinkResult.Stored;
    }

    /// <summary>
    /// Processes stored mail until none is left that is due (mail waiting to be retried stays for a later round).
    /// <paramref name="progress"/> hears of each mail as it is done, on the calling thread. Safe to call from several threads: rounds run one at a time.
    /// </summary>
    public async Task<IReadOnlyList<IngestReport>> ProcessPendingAsync(Action<IngestReport>? progress, CancellationToken cancellationToken)
    {
        await _processing.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var store = await _store.GetAsync(cancellationToken).ConfigureAwait(false);
            var reports = new List<IngestReport>();
            while (true)
            {
                var batch = await store.GetUnprocessedAsync(_options.BatchSize, cancellationToken).ConfigureAwait(false);
                var now = _time.GetUtcNow();
                var due = batch.Where(m => !_failures.TryGetValue(m.Key, out var f) || f.RetryAt <= now).ToList();
                if (due.Count == 0)
                {
                    return reports;
                }

                foreach (var prepared in Prepare(due))
                {
                    var report = await ProcessAsync(store, prepared, cancellationToken).ConfigureAwait(false);
                    reports.Add(report);
                    progress?.Invoke(report);
                }

                _outbox.Notify();
                if (batch.Count < _options.BatchSize)
                {
                    return reports;
                }
            }
        }
        finally
        {
            _processing.Release();
        }
    }

    public void Dispose()
    {
        Stored.Dispose();
        _processing.Dispose();
    }

    /// <summary>Parsing and classification are CPU work without shared state, so the batch is spread over the cores.</summary>
    private (StoredMessage Stored, PreparedMail? Mail, Exception? Error)[] Prepare(List<StoredMessage> batch)
    {
        var prepared = new (StoredMessage, PreparedMail?, Exception?)[batch.Count];
        Parallel.For(0, batch.Count, i =>
        {
            try
            {
                prepared[i] = (batch[i], _preparer.Prepare(batch[i]), null);
            }
#pragma warning disable CA1031 // Any failure of one mail is that mail's failure: counted, retried, then quarantined.
            catch (Exception e)
#pragma warning restore CA1031
            {
                prepared[i] = (batch[i], null, e);
            }
        });
        return prepared;
    }

    private async Task<IngestReport> ProcessAsync(SqliteStore store, (StoredMessage Stored, PreparedMail? Mail, Exception? Error) item, CancellationToken cancellationToken)
    {
        var key = item.Stored.Key;
        try
        {
            if (item.Error is not null)
            {
                throw item.Error;
            }

            var mail = item.Mail!;
            var decision = await _stats.TimeAsync(
                PipelineStage.Thread,
                () => _threader.DecideAsync(mail.Mail, mail.Hygiene, store, cancellationToken)).ConfigureAwait(false);
            var outcome = IngestOutcome.Create(key, mail.Mail, mail.Hygiene, decision, item.Stored.ReceivedAt, _preparer.Hygiene.Options) with
            {
                Assessment = mail.Assessment,
                Attachments = mail.Attachments,
            };
            SupportJudgement? judgement = null;
            if (decision.Action == ThreadingAction.OpenTicket)
            {
                (decision, judgement) = await JudgeNewTicketAsync(store, mail, outcome, cancellationToken).ConfigureAwait(false);
            }

            outcome = judgement is null
                ? outcome with { Decision = decision }
                : outcome with
                {
                    Assessment = outcome.Assessment with { Priority = judgement.Decision.TicketPriority },
                    Support = judgement.ToTicketSupport(),
                    OpeningTextHash = ResendRule.TextHash(outcome.NewText),
                    ChildTickets = judgement.Questions.ChildTickets,
                    Acknowledgement = _acknowledgements.Plan(mail, judgement),
                };
            var result = await _stats.TimeAsync(PipelineStage.Apply, () => store.ApplyAsync(outcome, cancellationToken)).ConfigureAwait(false);
            _failures.TryRemove(key, out _);
            PipelineLog.Processed(_logger, key, mail.Hygiene.Verdict.Kind.ToWireName(), decision.Action, result.Ticket?.Number, decision.Reason);
            if (result.AcknowledgementCapped)
            {
                PipelineLog.AcknowledgementCapped(_logger, result.Ticket?.Number);
            }

            return new IngestReport(key, decision.Action, mail.Hygiene.Verdict.Kind, result);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return await FailAsync(store, item.Stored, e, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// A mail that would open a ticket: the same text as an open ticket of the sender joins that ticket (a follow-up,
    /// not judged again); otherwise the support policies judge it at the time it was received, and it carries the
    /// numbers of the sender's other open tickets.
    /// </summary>
    private async Task<(ThreadingDecision Decision, SupportJudgement? Judgement)> JudgeNewTicketAsync(
        SqliteStore store, PreparedMail mail, IngestOutcome outcome, CancellationToken cancellationToken)
    {
        var sender = outcome.Customer.Address;
        if (sender.Length > 0)
        {
            var open = await store.GetOpenTicketTextsAsync(sender, cancellationToken).ConfigureAwait(false);
            if (ResendRule.FindJoin(outcome.NewText, open.Select(t => new OpenTicketText(t.Ticket.Id, t.TextHash))) is { } join)
            {
                var ticket = open.First(t => t.Ticket.Id == join.TicketId).Ticket;
                return (new ThreadingDecision(ThreadingAction.FollowUp, ticket, $"the same text as open ticket {ticket.Number}"), null);
            }
        }

        var judgement = await _policies.JudgeAsync(mail, sender, outcome.ReceivedAt, store, cancellationToken).ConfigureAwait(false);
        return (outcome.Decision, sender.Length == 0 ? judgement : judgement with
        {
            CustomerOpenTickets = await store.GetOpenTicketNumbersAsync(sender, Ticket.IdFor(outcome.MessageKey), cancellationToken).ConfigureAwait(false),
        });
    }

    private async Task<IngestReport> FailAsync(SqliteStore store, StoredMessage stored, Exception error, CancellationToken cancellationToken)
    {
        var failures = _failures.AddOrUpdate(stored.Key, _ => (1, default), (_, f) => (f.Failures + 1, default)).Failures;
        var reason = $"{error.GetType().Name}: {error.Message}";
        if (failures < _options.MaxAttempts)
        {
            _failures[stored.Key] = (failures, _time.GetUtcNow() + _options.RetryDelay);
            PipelineLog.Failed(_logger, stored.Key, failures, _options.MaxAttempts, reason);
            return new IngestReport(stored.Key, null, null, null, reason);
        }

        await QuarantineAsync(store, stored, reason, failures, cancellationToken).ConfigureAwait(false);
        _failures.TryRemove(stored.Key, out _);
        return new IngestReport(stored.Key, null, null, null, reason, Quarantined: true);
    }

    /// <summary>
    /// Sets a mail aside for good: a copy of the raw bytes and the reason go to the quarantine folder, and the stored
    /// message (raw kept) is marked processed without a ticket, so it no longer holds up the mail behind it.
    /// </summary>
    private async Task QuarantineAsync(SqliteStore store, StoredMessage stored, string reason, int failures, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(_triage.QuarantineDirectory);
        var path = Path.Combine(_triage.QuarantineDirectory, stored.Key);
        await File.WriteAllBytesAsync(path + ".eml", stored.Content.ToArray(), cancellationToken).ConfigureAwait(false);
        await File.WriteAllTextAsync(path + ".txt", $"Quarantined after {failures} failed attempts: {reason}\n", cancellationToken).ConfigureAwait(false);
        await store.ApplyAsync(
            new IngestOutcome
            {
                MessageKey = stored.Key,
                Decision = new ThreadingDecision(ThreadingAction.StoreOnly, null, "quarantined: " + reason),
                // The kind could not be determined; system mail is what never opens a ticket or gets a reply.
                Kind = MailKind.System,
                MessageId = stored.MessageId,
                Customer = new MailAddress(null, string.Empty),
                ReceivedAt = stored.ReceivedAt,
            },
            cancellationToken).ConfigureAwait(false);
        PipelineLog.Quarantined(_logger, stored.Key, failures, path + ".eml", reason);
    }
}
