namespace Triage.Imap;

/// <summary>
/// Receives the protocol conversation one line at a time. Credentials arrive already redacted and literal
/// contents (message bodies) are replaced by a size note, so an implementation may write lines as they are.
/// </summary>
public interface IImapProtocolLogger
{
    /// <summary>A line the client sent (without its line break).</summary>
    void LogClient(string line);

    /// <summary>A line the server sent (without its line break).</summary>
    void LogServer(string line);
}
