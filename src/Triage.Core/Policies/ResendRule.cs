using System.Security.Cryptography;
using System.Text;

namespace Triage.Core.Policies;

/// <summary>An open ticket of the sender and the <see cref="ResendRule.TextHash"/> of the text that opened it.</summary>
public sealed record OpenTicketText(string TicketId, string TextHash);

/// <summary>
/// "The same text sent again while a ticket is open joins that ticket": a new mail whose normalized new text equals
/// the opening text of one of the sender's open tickets is a follow-up of that ticket, not a new one. Normalized means
/// Unicode NFKC, lower case, and runs of white space as one space, so re-wrapped or re-encoded copies match; any
/// other difference (a word, a digit) makes a different text. Pure.
/// </summary>
public static class ResendRule
{
    /// <summary>SHA-256 of the normalized text, lower-case hex; the empty string for a text with no visible characters.</summary>
    public static string TextHash(string? text)
    {
        var words = (text ?? "").Normalize(NormalizationForm.FormKC)
            .ToLowerInvariant()
            .Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        return words.Length == 0 ? "" : Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join(' ', words))));
    }

    /// <summary>
    /// The open ticket the mail joins, or null. <paramref name="openTickets"/> are the sender's open tickets, newest
    /// first (the first match wins). An empty text never joins, as it says nothing to compare.
    /// </summary>
    public static OpenTicketText? FindJoin(string? newText, IEnumerable<OpenTicketText> openTickets)
    {
        ArgumentNullException.ThrowIfNull(openTickets);
        var hash = TextHash(newText);
        return hash.Length == 0 ? null : openTickets.FirstOrDefault(t => string.Equals(t.TextHash, hash, StringComparison.Ordinal));
    }
}
