using Microsoft.Extensions.Logging;
using Triage.Imap;

namespace Triage.Hosting.Imap;

/// <summary>The poller's log messages with fixed event ids (5100–5199). Never mail content, never credentials.</summary>
internal static partial class ImapPollerLog
{
    [LoggerMessage(EventId = 5100, Level = LogLevel.Information, Message = "IMAP {Mailbox}: connected to {Host}:{Port} ({Security}).")]
    public static partial void Connected(ILogger logger, string mailbox, string host, int port, ImapSecurity security);

    [LoggerMessage(EventId = 5101, Level = LogLevel.Warning, Message = "IMAP {Mailbox}: failure #{Failures}, retrying in {Delay}: {Error}")]
    public static partial void Failed(ILogger logger, string mailbox, int failures, TimeSpan delay, string error);

    [LoggerMessage(EventId = 5102, Level = LogLevel.Warning, Message = "IMAP {Mailbox}: UIDVALIDITY changed from {Old} to {New}; rescanning the folder (the sink deduplicates).")]
    public static partial void UidValidityChanged(ILogger logger, string mailbox, uint old, uint @new);

    [LoggerMessage(EventId = 5103, Level = LogLevel.Warning, Message = "IMAP {Mailbox}: UID {Uid} quarantined to {Quarantine}: {Reason}")]
    public static partial void Quarantined(ILogger logger, string mailbox, uint uid, string quarantine, string reason);

    [LoggerMessage(EventId = 5104, Level = LogLevel.Warning, Message = "IMAP {Mailbox}: handing over UID {Uid} failed (attempt {Attempt} of {MaxAttempts}): {Error}")]
    public static partial void HandOverFailed(ILogger logger, string mailbox, uint uid, int attempt, int maxAttempts, string error);

    [LoggerMessage(EventId = 5105, Level = LogLevel.Debug, Message = "IMAP {Mailbox}: {Count} mail(s) waiting.")]
    public static partial void Backlog(ILogger logger, string mailbox, int count);

    [LoggerMessage(EventId = 5106, Level = LogLevel.Information, Message = "IMAP {Mailbox}: stopped.")]
    public static partial void Stopped(ILogger logger, string mailbox);

    [LoggerMessage(EventId = 5107, Level = LogLevel.Trace, Message = "IMAP {Mailbox} {Direction} {Line}")]
    public static partial void Protocol(ILogger logger, string mailbox, char direction, string line);
}

/// <summary>The client's redacted protocol log, at Trace level.</summary>
internal sealed class ImapProtocolLogAdapter(ILogger logger, string mailbox) : IImapProtocolLogger
{
    public void LogClient(string line) => ImapPollerLog.Protocol(logger, mailbox, 'C', line);

    public void LogServer(string line) => ImapPollerLog.Protocol(logger, mailbox, 'S', line);
}
