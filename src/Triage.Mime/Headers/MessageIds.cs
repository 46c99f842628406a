namespace Triage.Mime.Headers;

// STUB: replaced by the header-field work.
internal static class MessageIds
{
    public static IReadOnlyList<string> ParseList(string value) =>
        value.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(s => s.Trim('<', '>')).ToList();

    public static string? ParseSingle(string value) { var ids = ParseList(value); return ids.Count > 0 ? ids[0] : null; }
}
