using System.Globalization;
using System.Text;

namespace Triage.Imap.Tests.Replay;

/// <summary>
/// Plays the server's side of a transcript to a client through <c>ImapClient.ConnectAsync(Stream, …)</c>.
/// Transcript lines: <c>S: text</c> the server sends text + CRLF; <c>S~ text</c> without the line break;
/// <c>L: text</c> a line of the literal announced by <c>{$}</c> in the preceding S line (its length is computed);
/// <c>C: text</c> the client must have sent this line; <c>HANG</c> the server goes silent until the read is cancelled.
/// After the last step the server closes the connection. Lines starting with # are comments.
/// </summary>
public sealed class ReplayStream : Stream
{
    private readonly Queue<Step> _steps;
    private readonly MemoryStream _client = new();
    private readonly SemaphoreSlim _clientWrote = new(0);
    private readonly List<string> _clientLines = [];
    private byte[] _pending = [];
    private int _pendingOffset;
    private int _clientLineStart;

    private ReplayStream(IEnumerable<Step> steps) => _steps = new Queue<Step>(steps);

    /// <summary>A mismatch between what the client sent and the transcript, if any.</summary>
    public string? Mismatch { get; private set; }

    /// <summary>Every line the client sent.</summary>
    public IReadOnlyList<string> ClientLines
    {
        get
        {
            lock (_client)
            {
                SplitClientLines();
                return [.. _clientLines];
            }
        }
    }

    public static ReplayStream FromFile(string name) =>
        Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Transcripts", name)));

    public static ReplayStream Parse(string transcript)
    {
        var steps = new List<Step>();
        var lines = transcript.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            if (line == "HANG")
            {
                steps.Add(new Step(StepKind.Hang, null, null));
                continue;
            }

            var text = line.Length > 3 ? line[3..] : "";
            switch (line[..2])
            {
                case "C:":
                    steps.Add(new Step(StepKind.Client, null, text));
                    break;
                case "S~":
                    steps.Add(new Step(StepKind.Server, Encoding.UTF8.GetBytes(text), null));
                    break;
                case "S:" when text.Contains("{$}", StringComparison.Ordinal):
                    var literal = new StringBuilder();
                    while (i + 1 < lines.Length && lines[i + 1].StartsWith("L:", StringComparison.Ordinal))
                    {
                        literal.Append(lines[++i].Length > 3 ? lines[i][3..] : "").Append("\r\n");
                    }

                    var content = Encoding.UTF8.GetBytes(literal.ToString());
                    var header = text.Replace("{$}", "{" + content.Length.ToString(CultureInfo.InvariantCulture) + "}", StringComparison.Ordinal);
                    steps.Add(new Step(StepKind.Server, [.. Encoding.UTF8.GetBytes(header + "\r\n"), .. content], null));
                    break;
                case "S:":
                    steps.Add(new Step(StepKind.Server, Encoding.UTF8.GetBytes(text + "\r\n"), null));
                    break;
                default:
                    throw new FormatException($"Transcript line {i + 1} is neither S:, S~, L:, C: nor HANG: {line}");
            }
        }

        return new ReplayStream(steps);
    }

    /// <summary>Checks that the client sent every expected line and nothing contradicted the transcript.</summary>
    public void AssertComplete()
    {
        while (_steps.TryPeek(out var step) && step.Kind == StepKind.Client)
        {
            if (!TryMatchClientLine())
            {
                break;
            }
        }

        Assert.Null(Mismatch);
        var remaining = _steps.Where(step => step.Kind == StepKind.Client).Select(step => step.Expected).ToList();
        Assert.True(remaining.Count == 0, "The client never sent: " + string.Join(" | ", remaining));
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        while (_pendingOffset == _pending.Length)
        {
            if (Mismatch is not null || !_steps.TryPeek(out var step))
            {
                return 0;
            }

            switch (step.Kind)
            {
                case StepKind.Server:
                    _steps.Dequeue();
                    _pending = step.Bytes!;
                    _pendingOffset = 0;
                    break;
                case StepKind.Hang:
                    await Task.Delay(Timeout.Infinite, cancellationToken);
                    break;
                default:
                    if (!TryMatchClientLine())
                    {
                        await _clientWrote.WaitAsync(cancellationToken);
                    }

                    break;
            }
        }

        var count = Math.Min(buffer.Length, _pending.Length - _pendingOffset);
        _pending.AsMemory(_pendingOffset, count).CopyTo(buffer);
        _pendingOffset += count;
        return count;
    }

    public override int Read(byte[] buffer, int offset, int count) =>
        ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        Write(buffer.Span);
        return ValueTask.CompletedTask;
    }

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        lock (_client)
        {
            _client.Write(buffer);
        }

        _clientWrote.Release();
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Flush()
    {
    }

    public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public override bool CanRead => true;

    public override bool CanWrite => true;

    public override bool CanSeek => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _client.Dispose();
            _clientWrote.Dispose();
        }

        base.Dispose(disposing);
    }

    private int _matchedLines;

    private bool TryMatchClientLine()
    {
        lock (_client)
        {
            SplitClientLines();
            if (_matchedLines >= _clientLines.Count)
            {
                return false;
            }

            var expected = _steps.Dequeue().Expected!;
            var actual = _clientLines[_matchedLines++];
            if (actual != expected)
            {
                Mismatch ??= $"expected client line '{expected}' but got '{actual}'";
            }

            return true;
        }
    }

    private void SplitClientLines()
    {
        var bytes = _client.GetBuffer().AsSpan(0, (int)_client.Length);
        while (true)
        {
            var end = bytes[_clientLineStart..].IndexOf("\r\n"u8);
            if (end < 0)
            {
                return;
            }

            _clientLines.Add(Encoding.UTF8.GetString(bytes.Slice(_clientLineStart, end)));
            _clientLineStart += end + 2;
        }
    }

    private enum StepKind
    {
        Server,
        Client,
        Hang,
    }

    private sealed record Step(StepKind Kind, byte[]? Bytes, string? Expected);
}
