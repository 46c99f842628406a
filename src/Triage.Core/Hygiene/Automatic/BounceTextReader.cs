namespace Triage.Core.Hygiene.Automatic;

/// <summary>
/// Reads a plain-text delivery report, as MTAs without RFC 3464 write them: the failed recipients are the addresses in
/// the report part (before the copy of the returned message starts), less the addresses of the sender and the robots.
/// </summary>
internal static class BounceTextReader
{
    /// <summary>Reports put the failures at the top; the rest is the returned message.</summary>
    private const int MaxScan = 32 * 1024;

    private static readonly string[] RobotLocalParts =
    [
        "mailer-daemon", "mailer_daemon", "maildaemon", "mail-daemon", "postmaster", "post_master", "poostmaster", "double-bounce",
        "mailerdaemon", "daemon", "root", "mdaemon", "mail.delivery.system", "nobody",
    ];

    // Lines naming the sender or the returned message's own recipients, never a failed recipient (also transcript
    // "MAIL FROM:<…>"); Exchange and GroupWise open with "Your message To: … Subject: … did not reach …".
    private static readonly string[] NotRecipientLinePrefixes =
    [
        "from:", "to:", "cc:", "subject:", "sent:", "reply-to:", "sender:", "return-path:", "message-id:", "x-postfix-sender:", "x-sender:", "envelope-from",
        "mail from", "references:", "in-reply-to:", "errors-to:", "reporting-mta:", "received-from-mta:", "x-original-sender",
    ];

    // A column-0 header line starts the copy of the returned message.
    private static readonly string[] ReturnedHeaderPrefixes =
    [
        "received:", "return-path:", "dkim-signature:", "content-type: message/rfc822", "x-original-to:", "delivered-to:",
    ];

    /// <summary>
    /// The addresses named after the first failure phrase of the report part (so "Your message To: list@…" above "did not
    /// reach the following recipient(s)" is left out); all of the report part's addresses when no phrase is found.
    /// </summary>
    public static List<string> Recipients(string body, IEnumerable<string> returnedTo, Func<string, bool> isExcluded)
    {
        var end = Math.Min(body.Length, MaxScan);
        var all = new List<string>();
        List<string>? afterPhrase = null;
        string? last = null;
        var copyStart = -1;
        var expandedInto = new HashSet<string>(StringComparer.OrdinalIgnoreCase);

        // Addresses the remote server named in its own reply ("552 Quota violation for a@b") are failures too.
        var inServerReply = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var lineStart = 0;
        while (lineStart < end)
        {
            var lineEnd = body.IndexOf('\n', lineStart, end - lineStart);
            if (lineEnd < 0)
            {
                lineEnd = end;
            }

            var line = body.AsSpan(lineStart, lineEnd - lineStart).Trim();
            if (StartsCopy(line, body, lineStart))
            {
                copyStart = lineStart;
                break;
            }

            if (afterPhrase is null && Cues.BounceBody.Find(line) is not null)
            {
                afterPhrase = [];
            }

            if (!StartsWithAny(line, NotRecipientLinePrefixes))
            {
                // Sendmail: "user@host (expanded from: alias@domain)": the alias is the address that was written.
                var expanded = line.Contains("expanded from", StringComparison.OrdinalIgnoreCase);
                foreach (var address in AddressScanner.Find(body, lineStart, lineEnd))
                {
                    if (isExcluded(address) || IsRobot(address) || expandedInto.Contains(address))
                    {
                        continue;
                    }

                    if (expanded && last is not null)
                    {
                        expandedInto.Add(last);
                        all.Remove(last);
                        afterPhrase?.Remove(last);
                    }

                    AddOnce(all, address);
                    if (afterPhrase is not null)
                    {
                        AddOnce(afterPhrase, address);
                    }

                    last = address;
                    if (IsServerReply(line))
                    {
                        inServerReply.Add(address);
                    }
                }
            }

            lineStart = lineEnd + 1;
        }

        var candidates = afterPhrase is { Count: > 0 } ? afterPhrase : all;
        if (candidates.Count == 1)
        {
            return candidates;
        }

        var addressed = new HashSet<string>(returnedTo, StringComparer.OrdinalIgnoreCase);
        if (copyStart >= 0)
        {
            AddressedInCopy(body, copyStart, end, addressed);
        }

        // The report names no address ("Message could not be delivered to mobile."): when the returned message went to
        // exactly one recipient, that one failed.
        if (candidates.Count == 0)
        {
            var attachedTo = returnedTo.Where(a => !isExcluded(a) && !IsRobot(a)).Take(2).ToList();
            addressed.RemoveWhere(a => isExcluded(a) || IsRobot(a));
            return attachedTo.Count == 1 ? attachedTo : addressed.Count == 1 ? [.. addressed] : candidates;
        }

        // Several candidates (a report may name a contact or an example address too): keep those the returned message
        // was addressed to, when it shows any of them.
        var confirmed = candidates.FindAll(a => addressed.Contains(a) || inServerReply.Contains(a));
        return confirmed.Count > 0 ? confirmed : candidates;
    }

    // The returned copy's "To:"/"Cc:" lines and the "for <…>" of its Received lines.
    private static void AddressedInCopy(string body, int start, int end, HashSet<string> into)
    {
        var lineStart = start;
        var inAddressField = false;
        while (lineStart < end)
        {
            var lineEnd = body.IndexOf('\n', lineStart, end - lineStart);
            if (lineEnd < 0)
            {
                lineEnd = end;
            }

            var line = body.AsSpan(lineStart, lineEnd - lineStart).TrimStart("> \t");
            var forAt = line.IndexOf("for <", StringComparison.OrdinalIgnoreCase);
            var folded = lineEnd > lineStart && body[lineStart] is ' ' or '\t';
            if (line.StartsWith("to:", StringComparison.OrdinalIgnoreCase) || line.StartsWith("cc:", StringComparison.OrdinalIgnoreCase)
                || (folded && inAddressField))
            {
                inAddressField = true;
                into.UnionWith(AddressScanner.Find(body, lineStart, lineEnd));
                lineStart = lineEnd + 1;
                continue;
            }

            inAddressField = false;
            if (forAt >= 0)
            {
                var from = lineEnd - line.Length + forAt;
                var close = body.IndexOf('>', from, lineEnd - from);
                into.UnionWith(AddressScanner.Find(body, from, close < 0 ? lineEnd : close));
            }

            lineStart = lineEnd + 1;
        }
    }

    /// <summary>The Message-ID of the returned message when the report quotes its headers as text.</summary>
    public static string? ReturnedMessageId(string body)
    {
        var end = Math.Min(body.Length, MaxScan);
        var at = 0;
        while (at < end)
        {
            var found = body.IndexOf("message-id:", at, end - at, StringComparison.OrdinalIgnoreCase);
            if (found < 0)
            {
                return null;
            }

            var lineStart = found == 0 ? 0 : body.LastIndexOf('\n', found - 1) + 1;
            var prefix = body.AsSpan(lineStart, found - lineStart).Trim();
            if (prefix.IsEmpty || prefix is ">")
            {
                var open = body.IndexOf('<', found, Math.Min(200, end - found));
                var close = open < 0 ? -1 : body.IndexOf('>', open, Math.Min(300, end - open));
                if (close > open + 1)
                {
                    // Without the brackets, as the parser gives Message-IDs.
                    return body[(open + 1)..close];
                }
            }

            at = found + 11;
        }

        return null;
    }

    /// <summary>The report quotes the returned message's trace headers as text ("Received: from …" at a line start).</summary>
    public static bool QuotesReturnedHeaders(ReadOnlySpan<char> text)
    {
        foreach (var header in (ReadOnlySpan<string>)["\nReceived: from ", "\nReturn-Path: <", "\n> Received: from "])
        {
            if (text.Contains(header, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>A line that is nothing but an address ("&lt;a@b&gt;", "a@b:", "\"a@b\" &lt;a@b&gt;"), as reports list them.</summary>
    public static bool ListsAddressLine(ReadOnlySpan<char> text)
    {
        foreach (var raw in text.EnumerateLines())
        {
            var line = raw.Trim().TrimEnd(':').TrimEnd();
            if (line.Length is < 5 or > 160 || line.IndexOf('@') < 0 || line.Count(' ') > 3)
            {
                continue;
            }

            var last = line[^1];
            if (last is '>' or '"' || char.IsLetterOrDigit(last))
            {
                var core = line.TrimEnd(">\"").TrimStart("<\"");
                if (core.IndexOf(' ') < 0 && core.LastIndexOf('@') > 0 && core.LastIndexOf('.') > core.LastIndexOf('@'))
                {
                    return true;
                }

                // "Name <a@b>": the part in brackets at the end is the address.
                var open = line.LastIndexOf('<');
                if (last == '>' && open >= 0 && line[open..].IndexOf(' ') < 0 && line[open..].IndexOf('@') > 0)
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static bool StartsCopy(ReadOnlySpan<char> line, string body, int lineStart)
    {
        if (line.IsEmpty)
        {
            return false;
        }

        // Header lines only count at column 0 (the report's own indented text may quote "Received:").
        if (body[lineStart] != ' ' && body[lineStart] != '\t' && StartsWithAny(line.TrimStart('>'), ReturnedHeaderPrefixes))
        {
            return true;
        }

        // "--- Below this line is a copy of the message.", "Original message follows.", "Original message headers:"; not
        // Sendmail's "The original message was received at …", which opens the report.
        var separator = line[0] is '-' or '=' or '*' or '_' or '[' or '(' || (line[^1] == ':' && line.Length < 40)
            || line.Contains("follows", StringComparison.OrdinalIgnoreCase) || line.Contains("follow:", StringComparison.OrdinalIgnoreCase);
        return separator && Cues.ReturnedCopyMarkers.Find(line) is not null;
    }

    private static bool IsServerReply(ReadOnlySpan<char> line) =>
        line.Length > 4 && line[0] is '4' or '5' && char.IsAsciiDigit(line[1]) && char.IsAsciiDigit(line[2]) && line[3] is ' ' or '-';

    private static bool IsRobot(string address)
    {
        var at = address.IndexOf('@', StringComparison.Ordinal);
        var local = address.AsSpan(0, at);
        foreach (var robot in RobotLocalParts)
        {
            if (local.Equals(robot, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    private static void AddOnce(List<string> addresses, string address)
    {
        if (!addresses.Exists(a => string.Equals(a, address, StringComparison.OrdinalIgnoreCase)))
        {
            addresses.Add(address);
        }
    }

    private static bool StartsWithAny(ReadOnlySpan<char> line, string[] prefixes)
    {
        foreach (var prefix in prefixes)
        {
            if (line.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }
}
