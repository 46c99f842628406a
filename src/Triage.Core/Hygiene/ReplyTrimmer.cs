using Triage.Core.Hygiene.Trimming;

namespace Triage.Core.Hygiene;

/// <summary>The customer's new text, and what was cut from it.</summary>
public sealed record TrimmedReply(string NewText, bool QuoteRemoved, bool SignatureRemoved);

/// <summary>
/// Keeps only what the customer wrote now: drops quoted history ('&gt;' lines, "On … wrote:" / "Den … skrev:" /
/// "… kirjoitti:" attributions and what they introduce, Outlook header blocks and "-----Original Message-----" in
/// the languages our customers write), "--" signatures and mobile footers, but keeps greeting, closing and name.
/// Linear in the text, no regular expressions, no I/O. If everything looks quoted, the whole text is returned.
/// </summary>
public static class ReplyTrimmer
{
    public static TrimmedReply Trim(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (string.IsNullOrWhiteSpace(text)) return new TrimmedReply(string.Empty, false, false);
        return ReplyCutter.Cut(text, ReplyLayout.Read(text));
    }
}
