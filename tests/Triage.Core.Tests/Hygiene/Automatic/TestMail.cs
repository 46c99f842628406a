using System.Text;
using Triage.Core.Hygiene;
using Triage.Core.Mail;
using Triage.Hosting.Mail;

namespace Triage.Core.Tests.Hygiene.Automatic;

/// <summary>Builds test mails: parsed from raw text (CRLF, as on the wire) or composed directly.</summary>
internal static class TestMail
{
    public static AutomaticMailDetector Detector { get; } = new(HygieneOptions.Default);

    public static InboundMail Parse(string raw) =>
        MimeMailAdapter.FromRaw("test", Encoding.UTF8.GetBytes(raw.ReplaceLineEndings("\r\n")));

    public static AutomaticMailVerdict Detect(string raw) => Detector.Detect(Parse(raw));

    /// <summary>A customer's ordinary reply, to which each test adds what it is about.</summary>
    public static InboundMail Customer(string subject, string body, params (string Name, string Value)[] headers) => new()
    {
        Id = "test",
        From = new MailAddress("Anna Berg", "anna@bergsbageri.example"),
        To = [new MailAddress("Kassasystem Support", "support@kassasystem.example")],
        Subject = subject,
        MessageId = "CAF3xq9Yt2@mail.bergsbageri.example",
        TextBody = body,
        Headers =
        [
            new MailHeader("From", "Anna Berg <anna@bergsbageri.example>"),
            new MailHeader("To", "Kassasystem Support <support@kassasystem.example>"),
            new MailHeader("Subject", subject),
            .. headers.Select(h => new MailHeader(h.Name, h.Value)),
        ],
    };

    public static string Wire(this MailKind kind) => kind.ToWireName();
}
