namespace Triage.Mime.Tnef;

/// <summary>An attachment recovered from a winmail.dat (TNEF) part.</summary>
public sealed record TnefAttachment(string? FileName, string ContentType, byte[] Content);

// STUB: replaced by the TNEF work.
internal static class TnefReader
{
    public static IReadOnlyList<TnefAttachment> ReadAttachments(ReadOnlySpan<byte> data, out string? error)
    {
        error = null;
        return [];
    }
}
