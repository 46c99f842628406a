using Triage.Core.Mail;

namespace Triage.Core.Hygiene.Automatic;

/// <summary>What a sender's address says about it being a mail system.</summary>
internal enum SenderRole
{
    Other,

    /// <summary>postmaster: usually sends reports, but is a person's role at small sites.</summary>
    Postmaster,

    /// <summary>A mailer daemon: only ever sends delivery reports.</summary>
    Daemon,
}

internal static class Senders
{
    private static readonly string[] DaemonLocalParts =
    [
        "mailer-daemon", "mailer_daemon", "mailerdaemon", "mail-daemon", "maildaemon", "mdaemon", "double-bounce", "mail.delivery.system",
    ];

    private static readonly string[] PostmasterLocalParts = ["postmaster", "post_master", "poostmaster"];

    private static readonly string[] DaemonNames = ["mailer-daemon", "mailer daemon", "mail delivery system", "mail delivery subsystem"];

    // Reply and forward prefixes of the clients our customers use (en, sv, nb, da, fi, nl, de, fr).
    private static readonly string[] ReplyPrefixes =
    [
        "re", "fw", "fwd", "sv", "vs", "vl", "vb", "aw", "wg", "antw", "antwort", "doorst", "tr", "rv", "ref", "enc", "odp", "svar",
        "vidarebefordrat", "videresend", "fs", "vast",
    ];

    public static SenderRole Classify(MailAddress? from)
    {
        if (from is null)
        {
            return SenderRole.Other;
        }

        // "MAILER-DAEMON <>", "Mail Delivery System <>": the null sender written as a From.
        if (from.Address.Length == 0)
        {
            return SenderRole.Daemon;
        }

        var at = from.Address.IndexOf('@', StringComparison.Ordinal);
        var local = (at < 0 ? from.Address : from.Address[..at]).AsSpan().Trim("\"' ");
        if (IsAny(local, DaemonLocalParts) || local.StartsWith("MicrosoftExchange", StringComparison.OrdinalIgnoreCase))
        {
            return SenderRole.Daemon;
        }

        if (from.Name is { } name)
        {
            foreach (var daemon in DaemonNames)
            {
                if (name.Contains(daemon, StringComparison.OrdinalIgnoreCase))
                {
                    return SenderRole.Daemon;
                }
            }
        }

        return IsAny(local, PostmasterLocalParts) ? SenderRole.Postmaster : SenderRole.Other;
    }

    /// <summary>"Re:", "SV:", "Fwd:", "AW:", "Re[2]:" …: the subject of a person answering or passing a mail on.</summary>
    public static bool LooksLikeReplyOrForward(string subject)
    {
        var text = subject.AsSpan().TrimStart();
        var end = 0;
        while (end < text.Length && end < 16 && char.IsLetter(text[end]))
        {
            end++;
        }

        if (end == 0)
        {
            return false;
        }

        var rest = text[end..].TrimStart();
        if (rest.StartsWith('[') || rest.StartsWith('('))
        {
            var close = rest.IndexOfAny(']', ')');
            rest = close < 0 ? rest : rest[(close + 1)..].TrimStart();
        }

        return rest.Length > 0 && rest[0] is ':' or '：' && IsAny(text[..end], ReplyPrefixes);
    }

    /// <summary>A reply or forward prefix anywhere in the text ("… vacation response RE: Callback").</summary>
    public static bool ContainsReplyPrefix(ReadOnlySpan<char> text)
    {
        for (var colon = text.IndexOf(':'); colon > 0; colon = text.IndexOf(':'))
        {
            var start = colon;
            while (start > 0 && char.IsLetter(text[start - 1]))
            {
                start--;
            }

            if (start < colon && (start == 0 || !char.IsLetterOrDigit(text[start - 1])) && IsAny(text[start..colon], ReplyPrefixes))
            {
                return true;
            }

            text = text[(colon + 1)..];
        }

        return false;
    }

    private static bool IsAny(ReadOnlySpan<char> value, string[] candidates)
    {
        foreach (var candidate in candidates)
        {
            if (value.Equals(candidate, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }
}
