using System.Text;

namespace Triage.Hosting.Tests;

/// <summary>Small RFC 5322 mails for the pipeline tests.</summary>
public static class Mails
{
    public static byte[] Human(string from, string subject, string body, string messageId, string? inReplyTo = null, string? extraHeaders = null) =>
        Encoding.UTF8.GetBytes(
            $"From: Customer <{from}>\r\nTo: support@kassasystem.example\r\nSubject: {subject}\r\nMessage-ID: <{messageId}>\r\n" +
            (inReplyTo is null ? string.Empty : $"In-Reply-To: <{inReplyTo}>\r\nReferences: <{inReplyTo}>\r\n") +
            (extraHeaders ?? string.Empty) +
            $"Date: Tue, 04 Mar 2025 09:05:00 +0100\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n{body}\r\n");

    public static byte[] AutoReply(string from, string subject, string messageId, string? inReplyTo = null) =>
        Human(from, "Automatic reply: " + subject, "I am out of the office until Monday.", messageId, inReplyTo, "Auto-Submitted: auto-replied\r\n");

    /// <summary>A DSN bounce returning <paramref name="returnedMessageId"/> sent to <paramref name="failed"/>.</summary>
    public static byte[] Bounce(string failed, string returnedMessageId, string returnedSubject, string messageId) =>
        Encoding.UTF8.GetBytes(
            "From: Mail Delivery System <MAILER-DAEMON@mx.example>\r\nTo: support@kassasystem.example\r\n" +
            $"Subject: Undelivered Mail Returned to Sender\r\nMessage-ID: <{messageId}>\r\nDate: Tue, 04 Mar 2025 09:05:00 +0100\r\n" +
            "MIME-Version: 1.0\r\nContent-Type: multipart/report; report-type=delivery-status; boundary=\"b1\"\r\n\r\n" +
            "--b1\r\nContent-Type: text/plain\r\n\r\nYour message could not be delivered.\r\n" +
            $"--b1\r\nContent-Type: message/delivery-status\r\n\r\nReporting-MTA: dns; mx.example\r\n\r\nFinal-Recipient: rfc822; {failed}\r\nAction: failed\r\nStatus: 5.1.1\r\n" +
            $"--b1\r\nContent-Type: message/rfc822\r\n\r\nFrom: support@kassasystem.example\r\nTo: {failed}\r\nSubject: {returnedSubject}\r\nMessage-ID: <{returnedMessageId}>\r\n\r\nHello\r\n" +
            "--b1--\r\n");
}
