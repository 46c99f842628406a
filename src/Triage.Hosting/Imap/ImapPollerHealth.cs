using System.Collections.Concurrent;

namespace Triage.Hosting.Imap;

/// <summary>One mailbox's state as the host's health endpoint or status page shows it.</summary>
/// <param name="Mailbox">The mailbox's display name.</param>
/// <param name="Connected">Whether the poller holds a working connection now.</param>
/// <param name="LastSuccessfulPoll">When the folder was last searched and its mail handed over without error.</param>
/// <param name="Backlog">Mails found but not yet handed over at the last search.</param>
/// <param name="LastError">The last failure's message (no secrets, no mail content), cleared by nothing: compare times.</param>
/// <param name="LastErrorAt">When it happened.</param>
/// <param name="Delivered">Mails confirmed by the sink since start.</param>
/// <param name="Quarantined">Mails moved to quarantine since start (oversized, rejected, failing).</param>
/// <param name="Oversized">Of those, oversized mails saved to <see cref="ImapMailboxOptions.OversizedDirectory"/> since start.</param>
public sealed record ImapMailboxHealth(
    string Mailbox, bool Connected, DateTimeOffset? LastSuccessfulPoll, int Backlog, string? LastError, DateTimeOffset? LastErrorAt, long Delivered, long Quarantined, long Oversized)
{
    internal static ImapMailboxHealth Initial(string mailbox) => new(mailbox, false, null, 0, null, null, 0, 0, 0);
}

/// <summary>Health of every IMAP poller in the host.</summary>
public interface IImapPollerHealth
{
    IReadOnlyList<ImapMailboxHealth> Mailboxes { get; }
}

/// <summary>Collects what the pollers report.</summary>
public sealed class ImapPollerHealth : IImapPollerHealth
{
    private readonly ConcurrentDictionary<string, ImapMailboxHealth> _mailboxes = new(StringComparer.Ordinal);

    public IReadOnlyList<ImapMailboxHealth> Mailboxes => [.. _mailboxes.Values.OrderBy(health => health.Mailbox, StringComparer.Ordinal)];

    public ImapMailboxHealth Get(string mailbox) =>
        _mailboxes.GetOrAdd(mailbox, ImapMailboxHealth.Initial);

    internal void Update(string mailbox, Func<ImapMailboxHealth, ImapMailboxHealth> change) =>
        _mailboxes.AddOrUpdate(mailbox, name => change(ImapMailboxHealth.Initial(name)), (_, current) => change(current));
}
