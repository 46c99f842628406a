using Triage.Core.Mail;
using Triage.Core.Policies;
using Triage.Core.Tickets;

namespace Triage.Storage;

/// <summary>An open ticket of a sender with the <see cref="ResendRule.TextHash"/> of its opening mail.</summary>
public sealed record OpenTicketOfSender(Ticket Ticket, string TextHash);

/// <summary>
/// What the support policies ask of the store: per-sender counts for fair use (<see cref="IFairUseCounter"/>) and the
/// sender's open tickets with their opening-text hashes for the resend rule, and their numbers for the ticket event. The sender of a human mail (its
/// customer address: Reply-To, else From) is recorded when the mail is applied.
/// </summary>
public sealed partial class SqliteStore : IFairUseCounter
{
    /// <summary>Processed human mails whose customer address is <paramref name="sender"/>, received in [since, until].</summary>
    public Task<int> CountMailsAsync(string sender, DateTimeOffset since, DateTimeOffset until, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(sender);
        return ReadAsync(
            async s => Convert.ToInt32(
                await s.ScalarAsync(
                    "SELECT COUNT(*) FROM messages WHERE sender = $sender AND received_at >= $since AND received_at <= $until",
                    cancellationToken,
                    ("$sender", sender),
                    ("$since", Ms(since)),
                    ("$until", Ms(until))).ConfigureAwait(false),
                System.Globalization.CultureInfo.InvariantCulture),
            cancellationToken);
    }

    /// <summary>Tickets whose customer is <paramref name="sender"/> and that are not closed.</summary>
    public Task<int> CountOpenTicketsAsync(string sender, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(sender);
        return ReadAsync(
            async s => Convert.ToInt32(
                await s.ScalarAsync(
                    "SELECT COUNT(*) FROM tickets WHERE customer_address = $sender AND status <> 'closed'",
                    cancellationToken,
                    ("$sender", sender)).ConfigureAwait(false),
                System.Globalization.CultureInfo.InvariantCulture),
            cancellationToken);
    }

    /// <summary>The sender's tickets that are not closed and have an opening-text hash, newest first.</summary>
    public Task<IReadOnlyList<OpenTicketOfSender>> GetOpenTicketTextsAsync(string sender, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(sender);
        return ReadAsync<IReadOnlyList<OpenTicketOfSender>>(
            async s => await s.QueryAsync(
                TicketColumns.Replace("FROM tickets t", ", t.opening_text_hash FROM tickets t", StringComparison.Ordinal)
                    + " WHERE t.customer_address = $sender AND t.status <> 'closed' AND t.opening_text_hash IS NOT NULL ORDER BY t.seq DESC",
                r => new OpenTicketOfSender(ReadTicket(r), r.GetString(16)),
                cancellationToken,
                ("$sender", sender)).ConfigureAwait(false),
            cancellationToken);
    }

    /// <summary>
    /// The numbers of the tickets whose customer is <paramref name="sender"/> and that are not closed, oldest first,
    /// leaving out <paramref name="excludingTicketId"/> (the ticket being opened, should it exist already).
    /// </summary>
    public Task<IReadOnlyList<string>> GetOpenTicketNumbersAsync(string sender, string excludingTicketId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(sender);
        ArgumentNullException.ThrowIfNull(excludingTicketId);
        return ReadAsync<IReadOnlyList<string>>(
            async s => await s.QueryAsync(
                "SELECT number FROM tickets WHERE customer_address = $sender AND status <> 'closed' AND id <> $exclude ORDER BY seq",
                r => r.GetString(0),
                cancellationToken,
                ("$sender", sender),
                ("$exclude", excludingTicketId)).ConfigureAwait(false),
            cancellationToken);
    }

    private static async Task SetOpeningTextHashAsync(Session s, string ticketId, string hash, CancellationToken cancellationToken)
    {
        if (hash.Length > 0)
        {
            await s.ExecuteAsync(
                "UPDATE tickets SET opening_text_hash = $hash WHERE id = $id",
                cancellationToken,
                ("$hash", hash),
                ("$id", ticketId)).ConfigureAwait(false);
        }
    }

    private static async Task SetSenderAsync(Session s, long messageId, IngestOutcome outcome, CancellationToken cancellationToken)
    {
        if (outcome.Kind == MailKind.Human && outcome.Customer.Address.Length > 0)
        {
            await s.ExecuteAsync(
                "UPDATE messages SET sender = $sender WHERE id = $id",
                cancellationToken,
                ("$sender", outcome.Customer.Address),
                ("$id", messageId)).ConfigureAwait(false);
        }
    }
}
