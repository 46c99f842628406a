namespace Triage.Mime.Html;

/// <summary>Which link targets are worth showing after the link text, and how.</summary>
internal static class LinkTarget
{
    /// <summary>
    /// http(s) URLs as written; mailto as the bare address (no scheme, no <c>?subject=</c>, %-escapes decoded).
    /// Other schemes (cid:, tel:, javascript:, fragments) say nothing useful to a support agent.
    /// </summary>
    public static bool TryGetDisplay(string? href, out string display)
    {
        display = "";
        if (href is null) return false;

        // Browsers strip tabs and newlines from URLs; quoted-printable line folding leaves them in hrefs.
        var url = href.Trim();
        if (url.AsSpan().ContainsAny('\t', '\n', '\r')) url = string.Concat(url.Split(['\t', '\n', '\r']));

        if (HasScheme(url, "http://") || HasScheme(url, "https://"))
        {
            if (url.Length == url.IndexOf(':', StringComparison.Ordinal) + 3) return false;
            display = url;
            return true;
        }

        if (!HasScheme(url, "mailto:")) return false;
        var address = url.AsSpan("mailto:".Length);
        var query = address.IndexOf('?');
        if (query >= 0) address = address[..query];
        display = Uri.UnescapeDataString(address.ToString()).Trim();
        return display.Length > 0;
    }

    /// <summary>Whether the link text already says where the link goes, ignoring scheme, "www." and a final '/'.</summary>
    public static bool IsSameAs(string linkText, string display) =>
        Essence(linkText).Equals(Essence(display), StringComparison.OrdinalIgnoreCase);

    private static bool HasScheme(ReadOnlySpan<char> url, string scheme) => url.StartsWith(scheme, StringComparison.OrdinalIgnoreCase);

    private static ReadOnlySpan<char> Essence(string text)
    {
        var s = text.AsSpan().Trim();
        foreach (var scheme in (ReadOnlySpan<string>)["mailto:", "https://", "http://"])
        {
            if (HasScheme(s, scheme))
            {
                s = s[scheme.Length..];
                break;
            }
        }

        if (HasScheme(s, "www.")) s = s[4..];
        return s.TrimEnd('/');
    }
}
