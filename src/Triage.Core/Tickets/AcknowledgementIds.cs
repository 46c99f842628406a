namespace Triage.Core.Tickets;

/// <summary>
/// Message-IDs of our acknowledgements, <c>ack.SUP-100001.3f9a0c1d2e4b@triage.local</c>: a reply or bounce naming one
/// leads back to its ticket even before the store is asked. Add <see cref="Domain"/> to
/// <see cref="Hygiene.HygieneOptions.OwnDomains"/> so our own mail coming back is recognised as ours.
/// </summary>
public sealed class AcknowledgementIds
{
    public const string DefaultDomain = "triage.local";

    private const string Prefix = "ack.";

    public AcknowledgementIds(string domain = DefaultDomain)
    {
        ArgumentException.ThrowIfNullOrEmpty(domain);
        if (!domain.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.') || domain.StartsWith('.') || domain.EndsWith('.'))
        {
            throw new ArgumentException($"Acknowledgement Message-ID domain '{domain}' must be a host name.", nameof(domain));
        }

        Domain = domain;
    }

    public string Domain { get; }

    /// <summary>
    /// The Message-ID (without angle brackets) of the acknowledgement of ticket <paramref name="ticketNumber"/>; part of
    /// the acknowledged mail's <paramref name="messageKey"/> makes it unique and repeatable.
    /// </summary>
    public string Create(string ticketNumber, string messageKey)
    {
        ArgumentException.ThrowIfNullOrEmpty(ticketNumber);
        ArgumentException.ThrowIfNullOrEmpty(messageKey);
        return $"{Prefix}{ticketNumber}.{messageKey[..Math.Min(12, messageKey.Length)]}@{Domain}";
    }

    /// <summary>The ticket number inside one of our acknowledgement Message-IDs, or null for any other id.</summary>
    public string? TicketNumberOf(string? messageId)
    {
        if (messageId is null)
        {
            return null;
        }

        var id = messageId.Trim().Trim('<', '>');
        var at = id.LastIndexOf('@');
        if (at < 0 || !id.AsSpan(at + 1).Equals(Domain, StringComparison.OrdinalIgnoreCase) || !id.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var local = id.AsSpan(Prefix.Length, at - Prefix.Length);
        var dot = local.LastIndexOf('.');
        return dot > 0 ? local[..dot].ToString().ToUpperInvariant() : null;
    }
}
