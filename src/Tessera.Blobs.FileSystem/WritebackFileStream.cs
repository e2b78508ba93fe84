namespace Tessera.Blobs.FileSystem;

/// <summary>
/// The temporary file's write-only stream: writes go straight to the file (no second buffer: ingest writes
/// 64 KiB pieces), and every <see cref="WritebackChunk"/> bytes the kernel is told to start writing them to
/// the disk (<see cref="EarlyWriteback"/>), so the commit's fsync is short.
/// </summary>
internal sealed class WritebackFileStream(FileStream file, bool durable) : Stream
{
    private const long WritebackChunk = 128 * 1024;

    private long _length;
    private long _writtenBack;

    public FileStream File => file;

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => _length;

    public override long Position
    {
        get => _length;
        set => throw new NotSupportedException();
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        file.Write(buffer);
        Advance(buffer.Length);
    }

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        await file.WriteAsync(buffer, cancellationToken).ConfigureAwait(false);
        Advance(buffer.Length);
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Flush() => file.Flush();

    public override Task FlushAsync(CancellationToken cancellationToken) => file.FlushAsync(cancellationToken);

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            file.Dispose();
        }

        base.Dispose(disposing);
    }

    public override async ValueTask DisposeAsync()
    {
        await file.DisposeAsync().ConfigureAwait(false);
        await base.DisposeAsync().ConfigureAwait(false);
    }

    private void Advance(int count)
    {
        _length += count;
        if (durable && _length - _writtenBack >= WritebackChunk)
        {
            // FileStream has no buffer of its own here (bufferSize 0 below), so the bytes are in the page cache.
            EarlyWriteback.Start(file.SafeFileHandle, _writtenBack, _length - _writtenBack);
            _writtenBack = _length;
        }
    }
}
