using System.Security.Cryptography;

namespace Triage.Smtp.Messages;

/// <summary>
/// Message-IDs under our own domain ("&lt;time.random@domain&gt;"), so replies to our mail, and bounces of it, can be
/// recognised by the domain alone (<see cref="IsOurs"/>).
/// </summary>
public sealed class MessageIdGenerator
{
    private readonly string _domain;
    private readonly TimeProvider _time;

    public MessageIdGenerator(string domain, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        _domain = HeaderText.AsciiDomain(domain);
        _time = time;
    }

    /// <summary>A new id, without angle brackets.</summary>
    public string Next()
    {
        var millis = _time.GetUtcNow().ToUnixTimeMilliseconds();
        return $"{millis:x}.{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(10))}@{_domain}";
    }

    /// <summary>Whether <paramref name="messageId"/> (with or without angle brackets) was made under our domain.</summary>
    public bool IsOurs(string? messageId) =>
        messageId is not null && messageId.Trim().Trim('<', '>').EndsWith("@" + _domain, StringComparison.OrdinalIgnoreCase);
}
