namespace Triage.Core.Mail;

/// <summary>What sent the mail: a person, or one of the robots that must never open a ticket or get a reply.</summary>
public enum MailKind
{
    Human,
    AutoReply,
    Bounce,
    List,
    System,
    FeedbackReport,
}

public static class MailKinds
{
    /// <summary>The wire names used in JSON output: human, auto-reply, bounce, list, system, feedback-report.</summary>
    public static string ToWireName(this MailKind kind) => kind switch
    {
        MailKind.Human => "human",
        MailKind.AutoReply => "auto-reply",
        MailKind.Bounce => "bounce",
        MailKind.List => "list",
        MailKind.System => "system",
        MailKind.FeedbackReport => "feedback-report",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    public static bool IsAutomatic(this MailKind kind) => kind != MailKind.Human;
}
