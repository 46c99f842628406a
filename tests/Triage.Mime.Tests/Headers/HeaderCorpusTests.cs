using System.Diagnostics;
using System.Text;
using Triage.Mime.Decoding;
using Triage.Mime.Headers;
using Xunit.Abstractions;

namespace Triage.Mime.Tests.Headers;

/// <summary>
/// Every address, date, id and parameter header in the top header block of each corpus file goes through the
/// parsers: none may throw, and all of them together must take well under a second.
/// </summary>
public class HeaderCorpusTests(ITestOutputHelper output)
{
    private static readonly string[] Wanted =
        ["from", "to", "cc", "bcc", "reply-to", "sender", "date", "message-id", "in-reply-to", "references", "content-type", "content-disposition", "subject"];

    [CorpusFact]
    public void CorpusHeaders_AllFiles_ParseWithoutExceptionsQuickly()
    {
        var headers = new List<(string Name, byte[] Raw)>();
        foreach (var file in Directory.EnumerateFiles(Corpus.Path("mime")!, "*", SearchOption.AllDirectories))
        {
            CollectHeaderBlock(ReadStart(file), headers);
        }

        var dates = 0;
        var badDates = new List<string>();
        var watch = Stopwatch.StartNew();
        foreach (var (name, raw) in headers)
        {
            var text = Charsets.DecodeHeader(raw);
            switch (name)
            {
                case "date":
                    dates++;
                    if (!DateParser.TryParse(text, out _)) badDates.Add(text);
                    break;
                case "message-id":
                    MessageIds.ParseSingle(text);
                    break;
                case "in-reply-to" or "references":
                    MessageIds.ParseList(text);
                    break;
                case "content-type" or "content-disposition":
                    HeaderParameters.Parse(text);
                    break;
                case "subject":
                    EncodedWords.DecodeText(text);
                    break;
                default:
                    AddressParser.Parse(text);
                    break;
            }
        }
        watch.Stop();

        output.WriteLine($"{headers.Count} headers in {watch.Elapsed.TotalMilliseconds:F1} ms; {dates} dates, {badDates.Count} unparsed:");
        foreach (var bad in badDates.Take(40)) output.WriteLine("  " + bad);
        Assert.True(headers.Count > 1000, $"only {headers.Count} headers found");
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(1), watch.Elapsed.ToString());
        // Real mail dates are messy, but nearly all of them must be understood.
        Assert.True(badDates.Count * 50 < dates, $"{badDates.Count} of {dates} dates unparsed");
    }

    private static byte[] ReadStart(string path)
    {
        // The header block is at the start; 256 KiB is far more than any real one.
        using var stream = File.OpenRead(path);
        var buffer = new byte[Math.Min(stream.Length, 256 * 1024)];
        stream.ReadExactly(buffer);
        return buffer;
    }

    // Header block = lines up to the first empty one (LF, CRLF or bare CR); folded lines are unfolded.
    private static void CollectHeaderBlock(byte[] data, List<(string Name, byte[] Raw)> headers)
    {
        string? current = null;
        var value = new List<byte>();
        var pos = 0;
        while (pos < data.Length)
        {
            var end = pos;
            while (end < data.Length && data[end] is not ((byte)'\r' or (byte)'\n')) end++;
            var line = data.AsSpan(pos, end - pos);
            pos = end < data.Length && data[end] == '\r' && end + 1 < data.Length && data[end + 1] == '\n' ? end + 2 : end + 1;
            if (line.IsEmpty) break;

            if (line[0] is (byte)' ' or (byte)'\t')
            {
                if (current is not null) value.AddRange(line.ToArray());
                continue;
            }
            Flush();
            var colon = line.IndexOf((byte)':');
            if (colon <= 0) continue;
            var name = Encoding.ASCII.GetString(line[..colon]).Trim().ToLowerInvariant();
            if (!Wanted.Contains(name)) continue;
            current = name;
            value.AddRange(line[(colon + 1)..].ToArray());
        }
        Flush();

        void Flush()
        {
            if (current is not null) headers.Add((current, value.ToArray()));
            current = null;
            value.Clear();
        }
    }
}
