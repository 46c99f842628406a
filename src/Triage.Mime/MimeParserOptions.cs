namespace Triage.Mime;

/// <summary>
/// Every tolerance of the parser in one object. Past a limit the parser degrades (a leaf part, a truncated value,
/// an ignored header) and records a <see cref="MimeDiagnostic"/>; it never throws on malformed input.
/// </summary>
public sealed record MimeParserOptions
{
    /// <summary>The shared default: limits sized for real support mail, loose enough for broken mailers.</summary>
    public static MimeParserOptions Default { get; } = new();

    /// <summary>Nesting of multiparts and embedded messages; a deeper multipart is kept as one leaf part.</summary>
    public int MaxDepth { get; init; } = 64;

    /// <summary>Parts per message; once reached, the rest of each open multipart is kept as its epilogue.</summary>
    public int MaxParts { get; init; } = 10_000;

    /// <summary>Bytes of one header block (a message's or a part's); headers past it are skipped.</summary>
    public int MaxHeaderBytes { get; init; } = 1024 * 1024;

    /// <summary>Bytes of one header field, folded lines included; a longer value is truncated when decoded.</summary>
    public int MaxLineLength { get; init; } = 128 * 1024;

    /// <summary>Bytes read from a stream; the remainder is not read and the message is marked truncated.</summary>
    public long MaxMessageSize { get; init; } = 256L * 1024 * 1024;

    /// <summary>Charset for undeclared or undecodable 8-bit text that is not valid UTF-8.</summary>
    public string FallbackCharset { get; init; } = "windows-1252";
}
