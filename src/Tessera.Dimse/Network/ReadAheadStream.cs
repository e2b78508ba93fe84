using System.Buffers;

namespace Tessera.Dimse.Network;

/// <summary>
/// A data set stream whose first bytes were read into memory before it is sent (<see cref="InstanceReadAhead"/>); reads
/// serve those bytes, then go on in the inner stream, which owns the rest.
/// </summary>
internal sealed class ReadAheadStream : Stream
{
    private readonly Stream _inner;
    private readonly int _length;
    private byte[]? _buffer;
    private int _position;

    private ReadAheadStream(Stream inner, byte[] buffer, int length)
    {
        _inner = inner;
        _buffer = buffer;
        _length = length;
    }

    /// <summary>Reads up to <paramref name="length"/> bytes of <paramref name="inner"/> now; the stream returned owns it (disposed with it, also when the read fails).</summary>
    public static async Task<Stream> FillAsync(Stream inner, int length, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(inner);
        var buffer = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            var filled = 0;
            while (filled < length)
            {
                var read = await inner.ReadAsync(buffer.AsMemory(filled, length - filled), cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    break;
                }

                filled += read;
            }

            return new ReadAheadStream(inner, buffer, filled);
        }
        catch
        {
            ArrayPool<byte>.Shared.Return(buffer);
            await inner.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        ObjectDisposedException.ThrowIf(_buffer is null, this);
        return _position < _length ? Serve(buffer) : _inner.Read(buffer);
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_buffer is null, this);
        return _position < _length ? ValueTask.FromResult(Serve(buffer.Span)) : _inner.ReadAsync(buffer, cancellationToken);
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override async ValueTask DisposeAsync()
    {
        Release();
        await _inner.DisposeAsync().ConfigureAwait(false);
        await base.DisposeAsync().ConfigureAwait(false);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            Release();
            _inner.Dispose();
        }

        base.Dispose(disposing);
    }

    private int Serve(Span<byte> destination)
    {
        var count = Math.Min(destination.Length, _length - _position);
        _buffer.AsSpan(_position, count).CopyTo(destination);
        _position += count;
        return count;
    }

    private void Release()
    {
        if (Interlocked.Exchange(ref _buffer, null) is { } buffer)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
