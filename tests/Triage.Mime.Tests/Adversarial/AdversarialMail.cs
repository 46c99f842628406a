using System.Text;

namespace Triage.Mime.Tests.Adversarial;

/// <summary>Hostile inputs the parser must survive in bounded time and memory. Shared with the benchmarks.</summary>
public static class AdversarialMail
{
    private const string Head = "From: a@example.com\r\nTo: b@example.com\r\nSubject: adversarial\r\nMIME-Version: 1.0\r\n";

    /// <summary>Multiparts nested <paramref name="depth"/> deep, each with its own boundary, closed in order.</summary>
    public static byte[] DeepNesting(int depth)
    {
        var sb = new StringBuilder(depth * 80);
        sb.Append(Head);
        for (var i = 0; i < depth; i++)
        {
            sb.Append("Content-Type: multipart/mixed; boundary=\"b").Append(i).Append("\"\r\n\r\n--b").Append(i).Append("\r\n");
        }

        sb.Append("Content-Type: text/plain\r\n\r\ninnermost\r\n");
        for (var i = depth - 1; i >= 0; i--)
        {
            sb.Append("--b").Append(i).Append("--\r\n");
        }

        return Encoding.ASCII.GetBytes(sb.ToString());
    }

    /// <summary>One multipart with <paramref name="parts"/> small text parts.</summary>
    public static byte[] ManyParts(int parts)
    {
        var sb = new StringBuilder(parts * 50);
        sb.Append(Head).Append("Content-Type: multipart/mixed; boundary=\"x\"\r\n\r\n");
        for (var i = 0; i < parts; i++)
        {
            sb.Append("--x\r\nContent-Type: text/plain\r\n\r\npart ").Append(i).Append("\r\n");
        }

        sb.Append("--x--\r\n");
        return Encoding.ASCII.GetBytes(sb.ToString());
    }

    /// <summary>A Subject of <paramref name="bytes"/> bytes on one line, then a body.</summary>
    public static byte[] HugeHeaderLine(int bytes) =>
        Encoding.ASCII.GetBytes(Head.Replace("Subject: adversarial", "Subject: " + new string('a', bytes), StringComparison.Ordinal) + "\r\nbody\r\n");

    /// <summary>A multipart/mixed with a text part and one base64 attachment of about <paramref name="encodedBytes"/> bytes.</summary>
    public static byte[] LargeBase64Attachment(int encodedBytes)
    {
        var raw = new byte[encodedBytes / 4 * 3];
        new Random(42).NextBytes(raw);
        var base64 = Convert.ToBase64String(raw, Base64FormattingOptions.InsertLineBreaks);
        var text = Head + "Content-Type: multipart/mixed; boundary=\"z\"\r\n\r\n--z\r\nContent-Type: text/plain\r\n\r\nsee attached\r\n" +
            "--z\r\nContent-Type: application/pdf; name=\"big.pdf\"\r\nContent-Transfer-Encoding: base64\r\n" +
            "Content-Disposition: attachment; filename=\"big.pdf\"\r\n\r\n" + base64 + "\r\n--z--\r\n";
        return Encoding.ASCII.GetBytes(text);
    }

    /// <summary>An HTML-only mail whose title and style hold <paramref name="bytes"/> of '&lt;'-laden junk (spam does this).</summary>
    public static byte[] HtmlRawTextBomb(int bytes)
    {
        var junk = new StringBuilder(bytes);
        while (junk.Length < bytes)
        {
            junk.Append("%^(<><<>?<?<>??<>?<><?>>?<?<> x ");
        }

        return Encoding.ASCII.GetBytes(Head + "Content-Type: text/html; charset=us-ascii\r\n\r\n<html><head><title>" + junk +
            "</title><style>" + junk + "</style></head><body><p>visible text</p></body></html>\r\n");
    }

    /// <summary>Deterministic random mutations of <paramref name="source"/>: flipped bytes, cuts, duplicated and deleted runs.</summary>
    public static byte[] Mutate(byte[] source, Random random)
    {
        var data = new List<byte>(source);
        var edits = 1 + random.Next(8);
        for (var e = 0; e < edits && data.Count > 0; e++)
        {
            var at = random.Next(data.Count);
            switch (random.Next(6))
            {
                case 0:
                    data[at] = (byte)random.Next(256);
                    break;
                case 1:
                    data.RemoveRange(at, Math.Min(data.Count - at, 1 + random.Next(64)));
                    break;
                case 2:
                    var length = Math.Min(data.Count - at, 1 + random.Next(256));
                    data.InsertRange(random.Next(data.Count), data.GetRange(at, length));
                    break;
                case 3:
                    data.RemoveRange(at, data.Count - at);
                    break;
                case 4:
                    data.Insert(at, (byte)"\r\n-=?:;\"<>\t "[random.Next(12)]);
                    break;
                default:
                    data.InsertRange(at, "\r\n--"u8.ToArray());
                    break;
            }
        }

        return [.. data];
    }
}
