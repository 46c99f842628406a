namespace Triage.Smtp;

/// <summary>
/// Sees the SMTP conversation line by line, for troubleshooting. AUTH payloads arrive as "********" and the
/// message itself never does (only its size after DATA), so a log of this never holds passwords, tokens or mail.
/// </summary>
public interface ISmtpProtocolLogger
{
    /// <summary>A connection was opened (or a stream handed over) to <paramref name="server"/>.</summary>
    void LogConnect(string server);

    /// <summary>A line the client sent, without CRLF.</summary>
    void LogClient(string line);

    /// <summary>A line the server sent, without CRLF.</summary>
    void LogServer(string line);
}
