namespace Triage.Smtp;

/// <summary>How the connection to the server is protected.</summary>
public enum SmtpSecurity
{
    /// <summary>Plain text throughout (tests and trusted loopback relays only).</summary>
    None,

    /// <summary>Plain text greeting, then STARTTLS before anything else; a server without STARTTLS is refused.</summary>
    StartTls,

    /// <summary>TLS from the first byte (implicit TLS, usually port 465).</summary>
    Tls,
}
