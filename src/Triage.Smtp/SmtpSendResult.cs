namespace Triage.Smtp;

/// <summary>What the server said to one RCPT TO.</summary>
public sealed record SmtpRecipientResult(string Address, SmtpReply Reply)
{
    public bool Accepted => Reply.IsSuccess;
}

/// <summary>
/// The outcome of a message the server accepted for at least one recipient. Recipients it refused are listed with
/// their replies; a message refused for every recipient throws <see cref="SmtpCommandException"/> instead.
/// </summary>
public sealed class SmtpSendResult
{
    public SmtpSendResult(IReadOnlyList<SmtpRecipientResult> recipients, SmtpReply reply)
    {
        Recipients = recipients;
        Reply = reply;
    }

    /// <summary>Every recipient, in the order given, with the server's answer.</summary>
    public IReadOnlyList<SmtpRecipientResult> Recipients { get; }

    public IEnumerable<SmtpRecipientResult> Accepted => Recipients.Where(r => r.Accepted);

    public IEnumerable<SmtpRecipientResult> Refused => Recipients.Where(r => !r.Accepted);

    /// <summary>The reply to the end of the message (its text usually carries the server's queue id).</summary>
    public SmtpReply Reply { get; }
}
