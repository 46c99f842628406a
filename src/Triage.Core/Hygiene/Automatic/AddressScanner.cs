namespace Triage.Core.Hygiene.Automatic;

/// <summary>
/// Finds mail addresses in free text by scanning out from each '@' (no regex: linear, since a scan never crosses
/// another '@' or a character that cannot be in an address).
/// </summary>
internal static class AddressScanner
{
    private const string LocalSpecials = ".!#$%&*+/=?^_`{|}~-";

    /// <summary>Every address in <paramref name="text"/>, in order.</summary>
    public static IEnumerable<string> Find(string text, int start, int end)
    {
        var at = text.IndexOf('@', start, end - start);
        while (at >= 0)
        {
            var address = AddressAround(text, at, start, end, out var next);
            if (address is not null)
            {
                yield return address;
            }

            at = next < end ? text.IndexOf('@', next, end - next) : -1;
        }
    }

    /// <summary>
    /// One address as a report field or header gives it: "rfc822; a@b", "&lt;a@b&gt;", "Name &lt;a@b&gt;", "a@b (comment)".
    /// Null when the value holds no address (e.g. "x-unix; /var/mail/x").
    /// </summary>
    public static string? FromField(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var semicolon = value.IndexOf(';', StringComparison.Ordinal);
        var at = value.IndexOf('@', semicolon + 1);
        return at < 0 ? null : AddressAround(value, at, semicolon + 1, value.Length, out _);
    }

    private static string? AddressAround(string text, int at, int start, int end, out int next)
    {
        var left = at;
        while (left > start && IsLocalChar(text[left - 1]))
        {
            left--;
        }

        var right = at + 1;
        while (right < end && IsDomainChar(text[right]))
        {
            right++;
        }

        next = right == at + 1 ? at + 1 : right;
        while (left < at && text[left] is '.' or '-' or '=' or '/')
        {
            left++;
        }

        var domainEnd = right;
        while (domainEnd > at + 1 && text[domainEnd - 1] is '.' or '-')
        {
            domainEnd--;
        }

        // X.400-style "dda:SMTP=user@host" (Exchange 5.5): the type label is not part of the address.
        if (text.AsSpan(left, at - left).StartsWith("SMTP=", StringComparison.OrdinalIgnoreCase))
        {
            left += 5;
        }

        if (left == at || domainEnd <= at + 1)
        {
            return null;
        }

        var domain = text.AsSpan(at + 1, domainEnd - at - 1);
        var lastDot = domain.LastIndexOf('.');
        if (lastDot <= 0 || domain.Length - lastDot - 1 < 2 || domain.Contains("..", StringComparison.Ordinal))
        {
            return null;
        }

        return text[left..domainEnd];
    }

    private static bool IsLocalChar(char c) => char.IsLetterOrDigit(c) || LocalSpecials.Contains(c, StringComparison.Ordinal);

    private static bool IsDomainChar(char c) => char.IsLetterOrDigit(c) || c is '.' or '-';
}
