namespace Triage.Smtp.Messages;

/// <summary>
/// A plain message we send (acknowledgements): UTF-8 text, optionally with an HTML alternative. Values may come
/// from customer mail, so <see cref="MessageComposer"/> treats them as untrusted: see its rules for CR/LF.
/// </summary>
public sealed record OutgoingMessage
{
    public required Mailbox From { get; init; }

    public required IReadOnlyList<Mailbox> To { get; init; }

    public required string Subject { get; init; }

    public required string TextBody { get; init; }

    public string? HtmlBody { get; init; }

    /// <summary>
    /// The Message-ID to carry (without angle brackets) when the caller must know it beforehand, e.g. one its
    /// threading recognises; null: a new one from the composer's <see cref="MessageIdGenerator"/>.
    /// </summary>
    public string? MessageId { get; init; }

    /// <summary>The Message-ID we answer, with or without angle brackets.</summary>
    public string? InReplyTo { get; init; }

    /// <summary>The thread's Message-IDs, oldest first, with or without angle brackets.</summary>
    public IReadOnlyList<string> References { get; init; } = [];

    /// <summary>Further header fields (Auto-Submitted, X-Auto-Response-Suppress, Precedence…), in order.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Headers { get; init; } = [];
}
