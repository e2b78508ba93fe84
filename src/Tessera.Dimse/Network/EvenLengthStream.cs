namespace Tessera.Dimse.Network;

/// <summary>
/// Reads an inner stream and, when it ended after an odd number of bytes, one trailing NUL: PS3.5 A.5 pads a deflated
/// bit stream of odd length so, and receivers refuse an odd-length data set in P-DATA (DCMTK: "Odd Fragment Length").
/// The deflate stream ends at its own final block, so the pad is never read as data (PS3.5 A.5 Note 4).
/// </summary>
internal sealed class EvenLengthStream(Stream inner) : Stream
{
    private long _count;
    private bool _padded;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => _count;
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var read = inner.Read(buffer);
        return Account(read, buffer);
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var read = await inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
        return Account(read, buffer.Span);
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override async ValueTask DisposeAsync()
    {
        await inner.DisposeAsync().ConfigureAwait(false);
        await base.DisposeAsync().ConfigureAwait(false);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }

    private int Account(int read, Span<byte> buffer)
    {
        if (read > 0)
        {
            _count += read;
            return read;
        }

        if ((_count & 1) == 0 || _padded || buffer.IsEmpty)
        {
            return 0;
        }

        _padded = true;
        _count++;
        buffer[0] = 0;
        return 1;
    }
}
