using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json.Serialization;
using Triage.Imap.Sasl;

namespace Triage.Hosting.Imap;

/// <summary>
/// Gets access tokens from an OAuth 2.0 token endpoint: client_credentials (Microsoft 365 app-only access with
/// IMAP.AccessAsApp) or refresh_token (Gmail, Microsoft delegated). Tokens are cached until a minute before expiry.
/// </summary>
public sealed class OAuthTokenEndpointProvider : IOAuthTokenProvider, IDisposable
{
    private readonly ImapOAuthOptions _options;
    private readonly TimeProvider _time;
    private readonly HttpClient _http;
    private string? _token;
    private DateTimeOffset _expires;

    public OAuthTokenEndpointProvider(ImapOAuthOptions options, TimeProvider time, HttpMessageHandler? handler = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _time = time;
        _http = handler is null ? new HttpClient() : new HttpClient(handler);
        _http.Timeout = TimeSpan.FromSeconds(30);
    }

    public async ValueTask<string> GetAccessTokenAsync(bool forceRefresh, CancellationToken cancellationToken)
    {
        if (!forceRefresh && _token is not null && _time.GetUtcNow() < _expires)
        {
            return _token;
        }

        var form = new Dictionary<string, string> { ["client_id"] = _options.ClientId ?? "" };
        if (_options.ClientSecret is { Length: > 0 } secret)
        {
            form["client_secret"] = secret;
        }

        if (_options.Scope is { Length: > 0 } scope)
        {
            form["scope"] = scope;
        }

        if (_options.RefreshToken is { Length: > 0 } refresh)
        {
            form["grant_type"] = "refresh_token";
            form["refresh_token"] = refresh;
        }
        else
        {
            form["grant_type"] = "client_credentials";
        }

        using var content = new FormUrlEncodedContent(form);
        using var response = await _http.PostAsync(new Uri(_options.TokenEndpoint!), content, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            // The body names the OAuth error (invalid_client, invalid_grant…) and holds no secret.
            var error = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            throw new HttpRequestException($"The token endpoint answered {(int)response.StatusCode}: {error[..Math.Min(error.Length, 500)]}");
        }

        var token = await response.Content.ReadFromJsonAsync<TokenResponse>(cancellationToken).ConfigureAwait(false);
        if (string.IsNullOrEmpty(token?.AccessToken))
        {
            throw new HttpRequestException("The token endpoint's answer has no access_token.");
        }

        _token = token.AccessToken;
        _expires = _time.GetUtcNow() + TimeSpan.FromSeconds(Math.Max(0, token.ExpiresIn - 60));
        return _token;
    }

    public void Dispose() => _http.Dispose();

    private sealed record TokenResponse(
        [property: JsonPropertyName("access_token")] string? AccessToken,
        [property: JsonPropertyName("expires_in")] int ExpiresIn);

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"OAuth token endpoint {_options.TokenEndpoint}");
}
