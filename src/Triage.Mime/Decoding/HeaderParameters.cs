namespace Triage.Mime.Decoding;

/// <summary>A header value with parameters, such as Content-Type or Content-Disposition.</summary>
internal sealed record ParameterizedValue(string Value, IReadOnlyDictionary<string, string> Parameters);

// STUB: replaced by the decoding work.
internal static class HeaderParameters
{
    public static ParameterizedValue Parse(string value)
    {
        var parts = value.Split(';');
        var map = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var p in parts.Skip(1))
        {
            var eq = p.IndexOf('=', StringComparison.Ordinal);
            if (eq > 0) map.TryAdd(p[..eq].Trim(), p[(eq + 1)..].Trim().Trim('"'));
        }
        return new ParameterizedValue(parts[0].Trim().ToLowerInvariant(), map);
    }
}
