using System.Text.RegularExpressions;
using Triage.Core.Mail;

namespace Triage.Core.Hygiene;

/// <summary>What links a mail to an existing ticket.</summary>
public sealed record ThreadLinks(string? TicketRef, string NormalizedSubject, IReadOnlyList<string> InReplyTo, IReadOnlyList<string> References);

/// <summary>Finds ticket references and normalizes reply and forward prefixes in every language our customers use.</summary>
public static partial class ThreadReferences
{
    public static ThreadLinks Find(InboundMail mail, string newText, HygieneOptions options)
    {
        ArgumentNullException.ThrowIfNull(mail);
        ArgumentNullException.ThrowIfNull(options);
        var subject = mail.Subject ?? string.Empty;
        var reference = Match(options.TicketReference, subject) ?? Match(options.TicketReference, newText)
            ?? Match(options.TicketReference, mail.BodyText);
        return new ThreadLinks(reference, NormalizeSubject(subject, options), mail.InReplyTo, mail.References);
    }

    /// <summary>
    /// Strips reply and forward prefixes (Re, RE, SV, VS, AW, Antw, Odp, Fwd, FW, VB, WG, Doorst, TR…, repeated,
    /// numbered as "Re[2]:" or bracketed as "[Fwd: …]"), ticket references and list tags, and folds white space.
    /// </summary>
    public static string NormalizeSubject(string subject, HygieneOptions options)
    {
        ArgumentNullException.ThrowIfNull(subject);
        ArgumentNullException.ThrowIfNull(options);
        var s = options.TicketReference.Replace(subject, " ");
        while (true)
        {
            var next = Prefix().Replace(s, string.Empty, 1);
            next = BracketedForward().Replace(next, "$1", 1);
            if (next == s)
            {
                break;
            }

            s = next;
        }

        return Whitespace().Replace(s, " ").Trim();
    }

    private static string? Match(Regex pattern, string text)
    {
        var match = pattern.Match(text);
        return match.Success ? match.Groups[1].Value.ToUpperInvariant() : null;
    }

    // Reply/forward markers in sv, nb, da, fi, nl, de, en, fr, pl, it, es and pt, with "[n]" or "(n)" counters.
    [GeneratedRegex(@"^\s*(?:\[[^\]]{1,40}\]\s*)?(?:re|r|aw|sv|vs|antw|antwort|odp|ref|rif|res|fw|fwd|fwrd|vb|vl|wg|doorst|tr|enc|rv|vs|svar|videres|vidarebefordrat|wtd|wt)\s*(?:\[\d+\]|\(\d+\))?\s*[:：]\s*", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 100)]
    private static partial Regex Prefix();

    [GeneratedRegex(@"^\s*\[(?:fwd?|fw)\s*:\s*(.*)\]\s*$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 100)]
    private static partial Regex BracketedForward();

    [GeneratedRegex(@"\s+", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 100)]
    private static partial Regex Whitespace();
}
