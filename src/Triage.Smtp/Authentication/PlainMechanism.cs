using System.Text;

namespace Triage.Smtp.Authentication;

/// <summary>RFC 4616 PLAIN: "\0user\0password" in the initial response.</summary>
internal sealed class PlainMechanism(string userName, string password) : SaslMechanism
{
    public override string Name => "PLAIN";

    public override byte[]? InitialResponse() => Encoding.UTF8.GetBytes($"\0{userName}\0{password}");

    // A server that ignores the initial response sends an empty challenge and expects the same answer.
    public override byte[]? Respond(ReadOnlySpan<byte> challenge) => challenge.IsEmpty ? InitialResponse() : null;
}
