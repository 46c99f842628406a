namespace Triage.Smtp;

/// <summary>
/// The server answered a command with a failure (4xx or 5xx). Unless the reply was 421 (the server is closing the
/// channel, see <see cref="SmtpClient.IsConnected"/>) the connection stays usable: the client has reset the
/// transaction, so the next message can be sent. <see cref="IsTransient"/> says whether retrying later makes sense.
/// </summary>
public sealed class SmtpCommandException : Exception
{
    public SmtpCommandException()
    {
    }

    public SmtpCommandException(string message)
        : base(message)
    {
    }

    public SmtpCommandException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public SmtpCommandException(SmtpCommandStage stage, SmtpReply reply, string? recipient = null, string? detail = null)
        : base(Describe(stage, reply, recipient, detail))
    {
        ArgumentNullException.ThrowIfNull(reply);
        Stage = stage;
        StatusCode = reply.Code;
        EnhancedStatusCode = reply.EnhancedStatusCode;
        Recipient = recipient;
        ServerText = reply.Text;
    }

    public SmtpCommandStage Stage { get; }

    /// <summary>The basic reply code (e.g. 550).</summary>
    public int StatusCode { get; }

    /// <summary>The RFC 3463 code (e.g. "5.1.1"), or null when the server gave none.</summary>
    public string? EnhancedStatusCode { get; }

    /// <summary>The refused recipient, for RCPT TO failures.</summary>
    public string? Recipient { get; }

    /// <summary>The server's explanation, as sent.</summary>
    public string? ServerText { get; }

    /// <summary>4xx: the same message may be accepted later. 5xx: it will not be, as it stands.</summary>
    public bool IsTransient => StatusCode is >= 400 and < 500;

    private static string Describe(SmtpCommandStage stage, SmtpReply reply, string? recipient, string? detail)
    {
        var who = recipient is null ? string.Empty : $" for <{recipient}>";
        var extra = detail is null ? string.Empty : $" ({detail})";
        return $"SMTP {stage}{who} failed: {reply}{extra}";
    }
}
