using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using Triage.Mime;

namespace Triage.Cli;

/// <summary>The documented JSON shape of <c>triage parse</c> (also read by ../shared/tools/oracle_check.py).</summary>
internal static class ParseJson
{
    private static readonly JsonWriterOptions Options = new()
    {
        Indented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static byte[] Write(MimeMessage message)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, Options))
        {
            json.WriteStartObject();
            WriteAddresses(json, "from", message.From);
            WriteAddresses(json, "to", message.To);
            WriteAddresses(json, "cc", message.Cc);
            json.WriteString("subject", message.Subject);
            json.WriteString("date", message.Date?.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture));
            json.WriteString("message_id", message.MessageId);
            json.WriteString("in_reply_to", message.InReplyTo.Count > 0 ? string.Join(' ', message.InReplyTo) : null);
            json.WriteString("text_body", message.TextBody);
            json.WriteBoolean("html_body", message.Body.HasHtml);
            json.WriteStartArray("attachments");
            foreach (var part in message.Body.Attachments)
            {
                json.WriteStartObject();
                json.WriteString("filename", part.FileName);
                json.WriteString("content_type", part.ContentType.MimeType);
                json.WriteNumber("size", part.EmbeddedMessage is null ? part.DecodedLength : part.ContentLength);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteStartArray("diagnostics");
            foreach (var diagnostic in message.Diagnostics)
            {
                json.WriteStringValue(diagnostic.ToString());
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return buffer.ToArray();
    }

    private static void WriteAddresses(Utf8JsonWriter json, string name, IReadOnlyList<MailboxAddress> addresses)
    {
        json.WriteStartArray(name);
        foreach (var address in addresses)
        {
            json.WriteStartObject();
            json.WriteString("name", address.Name);
            json.WriteString("address", address.Address);
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }
}
