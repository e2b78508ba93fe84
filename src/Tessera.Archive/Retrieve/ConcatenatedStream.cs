namespace Tessera.Archive.Retrieve;

/// <summary>Reads several streams one after the other, opening each only when reached (a frame spread over fragments).</summary>
internal sealed class ConcatenatedStream(IEnumerable<Func<Stream>> parts) : Stream
{
    private readonly IEnumerator<Func<Stream>> _parts = parts.GetEnumerator();
    private Stream? _current;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        while (true)
        {
            if (_current is null)
            {
                if (!_parts.MoveNext())
                {
                    return 0;
                }

                _current = _parts.Current();
            }

            var read = _current.Read(buffer);
            if (read > 0 || buffer.IsEmpty)
            {
                return read;
            }

            _current.Dispose();
            _current = null;
        }
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        while (true)
        {
            if (_current is null)
            {
                if (!_parts.MoveNext())
                {
                    return 0;
                }

                _current = _parts.Current();
            }

            var read = await _current.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
            if (read > 0 || buffer.IsEmpty)
            {
                return read;
            }

            await _current.DisposeAsync().ConfigureAwait(false);
            _current = null;
        }
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _current?.Dispose();
            _parts.Dispose();
        }

        base.Dispose(disposing);
    }
}
