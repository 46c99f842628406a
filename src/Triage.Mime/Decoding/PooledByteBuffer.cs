using System.Buffers;
using System.Text;

namespace Triage.Mime.Decoding;

/// <summary>
/// A growable byte buffer on <see cref="ArrayPool{T}"/>, used to collect decoded octets (encoded words, RFC 2231 values)
/// before one charset conversion. A mutable struct: pass it by <c>ref</c> and dispose it once.
/// </summary>
internal struct PooledByteBuffer : IDisposable
{
    private byte[] _array;
    private int _length;

    public PooledByteBuffer(int capacity)
    {
        _array = ArrayPool<byte>.Shared.Rent(Math.Max(capacity, 16));
        _length = 0;
    }

    public readonly ReadOnlySpan<byte> Written => _array.AsSpan(0, _length);

    public void Append(byte value)
    {
        if (_length == _array.Length) Grow(1);
        _array[_length++] = value;
    }

    /// <summary>
    /// Appends the character at the start of <paramref name="text"/> (with its low surrogate, if any) as the bytes
    /// <paramref name="target"/> gives it; UTF-8 when there is no usable target. Used for raw 8-bit text that sits where
    /// octets were expected, so that decoding with the same charset gives it back.
    /// </summary>
    /// <returns>The number of chars consumed: 1 or 2.</returns>
    public int AppendChar(ReadOnlySpan<char> text, Encoding? target)
    {
        var length = text.Length > 1 && char.IsHighSurrogate(text[0]) && char.IsLowSurrogate(text[1]) ? 2 : 1;
        var chars = text[..length];
        Span<byte> scratch = stackalloc byte[16];
        var encoding = target is null || target.CodePage == 20127 || target.GetMaxByteCount(length) > scratch.Length
            ? Charsets.Utf8NoBom
            : target;
        var count = encoding.GetBytes(chars, scratch);
        if (_length + count > _array.Length) Grow(count);
        scratch[..count].CopyTo(_array.AsSpan(_length));
        _length += count;
        return length;
    }

    public void Clear() => _length = 0;

    public void Dispose()
    {
        if (_array.Length > 0) ArrayPool<byte>.Shared.Return(_array);
        _array = [];
        _length = 0;
    }

    private void Grow(int extra)
    {
        var bigger = ArrayPool<byte>.Shared.Rent(Math.Max(_array.Length * 2, _length + extra));
        _array.AsSpan(0, _length).CopyTo(bigger);
        if (_array.Length > 0) ArrayPool<byte>.Shared.Return(_array);
        _array = bigger;
    }
}
