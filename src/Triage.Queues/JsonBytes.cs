using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Triage.Queues;

/// <summary>Small JSON documents written straight to UTF-8 bytes (envelopes, reference bodies, batch items).</summary>
internal static class JsonBytes
{
    public static byte[] Write(int capacity, Action<Utf8JsonWriter> write, JavaScriptEncoder? encoder = null)
    {
        var buffer = new ArrayBufferWriter<byte>(capacity);
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = encoder }))
        {
            write(json);
        }

        return buffer.WrittenSpan.ToArray();
    }
}
