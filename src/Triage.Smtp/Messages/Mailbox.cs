namespace Triage.Smtp.Messages;

/// <summary>An address with an optional display name ("Kundtjänst &lt;support@example.com&gt;").</summary>
public sealed record Mailbox(string Address, string? DisplayName = null);
