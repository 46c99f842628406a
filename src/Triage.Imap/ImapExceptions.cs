namespace Triage.Imap;

/// <summary>Base of every error the IMAP client raises; the subtype tells the caller how to recover.</summary>
public abstract class ImapException : Exception
{
    protected ImapException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}

/// <summary>
/// The connection is unusable (closed, BYE, unparsable or out-of-step response, timeout): reconnect.
/// The client is disconnected when this is thrown; a command in flight may or may not have taken effect.
/// </summary>
public sealed class ImapProtocolException : ImapException
{
    public ImapProtocolException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}

/// <summary>How the server refused a command.</summary>
public enum ImapRefusal
{
    /// <summary>NO: the command was understood but failed (missing mailbox, quota, wrong password…).</summary>
    No,

    /// <summary>BAD: the server did not accept the command's syntax or state.</summary>
    Bad,
}

/// <summary>The server answered NO or BAD: the command did not take effect, and the connection is still fine.</summary>
public class ImapCommandException : ImapException
{
    public ImapCommandException(string command, ImapRefusal refusal, string? responseCode, string responseText)
        : base($"IMAP {command} refused ({refusal.ToString().ToUpperInvariant()}{(responseCode is null ? "" : " [" + responseCode + "]")}): {responseText}")
    {
        Command = command;
        Refusal = refusal;
        ResponseCode = responseCode;
        ResponseText = responseText;
    }

    /// <summary>The command's name, e.g. <c>UID MOVE</c>.</summary>
    public string Command { get; }

    public ImapRefusal Refusal { get; }

    /// <summary>The response code's name (e.g. <c>TRYCREATE</c>, <c>AUTHENTICATIONFAILED</c>), when the server sent one.</summary>
    public string? ResponseCode { get; }

    public string ResponseText { get; }
}

/// <summary>
/// Login or SASL authentication was refused. The connection is still usable, but retrying with the same
/// credentials will fail again. For OAuth, <see cref="OAuthError"/> holds the server's decoded error challenge.
/// </summary>
public sealed class ImapAuthenticationException : ImapCommandException
{
    public ImapAuthenticationException(string command, ImapRefusal refusal, string? responseCode, string responseText, string? oauthError)
        : base(command, refusal, responseCode, responseText)
    {
        OAuthError = oauthError;
    }

    /// <summary>The JSON error the server sent in an OAuth error challenge (status, schemes, scope), if any.</summary>
    public string? OAuthError { get; }
}
