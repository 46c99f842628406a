using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;

namespace Triage.Queues.ServiceBus;

/// <summary>
/// Service Bus SAS tokens for one resource: <c>SharedAccessSignature sr={url-encoded resource}&amp;sig={url-encoded
/// base64 HMAC-SHA256 of url-encoded resource + "\n" + expiry, keyed with the key's UTF-8 bytes}&amp;se={expiry, Unix
/// seconds}&amp;skn={key name}</c>. A token is reused until a fifth of its lifetime remains.
/// </summary>
internal sealed class SharedAccessSignature
{
    private readonly string _encodedResource;
    private readonly string _keyName;
    private readonly byte[] _key;
    private readonly TimeSpan _lifetime;
    private readonly TimeProvider _time;
    private readonly Lock _gate = new();
    private string? _token;
    private DateTimeOffset _renewAt;

    public SharedAccessSignature(Uri resource, string keyName, string key, TimeSpan lifetime, TimeProvider time)
    {
        _encodedResource = WebUtility.UrlEncode(resource.AbsoluteUri.TrimEnd('/'));
        _keyName = keyName;
        _key = Encoding.UTF8.GetBytes(key);
        _lifetime = lifetime;
        _time = time;
    }

    public string GetToken()
    {
        lock (_gate)
        {
            var now = _time.GetUtcNow();
            if (_token is null || now >= _renewAt)
            {
                var expiry = now + _lifetime;
                _token = Create(_encodedResource, _keyName, _key, expiry.ToUnixTimeSeconds());
                _renewAt = expiry - (_lifetime / 5);
            }

            return _token;
        }
    }

    private static string Sign(string encodedResource, long expiry, byte[] key)
    {
        var stringToSign = encodedResource + "\n" + expiry.ToString(CultureInfo.InvariantCulture);
        return Convert.ToBase64String(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(stringToSign)));
    }

    private static string Create(string encodedResource, string keyName, byte[] key, long expiry) =>
        string.Create(
            CultureInfo.InvariantCulture,
            $"SharedAccessSignature sr={encodedResource}&sig={WebUtility.UrlEncode(Sign(encodedResource, expiry, key))}&se={expiry}&skn={WebUtility.UrlEncode(keyName)}");
}
