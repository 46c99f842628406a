namespace Triage.Imap.Protocol;

internal enum ImapTokenKind
{
    Atom,
    QuotedString,

    /// <summary>A <c>{n}</c> (or <c>~{n}</c>) header; its n bytes of content are still unread.</summary>
    Literal,
    OpenParen,
    CloseParen,
    OpenBracket,
    CloseBracket,
    Eol,
}

internal readonly record struct ImapToken(ImapTokenKind Kind, string Text = "", long LiteralLength = 0)
{
    public static readonly ImapToken Eol = new(ImapTokenKind.Eol);

    public bool IsAtom(string text) => Kind == ImapTokenKind.Atom && string.Equals(Text, text, StringComparison.OrdinalIgnoreCase);

    /// <summary>NIL is an atom; a quoted "NIL" is a string.</summary>
    public bool IsNil => IsAtom("NIL");

    public override string ToString() => Kind switch
    {
        ImapTokenKind.Atom => Text,
        ImapTokenKind.QuotedString => "\"" + Text + "\"",
        ImapTokenKind.Literal => "{" + LiteralLength + "}",
        ImapTokenKind.OpenParen => "(",
        ImapTokenKind.CloseParen => ")",
        ImapTokenKind.OpenBracket => "[",
        ImapTokenKind.CloseBracket => "]",
        _ => "end of line",
    };
}
