using System.Security.Cryptography;
using System.Text;
using Triage.Core.Mail;

namespace Triage.Core.Tickets;

/// <summary>What the classifiers and rules concluded about a ticket, or about one mail of it.</summary>
public sealed record TicketAssessment
{
    public static TicketAssessment Unknown { get; } = new();

    /// <summary>ISO 639-1 code, <c>und</c> when undetermined, null when no language model is installed.</summary>
    public string? Language { get; init; }

    public string? Topic { get; init; }

    public IReadOnlyDictionary<string, double> TopicScores { get; init; } = new Dictionary<string, double>();

    public bool Critical { get; init; }

    public TicketPriority Priority { get; init; } = TicketPriority.Normal;

    public bool MultiQuestion { get; init; }

    public IReadOnlyList<string> Questions { get; init; } = [];
}

/// <summary>A support ticket: one customer's matter, threaded from one or more mails.</summary>
public sealed record Ticket
{
    /// <summary>Stable internal id, derived from the opening mail (see <see cref="IdFor"/>).</summary>
    public required string Id { get; init; }

    /// <summary>The number customers see, e.g. <c>SUP-100001</c>.</summary>
    public required string Number { get; init; }

    public TicketStatus Status { get; init; } = TicketStatus.Open;

    public required MailAddress Customer { get; init; }

    public required string Subject { get; init; }

    /// <summary>Topic, scores and questions of the opening mail; language, critical and priority as raised by follow-ups.</summary>
    public TicketAssessment Assessment { get; init; } = TicketAssessment.Unknown;

    /// <summary>Addresses that may follow up by quoting the ticket number: the customer and the people on their mail.</summary>
    public IReadOnlyList<string> Addresses { get; init; } = [];

    public required DateTimeOffset CreatedAt { get; init; }

    public required DateTimeOffset UpdatedAt { get; init; }

    /// <summary>
    /// The id of a ticket opened by the stored message <paramref name="openingMessageKey"/>. Derived rather than random,
    /// so processing the same mail again yields the same ticket id and the same event ids.
    /// </summary>
    public static string IdFor(string openingMessageKey)
    {
        ArgumentException.ThrowIfNullOrEmpty(openingMessageKey);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("ticket\n" + openingMessageKey)).AsSpan(0, 12));
    }

    /// <summary>A new ticket for a mail that threads nowhere.</summary>
    public static Ticket Open(IngestOutcome mail, string number, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(mail);
        ArgumentException.ThrowIfNullOrEmpty(number);
        return new Ticket
        {
            Id = IdFor(mail.MessageKey),
            Number = number,
            Customer = mail.Customer,
            Subject = mail.Subject,
            Assessment = mail.Assessment,
            Addresses = MergeAddresses([mail.Customer.Address], mail.Participants),
            CreatedAt = at,
            UpdatedAt = at,
        };
    }

    public bool HasAddress(string? address) =>
        !string.IsNullOrEmpty(address) && Addresses.Any(a => string.Equals(a, address, StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// The ticket after a customer's follow-up: open again, its people joined, critical and priority raised when the
    /// mail says so, a language filled in when it was unknown. Topic and questions stay those of the opening mail, so
    /// a short "thanks" does not re-route the ticket.
    /// </summary>
    public Ticket WithFollowUp(IngestOutcome mail, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(mail);
        var known = Assessment;
        var next = mail.Assessment;
        return this with
        {
            Status = TicketStatus.Open,
            Addresses = MergeAddresses(Addresses, mail.Participants),
            Assessment = known with
            {
                Language = known.Language is null or "und" ? next.Language ?? known.Language : known.Language,
                Critical = known.Critical || next.Critical,
                Priority = next.Priority > known.Priority ? next.Priority : known.Priority,
            },
            UpdatedAt = at,
        };
    }

    private static string[] MergeAddresses(IEnumerable<string> known, IEnumerable<string> more) =>
        [.. known.Concat(more).Where(a => !string.IsNullOrWhiteSpace(a)).Distinct(StringComparer.OrdinalIgnoreCase)];
}

/// <summary>
/// One message of a ticket's thread, without its content. <c>Key</c> is the stored message's key (SHA-256 of its raw
/// bytes, lower-case hex); <c>Kind</c> the mail kind's wire name (human, auto-reply, bounce…) or <c>acknowledgement</c>.
/// </summary>
public sealed record TicketMessage(string Key, string? MessageId, MessageDirection Direction, string Kind, DateTimeOffset ReceivedAt);
