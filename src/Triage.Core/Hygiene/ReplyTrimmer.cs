namespace Triage.Core.Hygiene;

/// <summary>The customer's new text, and what was cut from it.</summary>
public sealed record TrimmedReply(string NewText, bool QuoteRemoved, bool SignatureRemoved);

// STUB: replaced by the reply-trimming work.
public static class ReplyTrimmer
{
    public static TrimmedReply Trim(string text) => new(text.Trim(), false, false);
}
