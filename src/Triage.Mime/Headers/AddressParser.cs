namespace Triage.Mime.Headers;

// STUB: replaced by the header-field work.
internal static class AddressParser
{
    public static IReadOnlyList<MailboxAddress> Parse(string value) =>
        value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(a => new MailboxAddress(null, a.Trim('<', '>'))).ToList();
}
