using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Triage.Smtp.Messages;

/// <summary>
/// Writes an <see cref="OutgoingMessage"/> as RFC 5322 bytes, all 7-bit: non-ASCII header text as RFC 2047 encoded
/// words, bodies in UTF-8 as quoted-printable (mostly Latin text) or base64, Date from the clock, a Message-ID
/// under our domain. Untrusted values cannot inject header fields:
/// <list type="bullet">
/// <item>Subject, display names and extra header values: CR, LF and other control characters become spaces (stripped,
/// not rejected, so an acknowledgement of a mail with a hostile subject still goes out).</item>
/// <item>Addresses: must be local@domain with an ASCII dot-atom local part (the domain may be international);
/// anything else, a line break included, throws <see cref="ArgumentException"/>.</item>
/// <item>Extra header names must be field names and must not replace a field the composer writes; otherwise it throws.</item>
/// <item>In-Reply-To and References entries that are not Message-IDs are left out; References keeps the first and the
/// last <see cref="MaxReferences"/> - 1 ids.</item>
/// </list>
/// </summary>
public sealed class MessageComposer
{
    /// <summary>How many ids a References field keeps (RFC 5322 §3.6.4 allows trimming a long thread).</summary>
    public const int MaxReferences = 20;

    private static readonly HashSet<string> ComposedFields = new(StringComparer.OrdinalIgnoreCase)
    {
        "Date", "From", "To", "Subject", "Message-ID", "In-Reply-To", "References", "MIME-Version",
        "Content-Type", "Content-Transfer-Encoding",
    };

    private readonly MessageIdGenerator _ids;
    private readonly TimeProvider _time;

    public MessageComposer(MessageIdGenerator ids, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(ids);
        ArgumentNullException.ThrowIfNull(time);
        _ids = ids;
        _time = time;
    }

    public ComposedMessage Compose(OutgoingMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (message.To.Count == 0)
        {
            throw new ArgumentException("A message needs at least one To address.", nameof(message));
        }

        var messageId = message.MessageId is null
            ? _ids.Next()
            : HeaderText.MessageId(message.MessageId) ?? throw new ArgumentException("MessageId must be a Message-ID (local@domain).", nameof(message));
        var output = new StringBuilder();
        output.Append("Date: ").Append(FormatDate(_time.GetLocalNow())).Append("\r\n");
        HeaderText.AppendField(output, "From", MailboxWords([message.From]));
        HeaderText.AppendField(output, "To", MailboxWords(message.To));
        HeaderText.AppendField(output, "Subject", HeaderText.UnstructuredWords(message.Subject));
        output.Append("Message-ID: <").Append(messageId).Append(">\r\n");
        if (HeaderText.MessageId(message.InReplyTo) is { } inReplyTo)
        {
            output.Append("In-Reply-To: <").Append(inReplyTo).Append(">\r\n");
        }

        var references = message.References.Select(HeaderText.MessageId).OfType<string>().ToList();
        if (references.Count > 0)
        {
            var kept = references.Count <= MaxReferences ? references : [references[0], .. references[^(MaxReferences - 1)..]];
            HeaderText.AppendField(output, "References", kept.Select(id => $"<{id}>"));
        }

        foreach (var (name, value) in message.Headers)
        {
            HeaderText.AppendField(output, CheckFieldName(name), HeaderText.UnstructuredWords(value));
        }

        output.Append("MIME-Version: 1.0\r\n");
        if (message.HtmlBody is null)
        {
            AppendPart(output, "text/plain", message.TextBody);
        }
        else
        {
            // "=_" never occurs in quoted-printable or base64 output, so the boundary cannot collide with a body.
            var boundary = "=_triage_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));
            output.Append("Content-Type: multipart/alternative; boundary=\"").Append(boundary).Append("\"\r\n\r\n");
            // The CRLF before each delimiter belongs to the delimiter (RFC 2046 §5.1.1), not to the part.
            output.Append("--").Append(boundary).Append("\r\n");
            AppendPart(output, "text/plain", message.TextBody);
            output.Append("\r\n--").Append(boundary).Append("\r\n");
            AppendPart(output, "text/html", message.HtmlBody);
            output.Append("\r\n--").Append(boundary).Append("--\r\n");
        }

        return new ComposedMessage(messageId, Encoding.ASCII.GetBytes(output.ToString()));
    }

    /// <summary>RFC 5322 §3.3 date-time, e.g. "Tue, 04 Mar 2025 09:05:00 +0100".</summary>
    internal static string FormatDate(DateTimeOffset time)
    {
        var offset = time.Offset;
        var sign = offset < TimeSpan.Zero ? '-' : '+';
        var text = time.ToString("ddd, dd MMM yyyy HH:mm:ss ", CultureInfo.InvariantCulture);
        return string.Create(CultureInfo.InvariantCulture, $"{text}{sign}{Math.Abs(offset.Hours):00}{Math.Abs(offset.Minutes):00}");
    }

    private static List<string> MailboxWords(IEnumerable<Mailbox> mailboxes)
    {
        var words = new List<string>();
        foreach (var mailbox in mailboxes)
        {
            ArgumentNullException.ThrowIfNull(mailbox);
            if (words.Count > 0)
            {
                words[^1] += ",";
            }

            var address = HeaderText.AddrSpec(mailbox.Address);
            if (string.IsNullOrWhiteSpace(mailbox.DisplayName) || HeaderText.Sanitize(mailbox.DisplayName).Length == 0)
            {
                words.Add(address);
            }
            else
            {
                words.AddRange(HeaderText.PhraseWords(mailbox.DisplayName));
                words.Add($"<{address}>");
            }
        }

        return words;
    }

    private static string CheckFieldName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (name.Length == 0 || !name.All(c => c is > ' ' and < '\u007f' and not ':'))
        {
            throw new ArgumentException($"\"{HeaderText.Sanitize(name)}\" is not a header field name.", nameof(name));
        }

        if (ComposedFields.Contains(name) || name.StartsWith("Content-", StringComparison.OrdinalIgnoreCase))
        {
            throw new ArgumentException($"{name} is written by the composer and cannot be given as an extra header.", nameof(name));
        }

        return name;
    }

    private static void AppendPart(StringBuilder output, string mediaType, string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        // A text body ends with a line break, whichever transfer encoding carries it.
        var lines = text.ReplaceLineEndings("\r\n");
        var bytes = Encoding.UTF8.GetBytes(lines.EndsWith("\r\n", StringComparison.Ordinal) ? lines : lines + "\r\n");
        // Quoted-printable keeps Latin text readable and small; mostly non-Latin text is smaller in base64.
        var nonAscii = bytes.Count(b => b >= 0x80);
        var base64 = nonAscii * 4 > bytes.Length;
        output.Append("Content-Type: ").Append(mediaType).Append("; charset=utf-8\r\n");
        output.Append("Content-Transfer-Encoding: ").Append(base64 ? "base64" : "quoted-printable").Append("\r\n\r\n");
        var body = base64 ? Convert.ToBase64String(bytes, Base64FormattingOptions.InsertLineBreaks) : QuotedPrintable.Encode(bytes);
        output.Append(body);
        if (!body.EndsWith("\r\n", StringComparison.Ordinal))
        {
            output.Append("\r\n");
        }
    }
}
