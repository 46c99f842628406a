using Triage.Core.Mail;

namespace Triage.Core.Hygiene;

/// <summary>What kind of sender a mail came from, with the evidence.</summary>
public sealed record AutomaticMailVerdict(
    MailKind Kind,
    bool OutOfOffice,
    IReadOnlyList<string> BouncedRecipients,
    string? ReturnedMessageId,
    string? ReturnedSubject,
    IReadOnlyList<string> Signals);

// STUB: replaced by the automatic-mail work.
public sealed class AutomaticMailDetector(HygieneOptions options)
{
    public HygieneOptions Options { get; } = options;

    public AutomaticMailVerdict Detect(InboundMail mail) =>
        new(Options.OwnAddresses.Contains(mail.From?.Address ?? string.Empty) ? MailKind.System : MailKind.Human, false, [], null, null, []);
}
