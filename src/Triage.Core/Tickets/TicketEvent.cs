using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Triage.Core.Mail;

namespace Triage.Core.Tickets;

/// <summary>
/// The ticket event, version 1: what downstream systems get when a ticket is created or a customer follows up. The
/// JSON form (snake_case) is described by <c>ticket-event.v1.schema.json</c> (see <see cref="TicketEventSchema"/>).
/// Ticket-level fields (subject, topic, scores, language, critical, priority) are the ticket's after this mail;
/// <see cref="NewText"/>, the questions, attachments and Message-IDs are this mail's.
/// </summary>
public sealed record TicketEvent
{
    public const string SchemaVersionV1 = "1";

    public const string Created = "ticket.created";

    public const string Updated = "ticket.updated";

    public string SchemaVersion { get; init; } = SchemaVersionV1;

    /// <summary>Repeatable: the same ticket, mail and type always give the same id (see <see cref="IdFor"/>).</summary>
    public required string EventId { get; init; }

    /// <summary><see cref="Created"/> or <see cref="Updated"/>.</summary>
    public required string Type { get; init; }

    public required DateTimeOffset OccurredAt { get; init; }

    public required string TicketId { get; init; }

    public required string TicketNumber { get; init; }

    /// <summary>open, pending or closed.</summary>
    public required string Status { get; init; }

    public required MailAddress Customer { get; init; }

    public required string Subject { get; init; }

    public required string NewText { get; init; }

    public string? Language { get; init; }

    public string? Topic { get; init; }

    public IReadOnlyDictionary<string, double> TopicScores { get; init; } = new Dictionary<string, double>();

    public bool Critical { get; init; }

    /// <summary>low, normal, high or urgent.</summary>
    public required string Priority { get; init; }

    public bool MultiQuestion { get; init; }

    public IReadOnlyList<string> Questions { get; init; } = [];

    public IReadOnlyList<TicketAttachment> Attachments { get; init; } = [];

    /// <summary>This mail's Message-ID, when it has one.</summary>
    public string? MessageId { get; init; }

    /// <summary>The Message-IDs this mail replies to (In-Reply-To, References), for downstream replies to thread.</summary>
    public IReadOnlyList<string> ThreadMessageIds { get; init; } = [];

    public required DateTimeOffset ReceivedAt { get; init; }

    /// <summary>Support priority <c>P1</c>…<c>P4</c> from the desk's rules; null when no policy judged the mail (follow-ups, older producers).</summary>
    public string? SupportPriority { get; init; }

    /// <summary><c>oncall</c> or <c>normal</c>; null when no policy judged the mail.</summary>
    public string? Route { get; init; }

    public bool? Urgent { get; init; }

    /// <summary>First-response due time (UTC).</summary>
    public DateTimeOffset? DueAt { get; init; }

    public string? AccountId { get; init; }

    public bool? FairUseExceeded { get; init; }

    /// <summary>Up to three knowledge-base articles for the mail.</summary>
    public IReadOnlyList<KbSuggestionRef>? KbSuggestions { get; init; }

    /// <summary>Known incidents the mail matches.</summary>
    public IReadOnlyList<IncidentRef>? Incidents { get; init; }

    /// <summary>The numbers of the customer's other tickets that are not closed when this one opened, oldest first.</summary>
    public IReadOnlyList<string>? CustomerOpenTickets { get; init; }

    /// <summary>For a ticket opened for one question of a mail: the number of the parent ticket that keeps the mail.</summary>
    public string? ParentTicket { get; init; }

    /// <summary>
    /// 32 lower-case hex characters from the ticket id, the stored message's key and the type (the message key rather
    /// than its Message-ID, which may be missing or reused).
    /// </summary>
    public static string IdFor(string ticketId, string messageKey, string type)
    {
        ArgumentException.ThrowIfNullOrEmpty(ticketId);
        ArgumentException.ThrowIfNullOrEmpty(messageKey);
        ArgumentException.ThrowIfNullOrEmpty(type);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{ticketId}\n{messageKey}\n{type}")).AsSpan(0, 16));
    }

    /// <summary>The event <paramref name="mail"/> causes on <paramref name="ticket"/> (the ticket as it is after the mail).</summary>
    public static TicketEvent Create(string type, Ticket ticket, IngestOutcome mail, DateTimeOffset occurredAt)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        ArgumentNullException.ThrowIfNull(mail);
        if (type is not (Created or Updated))
        {
            throw new ArgumentException($"'{type}' is not a ticket event type.", nameof(type));
        }

        var assessment = ticket.Assessment;
        return new TicketEvent
        {
            EventId = IdFor(ticket.Id, mail.MessageKey, type),
            Type = type,
            OccurredAt = occurredAt,
            TicketId = ticket.Id,
            TicketNumber = ticket.Number,
            Status = WireNames.Of(ticket.Status),
            Customer = ticket.Customer,
            Subject = ticket.Subject,
            NewText = mail.NewText,
            Language = assessment.Language,
            Topic = assessment.Topic,
            // Scores come from single-precision models; four decimals keep the JSON short and stable.
            TopicScores = assessment.TopicScores.ToDictionary(s => s.Key, s => Math.Round(s.Value, 4), StringComparer.Ordinal),
            Critical = assessment.Critical,
            Priority = WireNames.Of(assessment.Priority),
            MultiQuestion = mail.Assessment.MultiQuestion,
            Questions = mail.Assessment.Questions,
            Attachments = mail.Attachments,
            MessageId = mail.MessageId,
            ThreadMessageIds = mail.ThreadMessageIds,
            ReceivedAt = mail.ReceivedAt,
            SupportPriority = mail.Support?.Priority,
            Route = mail.Support?.Route,
            Urgent = mail.Support?.Urgent,
            DueAt = mail.Support?.DueAt,
            AccountId = mail.Support?.AccountId,
            FairUseExceeded = mail.Support?.FairUseExceeded,
            KbSuggestions = mail.Support?.KbSuggestions,
            Incidents = mail.Support?.Incidents,
            CustomerOpenTickets = mail.Support?.CustomerOpenTickets,
        };
    }

    /// <summary>
    /// Routing properties for brokers (headers, application properties): topic (<c>none</c> when unknown), language
    /// (<c>und</c> when unknown), priority, critical (<c>true</c>/<c>false</c>), eventType, and, when a support policy
    /// judged the mail, route (<c>oncall</c>/<c>normal</c>) and supportPriority (<c>P1</c>…<c>P4</c>).
    /// </summary>
    public IReadOnlyDictionary<string, string> RoutingProperties()
    {
        var properties = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["topic"] = Topic ?? "none",
            ["language"] = Language ?? "und",
            ["priority"] = Priority,
            ["critical"] = Critical ? "true" : "false",
            ["eventType"] = Type,
        };
        if (Route is not null)
        {
            properties["route"] = Route;
        }

        if (SupportPriority is not null)
        {
            properties["supportPriority"] = SupportPriority;
        }

        return properties;
    }

    public byte[] ToJson() => JsonSerializer.SerializeToUtf8Bytes(this, TicketEventJsonContext.Default.TicketEvent);

    /// <summary>Reads an event document; a document that is not a version-1 ticket event fails with <see cref="JsonException"/>.</summary>
    public static TicketEvent FromJson(ReadOnlySpan<byte> json)
    {
        var parsed = JsonSerializer.Deserialize(json, TicketEventJsonContext.Default.TicketEvent)
            ?? throw new JsonException("The document is null, not a ticket event.");
        return parsed.SchemaVersion == SchemaVersionV1
            ? parsed
            : throw new JsonException(string.Create(CultureInfo.InvariantCulture, $"Ticket event schema version '{parsed.SchemaVersion}' is not supported (expected '{SchemaVersionV1}')."));
    }
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, RespectRequiredConstructorParameters = true)]
[JsonSerializable(typeof(TicketEvent))]
internal sealed partial class TicketEventJsonContext : JsonSerializerContext;

/// <summary>The JSON Schema (draft 2020-12) of the ticket event, shipped inside Triage.Core.</summary>
public static class TicketEventSchema
{
    public const string ResourceName = "Triage.Core.Tickets.ticket-event.v1.schema.json";

    public static Stream Open() =>
        typeof(TicketEventSchema).Assembly.GetManifestResourceStream(ResourceName)
        ?? throw new InvalidOperationException($"The embedded resource {ResourceName} is missing from Triage.Core.");
}
