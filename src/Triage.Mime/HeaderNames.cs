using System.Text;

namespace Triage.Mime;

/// <summary>Shares the strings of common header names instead of allocating one per field.</summary>
internal static class HeaderNames
{
    private static readonly string[] Known =
    [
        "From", "To", "Cc", "Bcc", "Subject", "Date", "Message-ID", "Message-Id", "In-Reply-To", "References",
        "Reply-To", "Sender", "Return-Path", "Received", "MIME-Version", "Mime-Version", "Content-Type",
        "Content-Transfer-Encoding", "Content-Disposition", "Content-ID", "Content-Id", "Content-Language",
        "X-Mailer", "DKIM-Signature", "Authentication-Results", "List-Id", "List-Unsubscribe", "Precedence",
        "Auto-Submitted", "Thread-Index", "Thread-Topic", "X-Priority", "User-Agent", "Delivered-To",
        "X-Original-To", "Importance", "X-MS-Has-Attach", "X-MS-TNEF-Correlator", "Content-Description",
        "X-Auto-Response-Suppress", "Received-SPF", "ARC-Seal", "ARC-Message-Signature", "ARC-Authentication-Results",
    ];

    private static readonly byte[][] KnownBytes = [.. Known.Select(Encoding.ASCII.GetBytes)];

    public static string Get(ReadOnlySpan<byte> name)
    {
        for (var i = 0; i < KnownBytes.Length; i++)
        {
            if (KnownBytes[i].Length == name.Length && name.SequenceEqual(KnownBytes[i]))
            {
                return Known[i];
            }
        }

        // Names are ASCII by RFC 5322; stray 8-bit bytes are kept visible one-to-one.
        return Encoding.Latin1.GetString(name);
    }
}
