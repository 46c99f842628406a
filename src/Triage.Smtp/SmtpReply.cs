namespace Triage.Smtp;

/// <summary>One complete server reply: the code, the RFC 3463 enhanced status code when given, and the text lines.</summary>
public sealed class SmtpReply
{
    public SmtpReply(int code, string? enhancedStatusCode, IReadOnlyList<string> lines)
    {
        Code = code;
        EnhancedStatusCode = enhancedStatusCode;
        Lines = lines;
    }

    /// <summary>The three-digit reply code (220, 250, 354, 451, 550…).</summary>
    public int Code { get; }

    /// <summary>"class.subject.detail" (e.g. "5.1.1") from the first line, or null when the server gave none.</summary>
    public string? EnhancedStatusCode { get; }

    /// <summary>The text of each line without the code, the separator and the enhanced status code.</summary>
    public IReadOnlyList<string> Lines { get; }

    /// <summary>The lines joined by a space, for messages.</summary>
    public string Text => string.Join(' ', Lines);

    /// <summary>2xx: the command succeeded.</summary>
    public bool IsSuccess => Code is >= 200 and < 300;

    /// <summary>3xx: the server waits for more (354 after DATA, 334 during AUTH).</summary>
    public bool IsIntermediate => Code is >= 300 and < 400;

    /// <summary>4xx: failed for now; the same command may succeed later.</summary>
    public bool IsTransientFailure => Code is >= 400 and < 500;

    public override string ToString() =>
        EnhancedStatusCode is null ? $"{Code} {Text}" : $"{Code} {EnhancedStatusCode} {Text}";
}
