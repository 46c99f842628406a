namespace Triage.Imap;

/// <summary>How the connection is protected.</summary>
public enum ImapSecurity
{
    /// <summary>TLS from the first byte (port 993).</summary>
    Tls,

    /// <summary>Plain connection upgraded with STARTTLS before anything else is sent; fails when the server does not offer it.</summary>
    StartTls,

    /// <summary>No encryption: for loopback tests only.</summary>
    None,
}
