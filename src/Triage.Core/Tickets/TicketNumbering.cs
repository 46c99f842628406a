using System.Globalization;

namespace Triage.Core.Tickets;

/// <summary>
/// Ticket numbers: a prefix and a running number, <c>SUP-100001</c>, <c>SUP-100002</c>… The store keeps the running
/// number; a changed prefix applies to new tickets only. Keep <see cref="Hygiene.HygieneOptions.TicketReference"/>
/// matching the prefix, or references to new tickets are not recognised.
/// </summary>
public sealed class TicketNumbering
{
    public const string DefaultPrefix = "SUP-";

    public const long DefaultFirst = 100001;

    public TicketNumbering(string prefix = DefaultPrefix, long first = DefaultFirst)
    {
        ArgumentException.ThrowIfNullOrEmpty(prefix);
        // Numbers travel in subjects and Message-IDs, so the prefix keeps to characters safe in both.
        if (prefix.Length > 16 || !prefix.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
        {
            throw new ArgumentException($"Ticket number prefix '{prefix}' must be 1-16 ASCII letters, digits, '-' or '_'.", nameof(prefix));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(first, 1);
        Prefix = prefix;
        First = first;
    }

    public string Prefix { get; }

    public long First { get; }

    public string Format(long sequence)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(sequence, 1);
        return Prefix + sequence.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>The running number after <paramref name="last"/> (null: no ticket yet); never below <see cref="First"/>.</summary>
    public long Next(long? last) => last is { } l && l >= First ? checked(l + 1) : First;
}
