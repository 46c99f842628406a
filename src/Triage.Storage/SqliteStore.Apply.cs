using System.Text.Json;
using Triage.Core.Mail;
using Triage.Core.Tickets;

namespace Triage.Storage;

public enum ApplyStatus
{
    /// <summary>Written: the message, its ticket and its outbox rows.</summary>
    Applied,

    /// <summary>The mail was processed before; nothing was written.</summary>
    Duplicate,
}

/// <summary>
/// What <see cref="SqliteStore.ApplyAsync"/> wrote. <see cref="Ticket"/> is the ticket after the mail (null for a mail
/// stored only); <see cref="AcknowledgementMessageId"/> is set when an acknowledgement was queued, and
/// <see cref="AcknowledgementCapped"/> when a send cap refused it.
/// </summary>
public sealed record ApplyResult(ApplyStatus Status, Ticket? Ticket, IReadOnlyList<string> EventIds, string? AcknowledgementMessageId, bool AcknowledgementCapped);

public sealed partial class SqliteStore
{
    /// <summary>
    /// Writes everything one processed mail causes in one transaction: the message's kind and ticket, a new ticket or
    /// the updated one with its addresses, the ticket event, any child tickets (one per question, linked to the new
    /// ticket, each with its own event), and the acknowledgement (counted against its caps). If
    /// anything fails, nothing is written and the mail stays unprocessed. A mail already applied is a no-op
    /// (<see cref="ApplyStatus.Duplicate"/>). The raw mail must have been stored with <see cref="StoreRawAsync(RawMessage, CancellationToken)"/>.
    /// </summary>
    public Task<ApplyResult> ApplyAsync(IngestOutcome outcome, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        var decision = outcome.Decision;
        if (decision.Action is ThreadingAction.FollowUp or ThreadingAction.Note && decision.Ticket is null)
        {
            throw new ArgumentException($"A {decision.Action} decision needs the ticket it joins.", nameof(outcome));
        }

        if (outcome.Acknowledgement is { } ack && (decision.Action != ThreadingAction.OpenTicket || !ack.Recipient.Contains('@', StringComparison.Ordinal)))
        {
            throw new ArgumentException("An acknowledgement goes only to a new ticket's customer, at an address with '@'.", nameof(outcome));
        }

        if (outcome.ChildTickets.Count > 0 && decision.Action != ThreadingAction.OpenTicket)
        {
            throw new ArgumentException("Child tickets are opened only with a new parent ticket.", nameof(outcome));
        }

        return WriteAsync(s => ApplyInAsync(s, outcome, cancellationToken), cancellationToken);
    }

    private async Task<ApplyResult> ApplyInAsync(Session s, IngestOutcome outcome, CancellationToken cancellationToken)
    {
        var row = await s.QueryAsync(
            "SELECT id, processed_at IS NOT NULL, ticket_id FROM messages WHERE sha256 = $key",
            r => (Id: r.GetInt64(0), Processed: r.GetBoolean(1), TicketId: NullableString(r, 2)),
            cancellationToken,
            ("$key", outcome.MessageKey)).ConfigureAwait(false);
        if (row.Count == 0)
        {
            throw new InvalidOperationException($"Message {outcome.MessageKey} is not stored; store the raw mail before applying what it causes.");
        }

        var message = row[0];
        if (message.Processed)
        {
            var earlier = message.TicketId is null ? null : await FindTicketAsync(s, TicketColumns + " WHERE t.id = $key", message.TicketId, cancellationToken).ConfigureAwait(false);
            return new ApplyResult(ApplyStatus.Duplicate, earlier, [], null, false);
        }

        var now = _time.GetUtcNow();
        var decision = outcome.Decision;
        Ticket? ticket = null;
        string? eventType = null;
        switch (decision.Action)
        {
            case ThreadingAction.OpenTicket:
                ticket = await OpenTicketAsync(s, outcome, now, cancellationToken).ConfigureAwait(false);
                eventType = TicketEvent.Created;
                break;
            case ThreadingAction.FollowUp:
                var current = await FindTicketAsync(s, TicketColumns + " WHERE t.id = $key", decision.Ticket!.Id, cancellationToken).ConfigureAwait(false)
                    ?? throw new InvalidOperationException($"Ticket {decision.Ticket.Number} does not exist.");
                ticket = current.WithFollowUp(outcome, now);
                await UpdateTicketAsync(s, ticket, cancellationToken).ConfigureAwait(false);
                eventType = TicketEvent.Updated;
                break;
            case ThreadingAction.Note:
                ticket = decision.Ticket;
                break;
            case ThreadingAction.StoreOnly:
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(outcome), decision.Action, "Unknown threading action.");
        }

        await s.ExecuteAsync(
            "UPDATE messages SET direction = $direction, kind = $kind, ticket_id = $ticket, processed_at = $now WHERE id = $id",
            cancellationToken,
            ("$direction", WireNames.Of(decision.Action == ThreadingAction.Note ? MessageDirection.Note : MessageDirection.Inbound)),
            ("$kind", outcome.Kind.ToWireName()),
            ("$ticket", ticket?.Id),
            ("$now", Ms(now)),
            ("$id", message.Id)).ConfigureAwait(false);
        await SetSenderAsync(s, message.Id, outcome, cancellationToken).ConfigureAwait(false);

        var eventIds = new List<string>();
        if (eventType is not null)
        {
            eventIds.Add(await EnqueueEventAsync(s, TicketEvent.Create(eventType, ticket!, outcome, now), now, cancellationToken).ConfigureAwait(false));
        }

        foreach (var child in outcome.ChildTickets)
        {
            var childOutcome = outcome.ForChild(child);
            var childTicket = await OpenTicketAsync(s, childOutcome, now, cancellationToken).ConfigureAwait(false);
            await s.ExecuteAsync(
                "UPDATE tickets SET parent_ticket_id = $parent WHERE id = $id",
                cancellationToken,
                ("$parent", ticket!.Id),
                ("$id", childTicket.Id)).ConfigureAwait(false);
            var childEvent = TicketEvent.Create(TicketEvent.Created, childTicket, childOutcome, now) with { ParentTicket = ticket.Number };
            eventIds.Add(await EnqueueEventAsync(s, childEvent, now, cancellationToken).ConfigureAwait(false));
        }

        string? ackId = null;
        var capped = false;
        if (outcome.Acknowledgement is { } ack && ticket is not null)
        {
            capped = !await TryCountSendAsync(s, ack.Recipient, now, ack.Caps, cancellationToken).ConfigureAwait(false);
            if (!capped)
            {
                ackId = await QueueAcknowledgementAsync(s, ack, ticket, outcome.MessageKey, now, cancellationToken).ConfigureAwait(false);
                eventIds.Add(TicketEvent.IdFor(ticket.Id, outcome.MessageKey, OutboxTypes.Acknowledgement));
            }
        }

        return new ApplyResult(ApplyStatus.Applied, ticket, eventIds, ackId, capped);
    }

    /// <summary>Numbers, inserts and returns the ticket <paramref name="outcome"/> opens, with its opening-text hash.</summary>
    private async Task<Ticket> OpenTicketAsync(Session s, IngestOutcome outcome, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var last = await s.ScalarAsync("SELECT MAX(seq) FROM tickets", cancellationToken).ConfigureAwait(false);
        var seq = _options.Numbering.Next(last is null ? null : Convert.ToInt64(last, System.Globalization.CultureInfo.InvariantCulture));
        var ticket = Ticket.Open(outcome, _options.Numbering.Format(seq), now);
        await InsertTicketAsync(s, ticket, seq, cancellationToken).ConfigureAwait(false);
        await SetOpeningTextHashAsync(s, ticket.Id, outcome.OpeningTextHash, cancellationToken).ConfigureAwait(false);
        return ticket;
    }

    private static async Task<string> EnqueueEventAsync(Session s, TicketEvent ticketEvent, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await EnqueueAsync(s, ticketEvent.EventId, OutboxChannel.Events, ticketEvent.Type, ticketEvent.TicketId, ticketEvent.ToJson(), ticketEvent.RoutingProperties(), now, cancellationToken).ConfigureAwait(false);
        return ticketEvent.EventId;
    }

    // Our acknowledgement is kept as an outbound message of the ticket, so replies naming its Message-ID thread back.
    private async Task<string> QueueAcknowledgementAsync(Session s, AcknowledgementRequest ack, Ticket ticket, string messageKey, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var messageId = _options.AcknowledgementIds.Create(ticket.Number, messageKey);
        var bytes = ack.Render(ticket, messageId).ToArray();
        await s.ExecuteAsync(
            """
            INSERT INTO messages (sha256, message_id, direction, kind, received_at, processed_at, ticket_id, raw)
            VALUES ($key, $id, 'outbound', 'acknowledgement', $now, $now, $ticket, $raw)
            """,
            cancellationToken,
            ("$key", Sha256Hex(bytes)),
            ("$id", messageId),
            ("$now", Ms(now)),
            ("$ticket", ticket.Id),
            ("$raw", bytes)).ConfigureAwait(false);
        var properties = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [OutboxTypes.RecipientProperty] = ack.Recipient,
            [OutboxTypes.MessageIdProperty] = messageId,
            [OutboxTypes.TicketNumberProperty] = ticket.Number,
        };
        await EnqueueAsync(s, TicketEvent.IdFor(ticket.Id, messageKey, OutboxTypes.Acknowledgement), OutboxChannel.Mail, OutboxTypes.Acknowledgement, ticket.Id, bytes, properties, now, cancellationToken).ConfigureAwait(false);
        return messageId;
    }

    private static Task InsertTicketAsync(Session s, Ticket ticket, long seq, CancellationToken cancellationToken) =>
        SaveTicketAsync(
            s,
            """
            INSERT INTO tickets (id, seq, number, status, customer_address, customer_name, subject, language, topic, topic_scores,
                                 critical, priority, multi_question, questions, created_at, updated_at)
            VALUES ($id, $seq, $number, $status, $customer, $customerName, $subject, $language, $topic, $scores,
                    $critical, $priority, $multi, $questions, $created, $updated)
            """,
            ticket,
            seq,
            cancellationToken);

    private static Task UpdateTicketAsync(Session s, Ticket ticket, CancellationToken cancellationToken) =>
        SaveTicketAsync(
            s,
            """
            UPDATE tickets SET status = $status, language = $language, topic = $topic, topic_scores = $scores, critical = $critical,
                               priority = $priority, multi_question = $multi, questions = $questions, updated_at = $updated
            WHERE id = $id
            """,
            ticket,
            seq: null,
            cancellationToken);

    private static async Task SaveTicketAsync(Session s, string sql, Ticket ticket, long? seq, CancellationToken cancellationToken)
    {
        var a = ticket.Assessment;
        await s.ExecuteAsync(
            sql,
            cancellationToken,
            ("$id", ticket.Id),
            ("$seq", seq),
            ("$number", ticket.Number),
            ("$status", WireNames.Of(ticket.Status)),
            ("$customer", ticket.Customer.Address),
            ("$customerName", ticket.Customer.Name),
            ("$subject", ticket.Subject),
            ("$language", a.Language),
            ("$topic", a.Topic),
            ("$scores", JsonSerializer.Serialize(a.TopicScores, StorageJson.Default.IReadOnlyDictionaryStringDouble)),
            ("$critical", a.Critical),
            ("$priority", WireNames.Of(a.Priority)),
            ("$multi", a.MultiQuestion),
            ("$questions", JsonSerializer.Serialize(a.Questions, StorageJson.Default.IReadOnlyListString)),
            ("$created", Ms(ticket.CreatedAt)),
            ("$updated", Ms(ticket.UpdatedAt))).ConfigureAwait(false);
        foreach (var address in ticket.Addresses)
        {
            await s.ExecuteAsync(
                "INSERT OR IGNORE INTO ticket_addresses (ticket_id, address) VALUES ($id, $address)",
                cancellationToken,
                ("$id", ticket.Id),
                ("$address", address)).ConfigureAwait(false);
        }
    }
}
