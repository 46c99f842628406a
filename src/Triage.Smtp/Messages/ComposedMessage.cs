namespace Triage.Smtp.Messages;

/// <summary>A composed message: its Message-ID (without angle brackets) and its RFC 5322 bytes with CRLF line ends.</summary>
public sealed record ComposedMessage(string MessageId, ReadOnlyMemory<byte> Content);
