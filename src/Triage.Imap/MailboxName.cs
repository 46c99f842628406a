using System.Text;

namespace Triage.Imap;

/// <summary>Mailbox names on the wire: modified UTF-7 (RFC 3501 §5.1.3) unless UTF8=ACCEPT is enabled.</summary>
internal static class MailboxName
{
    public static string Encode(string name, bool utf8Accepted)
    {
        if (utf8Accepted)
        {
            return name;
        }

        var text = new StringBuilder(name.Length);
        var shifted = new List<byte>();
        foreach (var c in name)
        {
            if (c is >= ' ' and <= '~')
            {
                FlushShifted(text, shifted);
                text.Append(c == '&' ? "&-" : c.ToString());
            }
            else
            {
                shifted.Add((byte)(c >> 8));
                shifted.Add((byte)c);
            }
        }

        FlushShifted(text, shifted);
        return text.ToString();
    }

    private static void FlushShifted(StringBuilder text, List<byte> shifted)
    {
        if (shifted.Count == 0)
        {
            return;
        }

        text.Append('&').Append(Convert.ToBase64String([.. shifted]).TrimEnd('=').Replace('/', ',')).Append('-');
        shifted.Clear();
    }
}
