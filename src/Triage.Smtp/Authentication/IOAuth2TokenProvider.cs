namespace Triage.Smtp.Authentication;

/// <summary>Supplies OAuth 2.0 access tokens for XOAUTH2 (e.g. from Entra ID or Google); the provider caches and refreshes.</summary>
public interface IOAuth2TokenProvider
{
    ValueTask<string> GetAccessTokenAsync(CancellationToken cancellationToken);
}
