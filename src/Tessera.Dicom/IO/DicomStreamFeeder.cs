using System.Buffers;

namespace Tessera.Dicom.IO;

/// <summary>
/// Feeds a <see cref="DicomDatasetReader"/> from a stream in bounded chunks (one pooled 64 KiB
/// buffer) and satisfies its skips by seeking when the stream can, so reading the header of a
/// 2 GB file touches a few chunks. Sync and async share one code path (the <c>useAsync</c> flag).
/// </summary>
internal sealed class DicomStreamFeeder : IDisposable
{
    /// <summary>64 KiB: one bulk threshold's worth, and what FileStream and the OS read well.</summary>
    internal const int ChunkSize = 64 * 1024;

    private readonly Stream _stream;
    private byte[] _buffer;
    private int _start;
    private int _end;
    private long _bufferOffset;

    public DicomStreamFeeder(Stream stream, long offset = 0)
    {
        _stream = stream;
        _buffer = ArrayPool<byte>.Shared.Rent(ChunkSize);
        _bufferOffset = offset;
    }

    /// <summary>The stream has returned end of input.</summary>
    public bool EndOfStream { get; private set; }

    /// <summary>Absolute offset of the first buffered byte.</summary>
    public long Offset => _bufferOffset + _start;

    public int BufferedCount => _end - _start;

    public ReadOnlySpan<byte> Buffered => _buffer.AsSpan(_start, _end - _start);

    public ReadOnlySequence<byte> Sequence => new(_buffer, _start, _end - _start);

    public void Consume(long count)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, BufferedCount);
        _start += (int)count;
    }

    /// <summary>Keeps the unconsumed bytes and reads more after them; false when nothing more came (end of input).</summary>
    public async ValueTask<bool> FillAsync(bool useAsync, CancellationToken cancellationToken)
    {
        if (EndOfStream)
        {
            return false;
        }

        if (_start > 0)
        {
            Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
            _bufferOffset += _start;
            _end -= _start;
            _start = 0;
        }

        if (_end == _buffer.Length)
        {
            // The reader never leaves more than an element header unconsumed, so this only happens
            // when a caller asks for more than a chunk at once (sniffing); grow rather than fail.
            var larger = ArrayPool<byte>.Shared.Rent(_buffer.Length * 2);
            Buffer.BlockCopy(_buffer, 0, larger, 0, _end);
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = larger;
        }

        var read = useAsync
            ? await _stream.ReadAsync(_buffer.AsMemory(_end), cancellationToken).ConfigureAwait(false)
            : _stream.Read(_buffer, _end, _buffer.Length - _end);
        if (read == 0)
        {
            EndOfStream = true;
            return false;
        }

        _end += read;
        return true;
    }

    /// <summary>Buffers at least <paramref name="count"/> bytes unless the input ends first; true when they are there.</summary>
    public async ValueTask<bool> EnsureAsync(int count, bool useAsync, CancellationToken cancellationToken)
    {
        while (BufferedCount < count)
        {
            if (!await FillAsync(useAsync, cancellationToken).ConfigureAwait(false))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Skips <paramref name="count"/> bytes: buffered ones first, then by seeking or reading and discarding.</summary>
    public async ValueTask SkipAsync(long count, bool useAsync, CancellationToken cancellationToken)
    {
        var fromBuffer = (int)Math.Min(count, BufferedCount);
        _start += fromBuffer;
        count -= fromBuffer;
        if (count == 0)
        {
            return;
        }

        _bufferOffset += _end + count;
        _start = _end = 0;
        if (_stream.CanSeek)
        {
            _stream.Seek(count, SeekOrigin.Current);
            return;
        }

        while (count > 0)
        {
            var chunk = (int)Math.Min(count, _buffer.Length);
            var read = useAsync
                ? await _stream.ReadAsync(_buffer.AsMemory(0, chunk), cancellationToken).ConfigureAwait(false)
                : _stream.Read(_buffer, 0, chunk);
            if (read == 0)
            {
                EndOfStream = true;
                return;
            }

            count -= read;
        }
    }

    /// <summary>The unconsumed bytes followed by the rest of the stream, for a decoder that takes over (deflate).</summary>
    public Stream DetachRemainder()
    {
        var prefix = Buffered.ToArray();
        return new PrefixedReadStream(prefix, _stream);
    }

    public void Dispose()
    {
        var buffer = _buffer;
        _buffer = [];
        if (buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
