using System.Globalization;
using System.Text;

namespace Triage.Imap.Sasl;

/// <summary>A client-first SASL mechanism as IMAP AUTHENTICATE uses it (RFC 4422).</summary>
internal abstract class SaslMechanism
{
    public abstract string Name { get; }

    /// <summary>The JSON of an OAuth error challenge, when the server sent one (RFC 7628 §3.2.2).</summary>
    public string? ErrorChallenge { get; protected set; }

    public abstract byte[] InitialResponse();

    /// <summary>Answers a server challenge after the initial response.</summary>
    public abstract byte[] Respond(byte[] challenge);
}

/// <summary>PLAIN (RFC 4616): authzid empty, then user and password separated by NUL.</summary>
internal sealed class PlainMechanism(string user, string password) : SaslMechanism
{
    public override string Name => "PLAIN";

    public override byte[] InitialResponse() => Encoding.UTF8.GetBytes("\0" + user + "\0" + password);

    public override byte[] Respond(byte[] challenge) =>
        throw new ImapProtocolException("The server sent a challenge after the PLAIN credentials.");
}

/// <summary>
/// Google's and Microsoft's XOAUTH2. On failure the server may send a base64 JSON error as a challenge, which
/// the client must answer with an empty response before the server sends its NO.
/// </summary>
internal sealed class XOAuth2Mechanism(string user, string accessToken) : SaslMechanism
{
    public override string Name => "XOAUTH2";

    public override byte[] InitialResponse() => Encoding.UTF8.GetBytes("user=" + user + "\u0001auth=Bearer " + accessToken + "\u0001\u0001");

    public override byte[] Respond(byte[] challenge)
    {
        ErrorChallenge = Encoding.UTF8.GetString(challenge);
        return [];
    }
}

/// <summary>
/// OAUTHBEARER (RFC 7628) with a GS2 header naming the user. After an error challenge the client answers
/// with a single 0x01 byte and the server completes with NO.
/// </summary>
internal sealed class OAuthBearerMechanism(string user, string host, int port, string accessToken) : SaslMechanism
{
    public override string Name => "OAUTHBEARER";

    public override byte[] InitialResponse()
    {
        // GS2 saslname: ',' and '=' are escaped as =2C and =3D (RFC 5801 §4).
        var saslName = user.Replace("=", "=3D", StringComparison.Ordinal).Replace(",", "=2C", StringComparison.Ordinal);
        return Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture,
            $"n,a={saslName},\u0001host={host}\u0001port={port}\u0001auth=Bearer {accessToken}\u0001\u0001"));
    }

    public override byte[] Respond(byte[] challenge)
    {
        ErrorChallenge = Encoding.UTF8.GetString(challenge);
        return [0x01];
    }
}
