using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Triage.Core.Ports;

namespace Triage.Queues;

/// <summary>
/// Publishes each event as one JSON file in a spool folder: <c>&lt;occurred, UTC, yyyyMMddTHHmmssfffffffZ&gt;-&lt;event id&gt;.json</c>,
/// so a consumer reading names in order reads events in order. The file is written as <c>.&lt;event id&gt;.tmp</c>,
/// flushed to disk and linked to its final name atomically, so a consumer never sees half a file (it skips names
/// starting with a dot). Publishing an event id that is already spooled changes nothing.
/// </summary>
/// <remarks>
/// File format (UTF-8 JSON): <c>{"id", "type", "ticketId", "occurredAt", "contentType", "properties": {name: value},
/// "body": the event document}</c>; a body whose content type is not JSON is kept as a JSON string.
/// </remarks>
public sealed partial class FileSpoolPublisher : IEventPublisher
{
    private const string TempSuffix = ".tmp";

    // Writers of the same event id inside this process wait for each other; another process is kept out by the
    // exclusive lock .NET takes on the open temp file.
    private readonly SemaphoreSlim[] _stripes = Enumerable.Range(0, 32).Select(_ => new SemaphoreSlim(1, 1)).ToArray();
    private readonly string _directory;
    private readonly ILogger _logger;

    public FileSpoolPublisher(string directory, ILogger<FileSpoolPublisher>? logger = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        _directory = Path.GetFullPath(directory);
        _logger = logger ?? NullLogger<FileSpoolPublisher>.Instance;
    }

    /// <summary>The spool folder (absolute).</summary>
    public string Directory => _directory;

    /// <summary>The file name an event gets in the spool.</summary>
    public static string FileNameFor(OutboundEvent item)
    {
        ArgumentNullException.ThrowIfNull(item);
        var stamp = item.OccurredAt.UtcDateTime.ToString("yyyyMMdd'T'HHmmssfffffff'Z'", CultureInfo.InvariantCulture);
        return $"{stamp}-{item.EventId}.json";
    }

    public async Task PublishAsync(IReadOnlyList<OutboundEvent> batch, CancellationToken cancellationToken)
    {
        EventChecks.Validate(batch);
        if (batch.Count == 0)
        {
            return;
        }

        try
        {
            System.IO.Directory.CreateDirectory(_directory);
            foreach (var item in batch)
            {
                await WriteAsync(item, cancellationToken).ConfigureAwait(false);
            }

            // The renames are durable only once the folder itself is on disk.
            SyncDirectory(_directory);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            LogSpoolFailed(_logger, _directory, ex);
            throw new PublishException($"Writing to the spool folder {_directory} failed: {ex.Message}", retryable: true, innerException: ex);
        }
    }

    private async Task WriteAsync(OutboundEvent item, CancellationToken cancellationToken)
    {
        // Serialized first, so an event that cannot be written never touches the folder.
        var content = Envelope(item);
        var finalPath = Path.Combine(_directory, FileNameFor(item));
        var tempPath = Path.Combine(_directory, "." + item.EventId + TempSuffix);

        var stripe = _stripes[(int)((uint)StringComparer.Ordinal.GetHashCode(item.EventId) % (uint)_stripes.Length)];
        await stripe.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (File.Exists(finalPath))
            {
                // Left by a crash between link and unlink, or by nothing: either way it is not needed.
                File.Delete(tempPath);
                return;
            }

            // FileMode.Create replaces a temp file a crash left behind; truncation happens only once the lock is held.
            var temp = new FileStream(tempPath, FileMode.Create, FileAccess.Write, FileShare.None, bufferSize: 0, useAsync: false);
            await using (temp.ConfigureAwait(false))
            {
                await temp.WriteAsync(content, cancellationToken).ConfigureAwait(false);
                temp.Flush(flushToDisk: true);

                // Still holding the lock: File.Move without overwrite links the final name (failing if it exists) and
                // then removes the temp name, so another writer can never truncate what becomes the final file.
                try
                {
                    File.Move(tempPath, finalPath, overwrite: false);
                }
                catch (IOException) when (File.Exists(finalPath))
                {
                    File.Delete(tempPath);
                }
            }
        }
        finally
        {
            stripe.Release();
        }

        LogSpooled(_logger, item.EventId, item.EventType);
    }

    private static byte[] Envelope(OutboundEvent item)
    {
        return JsonBytes.Write(item.Body.Length + 512, json =>
        {
            json.WriteStartObject();
            json.WriteString("id", item.EventId);
            json.WriteString("type", item.EventType);
            json.WriteString("ticketId", item.TicketId);
            json.WriteString("occurredAt", item.OccurredAt);
            json.WriteString("contentType", item.ContentType);
            json.WriteStartObject("properties");
            foreach (var (name, value) in item.Properties.OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                json.WriteString(name, value);
            }

            json.WriteEndObject();
            json.WritePropertyName("body");
            if (IsJson(item.ContentType))
            {
                try
                {
                    json.WriteRawValue(item.Body.Span, skipInputValidation: false);
                }
                catch (JsonException ex)
                {
                    throw new PublishException($"Event {item.EventId} cannot be spooled: its body is not valid JSON ({ex.Message}).", retryable: false, eventId: item.EventId, innerException: ex);
                }
            }
            else
            {
                json.WriteStringValue(item.Body.Span);
            }

            json.WriteEndObject();
        });
    }

    private static bool IsJson(string contentType)
    {
        var mediaType = contentType.Split(';', 2)[0].Trim();
        return mediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
            || mediaType.EndsWith("+json", StringComparison.OrdinalIgnoreCase);
    }

    private static void SyncDirectory(string directory)
    {
        // Windows has no directory fsync; a rename there is made durable by the file system's own journal.
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var fd = NativeMethods.Open(directory, 0 /* O_RDONLY */);
        if (fd < 0)
        {
            throw new IOException($"Cannot open the spool folder to flush it (errno {Marshal.GetLastPInvokeError()}).");
        }

        try
        {
            if (NativeMethods.Fsync(fd) != 0)
            {
                throw new IOException($"Flushing the spool folder failed (errno {Marshal.GetLastPInvokeError()}).");
            }
        }
        finally
        {
            _ = NativeMethods.Close(fd);
        }
    }

    [LoggerMessage(EventId = 6101, Level = LogLevel.Debug, Message = "Spooled event {EventId} ({EventType})")]
    private static partial void LogSpooled(ILogger logger, string eventId, string eventType);

    [LoggerMessage(EventId = 6102, Level = LogLevel.Warning, Message = "Writing to the spool folder {Directory} failed")]
    private static partial void LogSpoolFailed(ILogger logger, string directory, Exception exception);

    private static partial class NativeMethods
    {
        [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
        internal static partial int Open(string path, int flags);

        [LibraryImport("libc", EntryPoint = "fsync", SetLastError = true)]
        internal static partial int Fsync(int fd);

        [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
        internal static partial int Close(int fd);
    }
}
