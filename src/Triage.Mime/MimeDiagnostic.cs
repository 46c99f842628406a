namespace Triage.Mime;

/// <summary>What the parser noticed and how it degraded. Codes are stable; messages are for people.</summary>
public enum MimeDiagnosticCode
{
    MessageTruncated,
    BareCarriageReturns,
    MissingHeaderSeparator,
    InvalidHeaderLine,
    HeaderBlockTooLarge,
    HeaderFieldTooLong,
    InvalidContentType,
    MissingBoundary,
    MissingCloseBoundary,
    MaxDepthExceeded,
    MaxPartsExceeded,
    UnknownTransferEncoding,
    EncodedMessage,
    TnefUnreadable,
}

/// <summary>One degradation, with the byte offset in the raw message where it was noticed.</summary>
public sealed record MimeDiagnostic(MimeDiagnosticCode Code, long Offset, string Message)
{
    public override string ToString() => $"{Code} at {Offset}: {Message}";
}
