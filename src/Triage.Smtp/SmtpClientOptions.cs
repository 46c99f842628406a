namespace Triage.Smtp;

/// <summary>How <see cref="SmtpClient"/> connects; every member has a safe default.</summary>
public sealed class SmtpClientOptions
{
    /// <summary>The name sent with EHLO/HELO: our host's domain name (RFC 5321 §4.1.1.1).</summary>
    public string LocalDomain { get; init; } = "localhost";

    /// <summary>The name the server's certificate must carry; null means the host passed to ConnectAsync.</summary>
    public string? ServerName { get; init; }

    /// <summary>
    /// A PEM file of CA certificates to trust in addition to the system store (a private CA, or a test server's).
    /// The server's name is still checked. There is deliberately no option to accept any certificate.
    /// </summary>
    public string? TrustedCaFile { get; init; }

    /// <summary>How long one network step (connecting, a reply, writing a chunk of the message) may take.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>Send MAIL, RCPT and DATA in one round trip when the server offers PIPELINING (RFC 2920).</summary>
    public bool UsePipelining { get; init; } = true;

    /// <summary>Allow AUTH PLAIN/LOGIN/XOAUTH2 on an unencrypted connection. Off by default: credentials stay inside TLS.</summary>
    public bool AllowAuthenticationWithoutTls { get; init; }

    public ISmtpProtocolLogger? ProtocolLogger { get; init; }

    /// <summary>Clock for <see cref="Timeout"/>.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;
}
