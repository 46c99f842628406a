namespace Triage.Queues.ServiceBus;

/// <summary>Turns the configured namespace and entity path into the entity's URI (the SAS resource).</summary>
internal static class ServiceBusEndpoint
{
    /// <summary>
    /// <c>https://{namespace}/{entityPath}</c>, or null with the reason. <c>sb://</c> becomes <c>https://</c>; plain
    /// <c>http://</c> is accepted for loopback hosts only (a local test endpoint), never for a real namespace.
    /// </summary>
    public static Uri? TryEntityUri(string? endpoint, string? entityPath, out string error)
    {
        error = "";
        if (string.IsNullOrWhiteSpace(endpoint))
        {
            error = "Endpoint is required (e.g. contoso.servicebus.windows.net)";
            return null;
        }

        var text = endpoint.Trim();
        if (!text.Contains("://", StringComparison.Ordinal))
        {
            text = "https://" + text;
        }

        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || uri.Host.Length == 0)
        {
            error = $"Endpoint '{endpoint}' is not a host name or URL";
            return null;
        }

        if (uri.Scheme == "sb")
        {
            uri = new UriBuilder(uri) { Scheme = Uri.UriSchemeHttps, Port = -1 }.Uri;
        }

        if (uri.Scheme != Uri.UriSchemeHttps && !(uri.Scheme == Uri.UriSchemeHttp && uri.IsLoopback))
        {
            error = $"Endpoint '{endpoint}' must use https (plain http only for a loopback test endpoint)";
            return null;
        }

        var path = entityPath?.Trim().Trim('/');
        if (string.IsNullOrEmpty(path) || !path.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-' or '/'))
        {
            error = $"EntityPath '{entityPath}' must name a queue or topic (letters, digits, . _ - /)";
            return null;
        }

        return new Uri(uri.GetLeftPart(UriPartial.Authority) + "/" + path);
    }
}
