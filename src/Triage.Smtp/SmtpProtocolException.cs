namespace Triage.Smtp;

/// <summary>
/// The connection is no longer usable: the server closed it, broke the protocol, did not answer in time, or TLS
/// failed. The client has closed its side; recover by connecting again. A message in flight was not accepted
/// (the server discards a DATA section that never got its final ".").
/// </summary>
public sealed class SmtpProtocolException : Exception
{
    public SmtpProtocolException()
    {
    }

    public SmtpProtocolException(string message)
        : base(message)
    {
    }

    public SmtpProtocolException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
