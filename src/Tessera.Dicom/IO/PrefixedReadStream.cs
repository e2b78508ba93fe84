namespace Tessera.Dicom.IO;

/// <summary>
/// A forward-only read stream of some bytes already read from an inner stream, followed by the rest of it: a reader that
/// looked ahead (to sniff an encoding, or to have a data set's start in memory before it is sent) gives the bytes back.
/// </summary>
public sealed class PrefixedReadStream : Stream
{
    private readonly Stream _inner;
    private readonly bool _leaveOpen;
    private readonly ReadOnlyMemory<byte> _prefix;
    private readonly IDisposable? _prefixOwner;
    private int _prefixPosition;
    private bool _disposed;

    /// <param name="prefix">The bytes read first.</param>
    /// <param name="inner">The rest.</param>
    /// <param name="leaveOpen">Whether disposing this stream leaves <paramref name="inner"/> open.</param>
    /// <param name="prefixOwner">What holds <paramref name="prefix"/> (a pooled buffer): disposed with this stream.</param>
    public PrefixedReadStream(ReadOnlyMemory<byte> prefix, Stream inner, bool leaveOpen = true, IDisposable? prefixOwner = null)
    {
        _prefix = prefix;
        _inner = inner ?? throw new ArgumentNullException(nameof(inner));
        _leaveOpen = leaveOpen;
        _prefixOwner = prefixOwner;
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
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_prefixPosition < _prefix.Length)
        {
            var count = Math.Min(buffer.Length, _prefix.Length - _prefixPosition);
            _prefix.Span.Slice(_prefixPosition, count).CopyTo(buffer);
            _prefixPosition += count;
            return count;
        }

        return _inner.Read(buffer);
    }

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return _prefixPosition < _prefix.Length ? ValueTask.FromResult(Read(buffer.Span)) : _inner.ReadAsync(buffer, cancellationToken);
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override async ValueTask DisposeAsync()
    {
        if (MarkDisposed() && !_leaveOpen)
        {
            await _inner.DisposeAsync().ConfigureAwait(false);
        }

        await base.DisposeAsync().ConfigureAwait(false);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing && MarkDisposed() && !_leaveOpen)
        {
            _inner.Dispose();
        }

        base.Dispose(disposing);
    }

    /// <summary>True the first time only, when it also gives the prefix's buffer back (DisposeAsync ends in Dispose).</summary>
    private bool MarkDisposed()
    {
        if (_disposed)
        {
            return false;
        }

        _disposed = true;
        _prefixOwner?.Dispose();
        return true;
    }
}
