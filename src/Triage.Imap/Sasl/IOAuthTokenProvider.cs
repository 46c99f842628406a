namespace Triage.Imap.Sasl;

/// <summary>
/// Supplies OAuth 2.0 access tokens for XOAUTH2 / OAUTHBEARER (Microsoft 365, Gmail). The client never
/// stores tokens; it asks again for each authentication.
/// </summary>
public interface IOAuthTokenProvider
{
    /// <summary>An access token for the mailbox user.</summary>
    /// <param name="forceRefresh">The server refused the last token: fetch a new one instead of a cached one.</param>
    /// <param name="cancellationToken">Cancels the token request.</param>
    ValueTask<string> GetAccessTokenAsync(bool forceRefresh, CancellationToken cancellationToken);
}
