using System.Text;

namespace Triage.Smtp.Authentication;

/// <summary>The LOGIN mechanism (draft-murchison-sasl-login): user name, then password, one challenge each.</summary>
internal sealed class LoginMechanism(string userName, string password) : SaslMechanism
{
    private int _step;

    public override string Name => "LOGIN";

    public override byte[]? InitialResponse() => null;

    // The challenges' text ("Username:", "Password:") varies between servers; the order does not.
    public override byte[]? Respond(ReadOnlySpan<byte> challenge) => _step++ switch
    {
        0 => Encoding.UTF8.GetBytes(userName),
        1 => Encoding.UTF8.GetBytes(password),
        _ => null,
    };
}
