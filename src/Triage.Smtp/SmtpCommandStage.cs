namespace Triage.Smtp;

/// <summary>Which step of the session a server reply answered.</summary>
public enum SmtpCommandStage
{
    Greeting,
    Ehlo,
    StartTls,
    Authenticate,
    MailFrom,
    RcptTo,
    Data,

    /// <summary>The reply to the final "." of the message.</summary>
    MessageBody,
    Reset,
    Noop,
    Quit,
}
