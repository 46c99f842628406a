using System.Text.RegularExpressions;

namespace Triage.Core.Hygiene;

/// <summary>What to do with a customer's answer to one of our no-reply notifications.</summary>
public enum NoReplyPolicy
{
    /// <summary>Open a ticket as for any human mail (the acknowledgement points to the right channel).</summary>
    OpenTicket,

    /// <summary>Join the ticket the notification referred to, when a reference is found; else open one.</summary>
    JoinReferencedTicket,

    /// <summary>Open nothing; notify the support desk only.</summary>
    NotifyOnly,
}

/// <summary>The support desk's own identity and rules, which hygiene needs to recognise its own mail.</summary>
public sealed record HygieneOptions
{
    public static HygieneOptions Default { get; } = new();

    /// <summary>Domains whose Message-IDs and senders are ours (mail coming back to us is <c>system</c>).</summary>
    public IReadOnlyList<string> OwnDomains { get; init; } = ["kassasystem.example"];

    /// <summary>Our own mailbox addresses (support@…): never acknowledged, a loop if they send to us.</summary>
    public IReadOnlyList<string> OwnAddresses { get; init; } = ["support@kassasystem.example"];

    /// <summary>Our no-reply notification senders; mail addressed to them is human but flagged.</summary>
    public IReadOnlyList<string> NoReplyAddresses { get; init; } = ["no-reply@kassasystem.example", "noreply@kassasystem.example"];

    public NoReplyPolicy NoReplyPolicy { get; init; } = NoReplyPolicy.JoinReferencedTicket;

    /// <summary>The header our own outgoing mail carries, so it is recognised when it comes back.</summary>
    public string LoopHeader { get; init; } = "X-Triage-Loop";

    /// <summary>Ticket references in subjects and bodies; group 1 is the ticket number. Default matches <c>[#SUP-100001]</c>.</summary>
    public Regex TicketReference { get; init; } = new(@"\[#?\s*(SUP-\d{4,9})\s*\]", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(100));
}
