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

    // Lines naming the sender or the message, never a failed recipient (also transcript "MAIL FROM:<…>").
    private static readonly string[] SenderLinePrefixes =
    [
        "from:", "reply-to:", "sender:", "return-path:", "message-id:", "x-postfix-sender:", "x-sender:", "envelope-from",
        "mail from", "references:", "in-reply-to:", "errors-to:", "reporting-mta:", "received-from-mta:", "x-original-sender",
    ];

    // A column-0 header line starts the copy of the returned message.
    private static readonly string[] ReturnedHeaderPrefixes =
    [
        "received:", "return-path:", "dkim-signature:", "content-type: message/rfc822", "x-original-to:", "delivered-to:",
    ];

    public static List<string> Recipients(string body, Func<string, bool> isExcluded)
    {
        var end = Math.Min(body.Length, MaxScan);
        var found = new List<string>();
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
                break;
            }

            if (!StartsWithAny(line, SenderLinePrefixes))
            {
                foreach (var address in AddressScanner.Find(body, lineStart, lineEnd))
                {
                    if (!isExcluded(address) && !IsRobot(address) && !found.Exists(a => string.Equals(a, address, StringComparison.OrdinalIgnoreCase)))
                    {
                        found.Add(address);
                    }
                }
            }

            lineStart = lineEnd + 1;
        }

        return found;
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
                    return body[open..(close + 1)];
                }
            }

            at = found + 11;
        }

        return null;
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
        var separator = line[0] is '-' or '=' or '*' or '_' or '[' or '(' || line[^1] == ':'
            || line.Contains("follow", StringComparison.OrdinalIgnoreCase);
        return separator && Cues.ReturnedCopyMarkers.Find(line) is not null;
    }

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
