namespace Triage.Imap;

/// <summary>The selected mailbox as the server described it on SELECT/EXAMINE, kept current by untagged responses.</summary>
public sealed class ImapMailbox
{
    internal ImapMailbox(string name, bool readOnly)
    {
        Name = name;
        ReadOnly = readOnly;
    }

    public string Name { get; }

    /// <summary>When this changes, every UID the client remembers for the mailbox is void (RFC 3501 §2.3.1.1).</summary>
    public uint UidValidity { get; internal set; }

    /// <summary>The UID the next message will get; 0 when the server did not say.</summary>
    public uint UidNext { get; internal set; }

    /// <summary>Messages in the mailbox (EXISTS, lowered by EXPUNGE).</summary>
    public int Count { get; internal set; }

    public bool ReadOnly { get; internal set; }
}
