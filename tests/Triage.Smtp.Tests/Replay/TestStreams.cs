namespace Triage.Smtp.Tests.Replay;

/// <summary>A message source that cannot tell its length (so no SIZE is declared).</summary>
public sealed class NonSeekableStream(byte[] content) : MemoryStream(content)
{
    public override bool CanSeek => false;
}

/// <summary>A message source that gives one chunk, then fails like a broken disk or network share.</summary>
public sealed class FailingStream(byte[] firstChunk) : Stream
{
    private bool _served;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (_served)
        {
            throw new IOException("The message file went away.");
        }

        _served = true;
        firstChunk.CopyTo(buffer);
        return ValueTask.FromResult(firstChunk.Length);
    }

    public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
