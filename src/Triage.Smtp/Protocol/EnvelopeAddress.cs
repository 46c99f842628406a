namespace Triage.Smtp.Protocol;

/// <summary>
/// Checks an envelope address before it goes into a MAIL FROM or RCPT TO line. Control characters, spaces and
/// angle brackets are refused, so no address can end the command early or smuggle in a second one (quoted local
/// parts with spaces are not supported).
/// </summary>
internal static class EnvelopeAddress
{
    /// <summary>Throws <see cref="ArgumentException"/> for an unusable address; returns whether it needs SMTPUTF8.</summary>
    public static bool Validate(string address, bool isSender)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.Length == 0)
        {
            // The null reverse-path "<>" is a valid sender (bounces); an empty recipient is not.
            return isSender ? false : throw new ArgumentException("An envelope recipient cannot be empty.", nameof(address));
        }

        foreach (var c in address)
        {
            if (char.IsControl(c) || c is ' ' or '<' or '>')
            {
                throw new ArgumentException($"The envelope address contains a forbidden character (U+{(int)c:X4}).", nameof(address));
            }
        }

        var at = address.LastIndexOf('@');
        if ((at <= 0 || at == address.Length - 1) && !address.Equals("postmaster", StringComparison.OrdinalIgnoreCase))
        {
            throw new ArgumentException("An envelope address must have the form local@domain.", nameof(address));
        }

        return !System.Text.Ascii.IsValid(address);
    }
}
