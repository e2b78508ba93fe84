using System.Buffers;

namespace Tessera.Blobs.FileSystem;

/// <summary>
/// A write-only stream that keeps its bytes in a pooled buffer up to <paramref name="limit"/> and, at the first write that
/// would pass it, moves them into a temporary file (<paramref name="spill"/>) and goes on there. Memory per blob is
/// therefore bounded by the limit, whatever the peer sends.
/// </summary>
internal sealed class SpillStream(int limit, Func<TemporaryFileBlob> spill) : Stream
{
    /// <summary>The first buffer: a small instance's data set (about 10 KB) fits without growing.</summary>
    private const int InitialCapacity = 32 * 1024;

    private byte[]? _buffer = ArrayPool<byte>.Shared.Rent(Math.Min(InitialCapacity, Math.Max(limit, 1)));
    private int _length;

    /// <summary>The temporary file the bytes moved to, once they passed the limit; null while they are in memory.</summary>
    public TemporaryFileBlob? Spilled { get; private set; }

    /// <summary>The bytes written, while they are in memory.</summary>
    public ReadOnlyMemory<byte> Content => _buffer is { } buffer ? buffer.AsMemory(0, _length) : throw new InvalidOperationException("the blob was moved to a file");

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => Spilled?.Stream.Length ?? _length;

    public override long Position { get => Length; set => throw new NotSupportedException(); }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        if (Spilled is null && (long)_length + buffer.Length > limit)
        {
            MoveToFile();
        }

        if (Spilled is { } file)
        {
            file.Stream.Write(buffer);
            return;
        }

        var held = _buffer ?? throw new ObjectDisposedException(nameof(SpillStream));
        if (_length + buffer.Length > held.Length)
        {
            var larger = ArrayPool<byte>.Shared.Rent((int)Math.Min(limit, Math.Max((long)held.Length * 2, _length + buffer.Length)));
            held.AsSpan(0, _length).CopyTo(larger);
            ArrayPool<byte>.Shared.Return(held);
            _buffer = held = larger;
        }

        buffer.CopyTo(held.AsSpan(_length));
        _length += buffer.Length;
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (Spilled is { } file)
        {
            return file.Stream.WriteAsync(buffer, cancellationToken);
        }

        Write(buffer.Span);
        return ValueTask.CompletedTask;
    }

    public override void Flush() => Spilled?.Stream.Flush();

    /// <summary>On this thread: Stream's own would flush on the thread pool, and the ingest would go on there.</summary>
    public override Task FlushAsync(CancellationToken cancellationToken) => Spilled?.Stream.FlushAsync(cancellationToken) ?? Task.CompletedTask;

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            ReturnBuffer();
        }

        base.Dispose(disposing);
    }

    private void MoveToFile()
    {
        var file = spill();
        try
        {
            file.Stream.Write(Content.Span);
        }
        catch
        {
            file.DisposeAsync().AsTask().GetAwaiter().GetResult();
            throw;
        }

        Spilled = file;
        ReturnBuffer();
    }

    private void ReturnBuffer()
    {
        if (_buffer is { } buffer)
        {
            _buffer = null;
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
