namespace Triage.Imap;

/// <summary>What to ask for in a UID FETCH; the UID is always included.</summary>
[Flags]
public enum ImapFetchItems
{
    Uid = 0,
    Flags = 1,
    InternalDate = 2,
    Size = 4,

    /// <summary>The whole raw message (BODY.PEEK[], so \Seen is not set).</summary>
    Body = 8,
    All = Flags | InternalDate | Size | Body,
}

/// <summary>One message's FETCH response. Items not requested (or not sent) stay null.</summary>
public sealed class ImapFetchedMessage
{
    public uint SequenceNumber { get; internal init; }

    public uint Uid { get; internal set; }

    /// <summary>RFC822.SIZE: the server's count of the raw message's bytes.</summary>
    public long? Size { get; internal set; }

    public DateTimeOffset? InternalDate { get; internal set; }

    public IReadOnlyList<string>? Flags { get; internal set; }

    /// <summary>The raw message (BODY[]), read straight from the literal.</summary>
    public byte[]? Body { get; internal set; }

    /// <summary>The body literal was larger than <see cref="ImapClientOptions.MaxLiteralBytes"/> and was dropped unread.</summary>
    public long? BodyTooLargeBytes { get; internal set; }

    /// <summary>The body's length when it was copied into the destination of <see cref="ImapClient.UidFetchBodyToAsync"/>.</summary>
    public long? StreamedBodyBytes { get; internal set; }
}
