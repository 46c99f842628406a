using System.Text;

namespace Triage.Smtp.Authentication;

/// <summary>
/// XOAUTH2 (Google's and Microsoft's bearer-token mechanism): "user=…^Aauth=Bearer …^A^A". On failure the server
/// sends a 334 challenge with a base64 JSON error; the client answers with an empty line and the server ends with 535.
/// </summary>
internal sealed class XOAuth2Mechanism(string userName, string accessToken) : SaslMechanism
{
    private string? _error;

    public override string Name => "XOAUTH2";

    public override string? FailureDetail => _error;

    public override byte[]? InitialResponse() => Encoding.UTF8.GetBytes($"user={userName}\u0001auth=Bearer {accessToken}\u0001\u0001");

    public override byte[]? Respond(ReadOnlySpan<byte> challenge)
    {
        if (_error is not null)
        {
            return null;
        }

        _error = Encoding.UTF8.GetString(challenge);
        return [];
    }
}
