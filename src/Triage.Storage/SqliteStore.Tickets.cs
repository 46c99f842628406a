using System.Text.Json;
using Microsoft.Data.Sqlite;
using Triage.Core.Mail;
using Triage.Core.Tickets;

namespace Triage.Storage;

/// <summary>Which tickets to list; null fields do not filter. <see cref="Address"/> matches any address on the ticket.</summary>
public sealed record TicketFilter(TicketStatus? Status = null, string? Address = null, string? Topic = null, bool? Critical = null)
{
    public static TicketFilter All { get; } = new();
}

/// <summary>A page of a listing: skip <see cref="Offset"/> rows, return at most <see cref="Limit"/> (1–1000).</summary>
public sealed record Paging(int Offset = 0, int Limit = 50);

/// <summary>One page of tickets, newest first, and how many match in all.</summary>
public sealed record TicketPage(IReadOnlyList<Ticket> Tickets, int Total);

public sealed partial class SqliteStore : ITicketLookup
{
    private const string TicketColumns = """
        SELECT t.id, t.number, t.status, t.customer_address, t.customer_name, t.subject, t.language, t.topic, t.topic_scores,
               t.critical, t.priority, t.multi_question, t.questions, t.created_at, t.updated_at,
               (SELECT group_concat(a.address, char(10)) FROM ticket_addresses a WHERE a.ticket_id = t.id)
        FROM tickets t
        """;

    private const string TicketFilterClause = """
         WHERE ($status IS NULL OR t.status = $status)
           AND ($address IS NULL OR t.id IN (SELECT ticket_id FROM ticket_addresses WHERE address = $address))
           AND ($topic IS NULL OR t.topic = $topic)
           AND ($critical IS NULL OR t.critical = $critical)
        """;

    /// <summary>The ticket with this number (case-insensitive), with its addresses; null when there is none.</summary>
    public Task<Ticket?> GetTicketAsync(string number, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(number);
        return ReadAsync(s => FindTicketAsync(s, TicketColumns + " WHERE t.number = $key", number, cancellationToken), cancellationToken);
    }

    public Task<Ticket?> FindByNumberAsync(string number, CancellationToken cancellationToken) => GetTicketAsync(number, cancellationToken);

    public Task<Ticket?> FindByMessageIdAsync(string messageId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(messageId);
        return ReadAsync(
            s => FindTicketAsync(
                s,
                TicketColumns + " WHERE t.id = (SELECT ticket_id FROM messages WHERE message_id = $key AND ticket_id IS NOT NULL ORDER BY id LIMIT 1)",
                NormalizeMessageId(messageId),
                cancellationToken),
            cancellationToken);
    }

    public Task<TicketPage> ListTicketsAsync(TicketFilter filter, Paging paging, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentNullException.ThrowIfNull(paging);
        ArgumentOutOfRangeException.ThrowIfLessThan(paging.Offset, 0);
        ArgumentOutOfRangeException.ThrowIfLessThan(paging.Limit, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(paging.Limit, 1000);
        (string, object?)[] parameters =
        [
            ("$status", filter.Status is { } status ? WireNames.Of(status) : null),
            ("$address", filter.Address),
            ("$topic", filter.Topic),
            ("$critical", filter.Critical),
        ];
        return ReadAsync(
            async s =>
            {
                var total = Convert.ToInt32(await s.ScalarAsync("SELECT COUNT(*) FROM tickets t" + TicketFilterClause, cancellationToken, parameters).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture);
                var tickets = await s.QueryAsync(
                    TicketColumns + TicketFilterClause + " ORDER BY t.seq DESC LIMIT $limit OFFSET $offset",
                    ReadTicket,
                    cancellationToken,
                    [.. parameters, ("$limit", paging.Limit), ("$offset", paging.Offset)]).ConfigureAwait(false);
                return new TicketPage(tickets, total);
            },
            cancellationToken);
    }

    /// <summary>Sets a ticket's status (an agent pending or closing it); false when there is no such ticket.</summary>
    public Task<bool> SetStatusAsync(string number, TicketStatus status, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(number);
        return WriteAsync(
            async s => await s.ExecuteAsync(
                "UPDATE tickets SET status = $status, updated_at = $now WHERE number = $number",
                cancellationToken,
                ("$status", WireNames.Of(status)),
                ("$now", Ms(_time.GetUtcNow())),
                ("$number", number)).ConfigureAwait(false) == 1,
            cancellationToken);
    }

    /// <summary>The ticket's messages in the order they were stored: the customer's, ours and the notes.</summary>
    public Task<IReadOnlyList<TicketMessage>> GetMessagesAsync(string ticketId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ticketId);
        return ReadAsync<IReadOnlyList<TicketMessage>>(
            async s => await s.QueryAsync(
                "SELECT sha256, message_id, direction, kind, received_at FROM messages WHERE ticket_id = $id ORDER BY id",
                r => new TicketMessage(r.GetString(0), NullableString(r, 1), WireNames.Parse<MessageDirection>(r.GetString(2)), NullableString(r, 3) ?? string.Empty, Time(r.GetInt64(4))),
                cancellationToken,
                ("$id", ticketId)).ConfigureAwait(false),
            cancellationToken);
    }

    private static async Task<Ticket?> FindTicketAsync(Session session, string sql, string? key, CancellationToken cancellationToken) =>
        key is null ? null : (await session.QueryAsync(sql, ReadTicket, cancellationToken, ("$key", key)).ConfigureAwait(false)).FirstOrDefault();

    private static Ticket ReadTicket(SqliteDataReader r) => new()
    {
        Id = r.GetString(0),
        Number = r.GetString(1),
        Status = WireNames.Parse<TicketStatus>(r.GetString(2)),
        Customer = new MailAddress(NullableString(r, 4), r.GetString(3)),
        Subject = r.GetString(5),
        Assessment = new TicketAssessment
        {
            Language = NullableString(r, 6),
            Topic = NullableString(r, 7),
            TopicScores = JsonSerializer.Deserialize(r.GetString(8), StorageJson.Default.IReadOnlyDictionaryStringDouble) ?? new Dictionary<string, double>(),
            Critical = r.GetBoolean(9),
            Priority = WireNames.Parse<TicketPriority>(r.GetString(10)),
            MultiQuestion = r.GetBoolean(11),
            Questions = JsonSerializer.Deserialize(r.GetString(12), StorageJson.Default.IReadOnlyListString) ?? [],
        },
        CreatedAt = Time(r.GetInt64(13)),
        UpdatedAt = Time(r.GetInt64(14)),
        Addresses = NullableString(r, 15)?.Split('\n') ?? [],
    };
}
