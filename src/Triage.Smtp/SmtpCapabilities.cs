using System.Globalization;

namespace Triage.Smtp;

/// <summary>What the server advertised in its EHLO reply (RFC 5321 §4.1.1.1); empty after a HELO fallback.</summary>
public sealed class SmtpCapabilities
{
    private readonly HashSet<string> _keywords;
    private readonly HashSet<string> _authMechanisms;

    private SmtpCapabilities(HashSet<string> keywords, HashSet<string> authMechanisms, long? maxSize)
    {
        _keywords = keywords;
        _authMechanisms = authMechanisms;
        MaxMessageSize = maxSize;
    }

    /// <summary>No extensions: what a HELO-only server gives.</summary>
    public static SmtpCapabilities None { get; } = new([], [], null);

    /// <summary>The server's domain from the first line of the EHLO reply, when known.</summary>
    public string? ServerDomain { get; private init; }

    /// <summary>SIZE limit in bytes; null when SIZE is not advertised or advertised without a limit (0).</summary>
    public long? MaxMessageSize { get; }

    public bool Size => Has("SIZE");

    public bool EightBitMime => Has("8BITMIME");

    public bool SmtpUtf8 => Has("SMTPUTF8");

    public bool Pipelining => Has("PIPELINING");

    public bool StartTls => Has("STARTTLS");

    public bool EnhancedStatusCodes => Has("ENHANCEDSTATUSCODES");

    /// <summary>AUTH mechanisms, upper case.</summary>
    public IReadOnlyCollection<string> AuthMechanisms => _authMechanisms;

    public bool Has(string keyword) => _keywords.Contains(keyword);

    public bool SupportsAuth(string mechanism) => _authMechanisms.Contains(mechanism);

    /// <summary>Reads an EHLO reply: the first line is the greeting, each further line a keyword and its parameters.</summary>
    public static SmtpCapabilities Parse(SmtpReply reply)
    {
        ArgumentNullException.ThrowIfNull(reply);
        var keywords = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var auth = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        long? maxSize = null;
        foreach (var line in reply.Lines.Skip(1))
        {
            var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length == 0)
            {
                continue;
            }

            var keyword = parts[0];
            // Old servers still write "AUTH=LOGIN PLAIN" (a pre-RFC 2554 draft form).
            if (keyword.StartsWith("AUTH=", StringComparison.OrdinalIgnoreCase))
            {
                parts = ["AUTH", keyword[5..], .. parts[1..]];
                keyword = "AUTH";
            }

            keywords.Add(keyword);
            if (keyword.Equals("AUTH", StringComparison.OrdinalIgnoreCase))
            {
                foreach (var mechanism in parts.Skip(1))
                {
                    auth.Add(mechanism.ToUpperInvariant());
                }
            }
            else if (keyword.Equals("SIZE", StringComparison.OrdinalIgnoreCase) && parts.Length > 1
                     && long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var size) && size > 0)
            {
                maxSize = size;
            }
        }

        var domain = reply.Lines.Count > 0 ? reply.Lines[0].Split(' ', 2)[0] : null;
        return new SmtpCapabilities(keywords, auth, maxSize) { ServerDomain = string.IsNullOrEmpty(domain) ? null : domain };
    }
}
