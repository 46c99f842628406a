using Triage.Mime.Decoding;

namespace Triage.Mime;

/// <summary>A parsed Content-Type. Types are lower-case; parameters are case-insensitive and fully decoded (RFC 2231, RFC 2047).</summary>
public sealed class ContentType
{
    private static readonly IReadOnlyDictionary<string, string> NoParameters =
        new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);

    internal static readonly ContentType TextPlain = new("text", "plain", NoParameters);
    internal static readonly ContentType MessageRfc822 = new("message", "rfc822", NoParameters);

    internal ContentType(string mediaType, string mediaSubtype, IReadOnlyDictionary<string, string> parameters)
    {
        MediaType = mediaType;
        MediaSubtype = mediaSubtype;
        MimeType = mediaType + "/" + mediaSubtype;
        Parameters = parameters;
    }

    public string MediaType { get; }

    public string MediaSubtype { get; }

    /// <summary><c>type/subtype</c>, lower-case.</summary>
    public string MimeType { get; }

    public IReadOnlyDictionary<string, string> Parameters { get; }

    public string? Charset => Parameters.TryGetValue("charset", out var c) && c.Length > 0 ? c : null;

    public string? Boundary => Parameters.TryGetValue("boundary", out var b) && b.Length > 0 ? b : null;

    public string? Name => Parameters.TryGetValue("name", out var n) && n.Length > 0 ? n : null;

    public bool IsMultipart => MediaType == "multipart";

    public bool Is(string mediaType, string mediaSubtype) => MediaType == mediaType && MediaSubtype == mediaSubtype;

    public override string ToString() => MimeType;

    /// <summary>Parses a Content-Type value. An invalid type reads as text/plain (RFC 2045 §5.2), keeping its parameters.</summary>
    internal static ContentType Parse(string value, out bool valid)
    {
        var parsed = HeaderParameters.Parse(value);
        var slash = parsed.Value.IndexOf('/', StringComparison.Ordinal);
        var type = slash > 0 ? parsed.Value[..slash].Trim() : string.Empty;
        var subtype = slash > 0 ? parsed.Value[(slash + 1)..].Trim() : string.Empty;
        valid = IsToken(type) && IsToken(subtype);
        return valid
            ? new ContentType(Intern(type), Intern(subtype), parsed.Parameters)
            : new ContentType("text", "plain", parsed.Parameters);
    }

    private static bool IsToken(string s)
    {
        if (s.Length == 0)
        {
            return false;
        }

        foreach (var c in s)
        {
            if (c <= ' ' || c >= 0x7f || "()<>@,;:\\\"/[]?=".Contains(c, StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }

    // Common names are shared instead of allocated per part.
    private static string Intern(string s) => s switch
    {
        "text" => "text",
        "plain" => "plain",
        "html" => "html",
        "multipart" => "multipart",
        "mixed" => "mixed",
        "alternative" => "alternative",
        "related" => "related",
        "application" => "application",
        "image" => "image",
        "message" => "message",
        "rfc822" => "rfc822",
        "octet-stream" => "octet-stream",
        "pdf" => "pdf",
        _ => s,
    };
}

/// <summary>A parsed Content-Disposition: <c>inline</c>, <c>attachment</c> or another token, with decoded parameters.</summary>
public sealed class ContentDisposition
{
    internal ContentDisposition(string disposition, IReadOnlyDictionary<string, string> parameters)
    {
        Disposition = disposition;
        Parameters = parameters;
    }

    public string Disposition { get; }

    public IReadOnlyDictionary<string, string> Parameters { get; }

    public string? FileName => Parameters.TryGetValue("filename", out var f) && f.Length > 0 ? f : null;

    public bool IsAttachment => Disposition == "attachment";

    public bool IsInline => Disposition == "inline";

    internal static ContentDisposition Parse(string value)
    {
        var parsed = HeaderParameters.Parse(value);
        return new ContentDisposition(parsed.Value, parsed.Parameters);
    }
}
