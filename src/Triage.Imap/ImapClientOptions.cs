namespace Triage.Imap;

/// <summary>Every tolerance and limit of the client in one place.</summary>
public sealed class ImapClientOptions
{
    /// <summary>
    /// A PEM or DER file of a CA that is trusted in place of the system store (a private CA or a test CA).
    /// The server certificate must still chain to it and match the host name; nothing is ever accepted blindly.
    /// </summary>
    public string? TrustedCaFile { get; init; }

    /// <summary>Time allowed for connecting and TLS.</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Time allowed for one command's complete response (IDLE excluded). Past it the connection is dropped.</summary>
    public TimeSpan CommandTimeout { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>IDLE is ended and re-issued after this long; RFC 2177 servers may drop an IDLE older than 29 minutes.</summary>
    public TimeSpan IdleRefresh { get; init; } = TimeSpan.FromMinutes(28);

    /// <summary>UIDs per UID FETCH command when fetching a long list.</summary>
    public int FetchBatchSize { get; init; } = 100;

    /// <summary>A message literal larger than this is skipped (read and dropped) and reported as too large; <see cref="ImapClient.UidFetchBodyToAsync"/> streams instead and ignores it.</summary>
    public long MaxLiteralBytes { get; init; } = 64L * 1024 * 1024;

    /// <summary>Longest atom, quoted string or non-message literal accepted in a response.</summary>
    public int MaxTokenBytes { get; init; } = 1024 * 1024;

    public static ImapClientOptions Default { get; } = new();
}
