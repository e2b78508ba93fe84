using System.Buffers;

namespace Tessera.Archive.Ingest;

/// <summary>
/// Bounded, forward-only buffering over a stream (one pooled 64 KiB buffer): what the ingest
/// pipeline uses to feed the parser and to walk pixel data item headers without ever holding more
/// than a chunk of an instance in memory (STYLE 7).
/// </summary>
internal sealed class ChunkReader : IDisposable
{
    /// <summary>64 KiB: what FileStream, sockets and the reader all handle well, below the large object heap.</summary>
    private const int ChunkSize = 64 * 1024;

    private readonly Stream _source;
    private byte[] _buffer = ArrayPool<byte>.Shared.Rent(ChunkSize);
    private int _start;
    private int _end;

    public ChunkReader(Stream source, long position = 0)
    {
        _source = source;
        Position = position;
    }

    /// <summary>Offset (in the source's numbering) of the first unconsumed byte.</summary>
    public long Position { get; private set; }

    public bool EndOfStream { get; private set; }

    public int Buffered => _end - _start;

    public ReadOnlySpan<byte> Span => _buffer.AsSpan(_start, _end - _start);

    public ReadOnlySequence<byte> Sequence => new(_buffer, _start, _end - _start);

    public void Consume(long count)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, Buffered);
        _start += (int)count;
        Position += count;
    }

    /// <summary>Keeps unconsumed bytes and reads more after them; false at end of input.</summary>
    public async ValueTask<bool> FillAsync(CancellationToken cancellationToken)
    {
        if (EndOfStream)
        {
            return false;
        }

        if (_start > 0)
        {
            Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
            _end -= _start;
            _start = 0;
        }

        if (_end == _buffer.Length)
        {
            var larger = ArrayPool<byte>.Shared.Rent(_buffer.Length * 2);
            Buffer.BlockCopy(_buffer, 0, larger, 0, _end);
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = larger;
        }

        var read = await _source.ReadAsync(_buffer.AsMemory(_end), cancellationToken).ConfigureAwait(false);
        if (read == 0)
        {
            EndOfStream = true;
            return false;
        }

        _end += read;
        return true;
    }

    /// <summary>Buffers at least <paramref name="count"/> bytes; false when the input ends first.</summary>
    public async ValueTask<bool> EnsureAsync(int count, CancellationToken cancellationToken)
    {
        while (Buffered < count)
        {
            if (!await FillAsync(cancellationToken).ConfigureAwait(false))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Consumes <paramref name="count"/> bytes, reading through them; false when the input ends first.</summary>
    public async ValueTask<bool> SkipAsync(long count, CancellationToken cancellationToken)
    {
        while (count > 0)
        {
            if (Buffered == 0 && !await FillAsync(cancellationToken).ConfigureAwait(false))
            {
                return false;
            }

            var step = (int)Math.Min(count, Buffered);
            Consume(step);
            count -= step;
        }

        return true;
    }

    /// <summary>Reads and discards everything to the end of input.</summary>
    public async ValueTask DrainAsync(CancellationToken cancellationToken)
    {
        do
        {
            Consume(Buffered);
        }
        while (await FillAsync(cancellationToken).ConfigureAwait(false));
    }

    /// <summary>A stream reading the unconsumed bytes, then the rest of the source (the reader is not used afterwards).</summary>
    public Stream DetachRemainder() => new RemainderStream(this);

    public void Dispose()
    {
        var buffer = _buffer;
        _buffer = [];
        if (buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private sealed class RemainderStream(ChunkReader owner) : Stream
    {
        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (owner.Buffered > 0)
            {
                var count = Math.Min(buffer.Length, owner.Buffered);
                owner.Span[..count].CopyTo(buffer.Span);
                owner.Consume(count);
                return count;
            }

            return owner.EndOfStream ? 0 : await owner._source.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
