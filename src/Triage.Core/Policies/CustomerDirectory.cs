using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Triage.Core.Policies;

/// <summary>A customer account: who pays, on which plan, and whether they are entitled to priority support (P2).</summary>
public sealed record CustomerAccount(string AccountId, string Name, string Plan, bool PrioritySupport);

/// <summary>
/// One line of a customer file: an address (<c>anna@kaffebaren.se</c>) or a whole domain (<c>kaffebaren.se</c> or
/// <c>@kaffebaren.se</c>) of an account. <paramref name="Source"/> names where it came from (file and line) for errors.
/// </summary>
public sealed record CustomerEntry(string Match, CustomerAccount Account, string Source);

/// <summary>
/// Finds the account of a sender. An exact address wins over its domain; a domain matches only itself, not its
/// subdomains. Matching ignores case, and domains are compared in their ASCII (punycode) form, so
/// <c>kund@café.se</c>, <c>KUND@CAFÉ.SE</c> and <c>kund@xn--caf-dma.se</c> are one sender. Immutable; thread-safe.
/// </summary>
public sealed class CustomerDirectory
{
    private static readonly IdnMapping Idn = new() { AllowUnassigned = false, UseStd3AsciiRules = true };

    private readonly Dictionary<string, CustomerAccount> _addresses;
    private readonly Dictionary<string, CustomerAccount> _domains;

    private CustomerDirectory(Dictionary<string, CustomerAccount> addresses, Dictionary<string, CustomerAccount> domains)
    {
        _addresses = addresses;
        _domains = domains;
    }

    public static CustomerDirectory Empty { get; } = new([], []);

    public int Count => _addresses.Count + _domains.Count;

    /// <summary>
    /// The directory of <paramref name="entries"/>; throws <see cref="ArgumentException"/> naming the entry's source when
    /// a match is neither an address nor a domain, or when one address or domain is listed twice.
    /// </summary>
    public static CustomerDirectory Create(IEnumerable<CustomerEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var addresses = new Dictionary<string, (CustomerAccount Account, string Source)>(StringComparer.Ordinal);
        var domains = new Dictionary<string, (CustomerAccount Account, string Source)>(StringComparer.Ordinal);
        foreach (var entry in entries)
        {
            if (!TryNormalizeMatch(entry.Match, out var key, out var isDomain, out var error))
            {
                throw new ArgumentException($"{entry.Source}: {error}");
            }

            var map = isDomain ? domains : addresses;
            if (map.TryGetValue(key, out var earlier))
            {
                throw new ArgumentException($"{entry.Source}: '{entry.Match}' is already listed ({earlier.Source}, account {earlier.Account.AccountId}).");
            }

            map[key] = (entry.Account, entry.Source);
        }

        return new CustomerDirectory(
            addresses.ToDictionary(p => p.Key, p => p.Value.Account, StringComparer.Ordinal),
            domains.ToDictionary(p => p.Key, p => p.Value.Account, StringComparer.Ordinal));
    }

    /// <summary>The sender's account: by exact address, else by its domain; null for an unknown or malformed address.</summary>
    public CustomerAccount? Find(string? address)
    {
        if (!TryNormalizeAddress(address, out var normalized))
        {
            return null;
        }

        return _addresses.GetValueOrDefault(normalized) ?? _domains.GetValueOrDefault(normalized[(normalized.LastIndexOf('@') + 1)..]);
    }

    /// <summary>
    /// The form addresses are compared in: local part lower-cased, domain in lower-case ASCII (punycode). False when
    /// the text is no <c>local@domain</c> address.
    /// </summary>
    public static bool TryNormalizeAddress(string? address, [NotNullWhen(true)] out string? normalized)
    {
        normalized = null;
        var text = address?.Trim() ?? "";
        var at = text.LastIndexOf('@');
        if (at <= 0 || !TryNormalizeDomain(text[(at + 1)..], out var domain))
        {
            return false;
        }

        var local = text[..at];
        if (local.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)))
        {
            return false;
        }

        normalized = local.ToLowerInvariant() + "@" + domain;
        return true;
    }

    private static bool TryNormalizeMatch(string? match, [NotNullWhen(true)] out string? key, out bool isDomain, [NotNullWhen(false)] out string? error)
    {
        var text = match?.Trim() ?? "";
        isDomain = text.StartsWith('@') || !text.Contains('@', StringComparison.Ordinal);
        var ok = isDomain ? TryNormalizeDomain(text.TrimStart('@'), out key) : TryNormalizeAddress(text, out key);
        error = ok ? null
            : text.Length == 0 ? "the address or domain is empty."
            : isDomain ? $"'{text}' is not a domain such as kaffebaren.se."
            : $"'{text}' is not an address such as anna@kaffebaren.se.";
        return ok;
    }

    private static bool TryNormalizeDomain(string domain, [NotNullWhen(true)] out string? normalized)
    {
        normalized = null;
        var text = domain.TrimEnd('.');
        if (text.Length == 0 || !text.Contains('.', StringComparison.Ordinal))
        {
            return false;
        }

        try
        {
            normalized = Idn.GetAscii(text).ToLowerInvariant();
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
