using System.Text.Unicode;
using Triage.Core.Ports;

namespace Triage.Queues;

/// <summary>
/// What every transport needs of an event before anything is sent: ids that are safe as file names and broker ids,
/// property names that are safe as headers, a UTF-8 body. A bad event fails alone and is never retried.
/// </summary>
internal static class EventChecks
{
    public const int MaxIdLength = 128;

    private const int MaxPropertyNameLength = 64;

    public static void Validate(IReadOnlyList<OutboundEvent> batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        foreach (var item in batch)
        {
            Validate(item);
        }
    }

    private static void Validate(OutboundEvent? item)
    {
        if (item is null)
        {
            throw new PublishException("The batch contains a null event.", retryable: false);
        }

        if (!IsEventId(item.EventId))
        {
            throw Invalid(item, $"event id '{Shorten(item.EventId)}' is not 1-{MaxIdLength} characters of A-Z a-z 0-9 . _ - (not starting with '.')");
        }

        if (!IsPrintableAscii(item.EventType, MaxIdLength))
        {
            throw Invalid(item, "event type is empty, too long or not printable ASCII");
        }

        if (!IsPrintableAscii(item.TicketId, MaxIdLength))
        {
            throw Invalid(item, "ticket id is empty, too long or not printable ASCII");
        }

        if (item.Properties is null)
        {
            throw Invalid(item, "properties are null");
        }

        foreach (var (name, value) in item.Properties)
        {
            if (!IsPropertyName(name) || value is null)
            {
                throw Invalid(item, $"property '{Shorten(name)}' needs a name of 1-{MaxPropertyNameLength} characters A-Z a-z 0-9 . _ - starting with a letter, and a value");
            }
        }

        if (!Utf8.IsValid(item.Body.Span))
        {
            throw Invalid(item, "body is not UTF-8");
        }
    }

    private static PublishException Invalid(OutboundEvent item, string problem) =>
        new($"Event {Shorten(item.EventId)} cannot be published: {problem}.", retryable: false, eventId: item.EventId);

    private static bool IsEventId(string? id) =>
        id is { Length: > 0 and <= MaxIdLength } && id[0] != '.' && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-');

    private static bool IsPropertyName(string? name) =>
        name is { Length: > 0 and <= MaxPropertyNameLength } && char.IsAsciiLetter(name[0])
        && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-');

    private static bool IsPrintableAscii(string? value, int maxLength) =>
        value is { Length: > 0 } && value.Length <= maxLength && value.All(c => c is >= ' ' and <= '~');

    // Ids go into error messages: a garbage id must neither flood nor forge log lines.
    private static string Shorten(string? value) =>
        value is null ? "(null)" : string.Concat(value.Take(40).Select(c => c is >= ' ' and <= '~' ? c : '?')) + (value.Length > 40 ? "…" : "");
}
