namespace Triage.TestServers;

/// <summary>What a throw-away Postfix instance accepts and where it delivers.</summary>
public sealed class PostfixOptions
{
    /// <summary>The domain Postfix delivers locally (virtual_mailbox_domains).</summary>
    public string Domain { get; init; } = "mail.test";

    /// <summary>Local parts that have a mailbox; mail to any other address in <see cref="Domain"/> is refused with 550 5.1.1.</summary>
    public IReadOnlyList<string> Mailboxes { get; init; } = ["inbox"];

    /// <summary>
    /// The root of delivery (virtual_mailbox_base). Null: a folder under the instance's temp dir, removed with it.
    /// Point it at another server's mail root (e.g. Dovecot's) to read deliveries back through that server.
    /// </summary>
    public string? MailboxBase { get; init; }

    /// <summary>Each mailbox's path under <see cref="MailboxBase"/> from (domain, local part); a trailing "/" means Maildir.</summary>
    public Func<string, string, string> MailboxPath { get; init; } = (domain, user) => $"{domain}/{user}/";

    /// <summary>The uid and gid deliveries are written as; null: the "nobody" account.</summary>
    public (int Uid, int Gid)? MailOwner { get; init; }

    /// <summary>The SASL account (AUTH PLAIN/LOGIN, offered only after STARTTLS); the user name is user@Domain.</summary>
    public string SaslUser { get; init; } = "ack";

    public string SaslPassword { get; init; } = "ack-password-1";
}
