namespace Triage.Imap.Protocol;

internal enum ImapResponseKind
{
    Untagged,
    Continuation,
    Tagged,
}

/// <summary>
/// A response line as the engine saw it. For status responses (tagged, or untagged OK/NO/BAD/BYE/PREAUTH)
/// <see cref="Status"/> is the upper-cased status and <see cref="Code"/> the bracketed response code, if any.
/// </summary>
internal readonly record struct ImapResponse(ImapResponseKind Kind, string? Tag, string? Status, string? Code, string Text)
{
    /// <summary>The response code's name (<c>UIDVALIDITY</c> of <c>UIDVALIDITY 42</c>).</summary>
    public string? CodeName => Code is null ? null : Code.Split(' ', 2)[0].ToUpperInvariant();

    /// <summary>Splits "[CODE args] text" into its code and text; text without a code is returned whole.</summary>
    public static (string? Code, string Text) SplitCode(string text)
    {
        if (!text.StartsWith('['))
        {
            return (null, text);
        }

        var depth = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '[')
            {
                depth++;
            }
            else if (text[i] == ']' && --depth == 0)
            {
                return (text[1..i].Trim(), text[(i + 1)..].Trim());
            }
        }

        return (null, text);
    }
}
