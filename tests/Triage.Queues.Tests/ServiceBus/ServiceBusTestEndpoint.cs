using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Triage.TestServers;

namespace Triage.Queues.Tests.ServiceBus;

/// <summary>A message the endpoint accepted, as Service Bus would store it.</summary>
internal sealed record AcceptedMessage(
    string MessageId,
    string CorrelationId,
    string SessionId,
    string Label,
    IReadOnlyDictionary<string, string> Properties,
    string Body,
    string? ContentType);

/// <summary>One request as received, whatever was answered.</summary>
internal sealed record ReceivedRequest(string? ContentType, int Status, string? Reason, int BodyBytes, string? Authorization);

/// <summary>
/// A local stand-in for a Service Bus entity on 127.0.0.1 that checks requests against the documented REST contract
/// (Send Message, Send Message Batch, SAS tokens) and answers as the service does: 201, or 400/401 with the reason.
/// It computes SAS signatures itself, from the shared key, independently of the code under test.
/// </summary>
internal sealed class ServiceBusTestEndpoint : IAsyncDisposable
{
    public const string BatchContentType = "application/vnd.microsoft.servicebus.json";

    private static readonly HashSet<string> TransportHeaders = new(StringComparer.OrdinalIgnoreCase)
    {
        "Authorization", "BrokerProperties", "Content-Type", "Content-Length", "Host", "Connection", "Expect", "Transfer-Encoding", "traceparent", "tracestate", "Accept-Encoding",
    };

    private readonly HttpListener _listener = new();
    private readonly Task _loop;
    private readonly ConcurrentQueue<(int Status, string? RetryAfter)> _scripted = new();
    private readonly List<AcceptedMessage> _messages = [];
    private readonly List<ReceivedRequest> _requests = [];
    private readonly TimeProvider _time;

    public ServiceBusTestEndpoint(string entityPath, string keyName, string key, TimeProvider time, string? bearerToken = null)
    {
        EntityPath = entityPath;
        KeyName = keyName;
        Key = key;
        BearerToken = bearerToken;
        _time = time;
        var port = FreeTcpPort.Next();
        BaseUri = new Uri($"http://127.0.0.1:{port}/");
        _listener.Prefixes.Add(BaseUri.AbsoluteUri);
        _listener.Start();
        _loop = Task.Run(ServeAsync);
    }

    public Uri BaseUri { get; }

    public string EntityPath { get; }

    public string KeyName { get; }

    public string Key { get; }

    public string? BearerToken { get; }

    /// <summary>The SAS resource the endpoint expects: the entity's URI.</summary>
    public string Resource => BaseUri.AbsoluteUri + EntityPath;

    /// <summary>The latest accepted SAS expiry (Unix seconds), to see renewal.</summary>
    public List<long> Expiries { get; } = [];

    public IReadOnlyList<AcceptedMessage> Messages
    {
        get
        {
            lock (_messages)
            {
                return [.. _messages];
            }
        }
    }

    public IReadOnlyList<ReceivedRequest> Requests
    {
        get
        {
            lock (_messages)
            {
                return [.. _requests];
            }
        }
    }

    /// <summary>Answers the next authorized request with this status (and Retry-After), before any check of the body.</summary>
    public void Script(int status, string? retryAfter = null) => _scripted.Enqueue((status, retryAfter));

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        _listener.Close();
        await _loop;
    }

    private async Task ServeAsync()
    {
        while (true)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            await HandleAsync(context);
        }
    }

    private async Task HandleAsync(HttpListenerContext context)
    {
        var request = context.Request;
        using var buffer = new MemoryStream();
        await request.InputStream.CopyToAsync(buffer);
        var body = buffer.ToArray();

        var (status, reason, retryAfter) = Check(request, body);
        lock (_messages)
        {
            _requests.Add(new ReceivedRequest(request.ContentType, status, reason, body.Length, request.Headers["Authorization"]));
        }

        var response = context.Response;
        response.StatusCode = status;
        if (retryAfter is not null)
        {
            response.Headers["Retry-After"] = retryAfter;
        }

        var detail = Encoding.UTF8.GetBytes($"<Error><Code>{status}</Code><Detail>{WebUtility.HtmlEncode(reason ?? "")}</Detail></Error>");
        response.ContentType = "application/xml; charset=utf-8";
        await response.OutputStream.WriteAsync(detail);
        response.Close();
    }

    private (int Status, string? Reason, string? RetryAfter) Check(HttpListenerRequest request, byte[] body)
    {
        if (request.HttpMethod != "POST" || request.Url!.AbsolutePath != "/" + EntityPath + "/messages")
        {
            return (404, $"expected POST /{EntityPath}/messages, got {request.HttpMethod} {request.Url!.AbsolutePath}", null);
        }

        var authorization = Authorize(request.Headers["Authorization"]);
        if (authorization is not null)
        {
            return (401, authorization, null);
        }

        if (_scripted.TryDequeue(out var scripted))
        {
            return (scripted.Status, "scripted", scripted.RetryAfter);
        }

        try
        {
            var accepted = request.ContentType == BatchContentType ? ReadBatch(body) : [ReadSingle(request, body)];
            lock (_messages)
            {
                _messages.AddRange(accepted);
            }

            return (201, null, null);
        }
        catch (FormatException ex)
        {
            return (400, ex.Message, null);
        }
    }

    /// <summary>Null when the header is a valid SAS token for this entity (or the expected bearer token), else why not.</summary>
    private string? Authorize(string? header)
    {
        if (header is null)
        {
            return "no Authorization header";
        }

        if (BearerToken is not null)
        {
            return header == "Bearer " + BearerToken ? null : "wrong bearer token";
        }

        const string Prefix = "SharedAccessSignature ";
        if (!header.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return "not a SharedAccessSignature";
        }

        var fields = header[Prefix.Length..].Split('&').Select(p => p.Split('=', 2)).ToDictionary(p => p[0], p => p.Length > 1 ? p[1] : "");
        if (!fields.TryGetValue("sr", out var sr) || !fields.TryGetValue("sig", out var sig) || !fields.TryGetValue("se", out var se) || !fields.TryGetValue("skn", out var skn))
        {
            return "sr, sig, se and skn are required";
        }

        if (WebUtility.UrlDecode(sr) != Resource)
        {
            return $"resource {WebUtility.UrlDecode(sr)} is not {Resource}";
        }

        if (WebUtility.UrlDecode(skn) != KeyName)
        {
            return "unknown key name";
        }

        if (!long.TryParse(se, NumberStyles.None, CultureInfo.InvariantCulture, out var expiry) || expiry <= _time.GetUtcNow().ToUnixTimeSeconds())
        {
            return "token expired";
        }

        // The signature covers the resource exactly as it appears, URL-encoded, in sr.
        var expected = Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(Key), Encoding.UTF8.GetBytes(sr + "\n" + se)));
        if (WebUtility.UrlDecode(sig) != expected)
        {
            return "signature mismatch";
        }

        lock (_messages)
        {
            Expiries.Add(expiry);
        }

        return null;
    }

    private static AcceptedMessage ReadSingle(HttpListenerRequest request, byte[] body)
    {
        var broker = ParseBrokerProperties(request.Headers["BrokerProperties"] ?? throw new FormatException("BrokerProperties header missing"));
        var properties = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var name in request.Headers.AllKeys.OfType<string>().Where(n => !TransportHeaders.Contains(n)))
        {
            // Custom properties travel as headers; ours are JSON strings, so quoted.
            var value = request.Headers[name]!;
            if (value.Length < 2 || value[0] != '"')
            {
                throw new FormatException($"property header {name} is not a quoted string");
            }

            properties[name] = JsonSerializer.Deserialize<string>(value)!;
        }

        return Accept(broker, properties, Encoding.UTF8.GetString(body), request.ContentType);
    }

    private static List<AcceptedMessage> ReadBatch(byte[] body)
    {
        using var document = JsonDocument.Parse(body);
        if (document.RootElement.ValueKind != JsonValueKind.Array || document.RootElement.GetArrayLength() == 0)
        {
            throw new FormatException("a batch is a non-empty JSON array");
        }

        var accepted = new List<AcceptedMessage>();
        foreach (var item in document.RootElement.EnumerateArray())
        {
            if (!item.TryGetProperty("Body", out var text) || text.ValueKind != JsonValueKind.String)
            {
                throw new FormatException("each batch message needs a Body string");
            }

            var broker = ParseBrokerProperties(item.GetProperty("BrokerProperties").GetRawText());
            var properties = item.GetProperty("UserProperties").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!);
            accepted.Add(Accept(broker, properties, text.GetString()!, contentType: null));
        }

        return accepted;
    }

    private static JsonElement ParseBrokerProperties(string json)
    {
        var broker = JsonDocument.Parse(json).RootElement;
        foreach (var required in new[] { "MessageId", "CorrelationId", "SessionId", "Label" })
        {
            if (!broker.TryGetProperty(required, out var value) || value.ValueKind != JsonValueKind.String || value.GetString()!.Length == 0)
            {
                throw new FormatException($"BrokerProperties.{required} missing");
            }
        }

        return broker;
    }

    private static AcceptedMessage Accept(JsonElement broker, Dictionary<string, string> properties, string body, string? contentType) => new(
        broker.GetProperty("MessageId").GetString()!,
        broker.GetProperty("CorrelationId").GetString()!,
        broker.GetProperty("SessionId").GetString()!,
        broker.GetProperty("Label").GetString()!,
        properties,
        body,
        contentType);
}
