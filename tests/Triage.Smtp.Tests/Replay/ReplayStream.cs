using System.Text;

namespace Triage.Smtp.Tests.Replay;

/// <summary>
/// Plays the server's side of a written transcript through the client's <c>ConnectAsync(Stream)</c> seam.
/// Lines: "S: text" the server sends, "C: text" the client must send (byte for byte, CRLF added),
/// "S! disconnect" the server hangs up, "S! hang" the server never answers (until cancelled).
/// A client that deviates gets an IOException, and <see cref="AssertComplete"/> names the deviation.
/// </summary>
public sealed class ReplayStream : Stream
{
    private readonly Queue<Step> _steps;
    private readonly List<string> _errors = [];
    private readonly TaskCompletionSource _hung = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _offset;

    public ReplayStream(string transcript)
    {
        _steps = new Queue<Step>(Parse(transcript));
    }

    /// <summary>Completes when the client waits on a "S! hang" step.</summary>
    public Task Hung => _hung.Task;

    public bool IsDisposed { get; private set; }

    /// <summary>Everything the client sent, as text.</summary>
    public string ClientText => Encoding.UTF8.GetString(_sent.ToArray());

    private readonly MemoryStream _sent = new();

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    /// <summary>The client followed the transcript to its end.</summary>
    public void AssertComplete()
    {
        Assert.Empty(_errors);
        Assert.True(_steps.Count == 0, $"The client stopped early; next in the transcript: {(_steps.Count > 0 ? _steps.Peek().Describe() : "")}");
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (!_steps.TryPeek(out var step) || step.Kind == StepKind.Disconnect)
        {
            return 0;
        }

        if (step.Kind == StepKind.Hang)
        {
            _hung.TrySetResult();
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }

        if (step.Kind == StepKind.Client)
        {
            _errors.Add($"The client waited for a reply while the transcript expected it to send: {step.Describe()}");
            return 0;
        }

        var count = Math.Min(buffer.Length, step.Bytes.Length - _offset);
        step.Bytes.AsMemory(_offset, count).CopyTo(buffer);
        Advance(step, count);
        return count;
    }

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        _sent.Write(buffer.Span);
        var data = buffer.Span;
        while (!data.IsEmpty)
        {
            if (!_steps.TryPeek(out var step) || step.Kind != StepKind.Client)
            {
                if (step?.Kind != StepKind.Disconnect)
                {
                    _errors.Add($"The client sent \"{Encoding.UTF8.GetString(data)}\" where the transcript has: {step?.Describe() ?? "the end"}");
                }

                throw new IOException("Connection reset by the replayed server.");
            }

            var expected = step.Bytes.AsSpan(_offset);
            var count = Math.Min(expected.Length, data.Length);
            if (!data[..count].SequenceEqual(expected[..count]))
            {
                _errors.Add($"The client sent \"{Encoding.UTF8.GetString(data)}\" where the transcript expects \"{Encoding.UTF8.GetString(expected)}\"");
                throw new IOException("Unexpected client data.");
            }

            Advance(step, count);
            data = data[count..];
        }

        return ValueTask.CompletedTask;
    }

    public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public override void Flush()
    {
    }

    public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    public override void Write(byte[] buffer, int offset, int count) => WriteAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        IsDisposed = true;
        if (disposing)
        {
            _sent.Dispose();
        }

        base.Dispose(disposing);
    }

    private void Advance(Step step, int count)
    {
        _offset += count;
        if (_offset == step.Bytes.Length)
        {
            _steps.Dequeue();
            _offset = 0;
        }
    }

    private static List<Step> Parse(string transcript)
    {
        var steps = new List<Step>();
        foreach (var raw in transcript.Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            if (line.Length == 0)
            {
                continue;
            }

            var step = line switch
            {
                "S! disconnect" => new Step(StepKind.Disconnect, []),
                "S! hang" => new Step(StepKind.Hang, []),
                _ when line.StartsWith("S: ", StringComparison.Ordinal) => new Step(StepKind.Server, Encoding.UTF8.GetBytes(line[3..] + "\r\n")),
                _ when line.StartsWith("C: ", StringComparison.Ordinal) => new Step(StepKind.Client, Encoding.UTF8.GetBytes(line[3..] + "\r\n")),
                _ => throw new FormatException($"Transcript line without S:/C: prefix: {line}"),
            };
            // Consecutive lines from the same side are one step, as they would be one packet.
            if (steps.Count > 0 && steps[^1].Kind == step.Kind && step.Kind is StepKind.Server or StepKind.Client)
            {
                steps[^1] = new Step(step.Kind, [.. steps[^1].Bytes, .. step.Bytes]);
            }
            else
            {
                steps.Add(step);
            }
        }

        return steps;
    }

    private enum StepKind
    {
        Server,
        Client,
        Disconnect,
        Hang,
    }

    private sealed record Step(StepKind Kind, byte[] Bytes)
    {
        public string Describe() => Kind is StepKind.Server or StepKind.Client
            ? $"{Kind}: \"{Encoding.UTF8.GetString(Bytes).TrimEnd()}\""
            : Kind.ToString();
    }
}
