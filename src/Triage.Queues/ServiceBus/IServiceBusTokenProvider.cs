namespace Triage.Queues.ServiceBus;

/// <summary>
/// Supplies Microsoft Entra ID access tokens for Service Bus (audience <c>https://servicebus.azure.net</c>), sent as
/// <c>Authorization: Bearer …</c>. Register one in DI to use managed identity or any other issuer; the publisher
/// asks for a token on every request, so the provider caches and renews.
/// </summary>
public interface IServiceBusTokenProvider
{
    ValueTask<string> GetTokenAsync(CancellationToken cancellationToken);
}

/// <summary>Reads the access token from a file kept current by whatever issues it (a sidecar, a cron job).</summary>
public sealed class FileTokenProvider(string path) : IServiceBusTokenProvider
{
    public async ValueTask<string> GetTokenAsync(CancellationToken cancellationToken)
    {
        string token;
        try
        {
            token = (await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false)).Trim();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new InvalidOperationException($"The Service Bus bearer token file {path} cannot be read: {ex.Message}", ex);
        }

        return token.Length > 0 ? token : throw new InvalidOperationException($"The Service Bus bearer token file {path} is empty.");
    }
}
