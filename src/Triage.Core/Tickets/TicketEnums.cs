namespace Triage.Core.Tickets;

/// <summary>Where a ticket stands. A customer's follow-up puts a ticket back to <see cref="Open"/>.</summary>
public enum TicketStatus
{
    Open,
    Pending,
    Closed,
}

public enum TicketPriority
{
    Low,
    Normal,
    High,
    Urgent,
}

/// <summary>How a message belongs to its ticket: the customer's mail, our mail, or automatic mail kept as a note.</summary>
public enum MessageDirection
{
    Inbound,
    Outbound,
    Note,
}

/// <summary>The lower-case names the store, the event contract and the CLI use for these enums.</summary>
public static class WireNames
{
    public static string Of<T>(T value)
        where T : struct, Enum =>
        Enum.IsDefined(value) ? value.ToString().ToLowerInvariant() : throw new ArgumentOutOfRangeException(nameof(value), value, null);

    /// <summary>Parses a wire name (case-insensitive); numbers and unknown names fail, so a damaged row is noticed.</summary>
    public static T Parse<T>(string name)
        where T : struct, Enum =>
        !string.IsNullOrEmpty(name) && char.IsLetter(name[0]) && Enum.TryParse<T>(name, ignoreCase: true, out var value) && Enum.IsDefined(value)
            ? value
            : throw new FormatException($"'{name}' is not a {typeof(T).Name}.");
}
