namespace Triage.Smtp.Authentication;

/// <summary>One SASL mechanism as SMTP AUTH (RFC 4954) runs it: an optional initial response, then one answer per 334 challenge.</summary>
internal abstract class SaslMechanism
{
    public abstract string Name { get; }

    /// <summary>The response sent with the AUTH command, or null to wait for the first challenge.</summary>
    public abstract byte[]? InitialResponse();

    /// <summary>The answer to a decoded challenge, or null when the mechanism expects none (the client then cancels).</summary>
    public abstract byte[]? Respond(ReadOnlySpan<byte> challenge);

    /// <summary>What the server said in its challenges that explains a failure (XOAUTH2's JSON error), if anything.</summary>
    public virtual string? FailureDetail => null;
}
