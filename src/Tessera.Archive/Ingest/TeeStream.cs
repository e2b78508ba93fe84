namespace Tessera.Archive.Ingest;

/// <summary>
/// A read-only stream over the incoming data set bytes that copies every byte read into the blob
/// as it passes: the parser pulls, storage gets each byte exactly once.
/// Until <see cref="ReleaseAsync"/> the bytes are held in memory (bounded), because the File Meta
/// Information written before them needs the SOP Instance UID the parser has not reached yet.
/// </summary>
internal sealed class TeeStream(Stream source, BlobSink sink, int maxHeld) : Stream
{
    private MemoryStream? _held = new();

    public long BytesRead { get; private set; }

    /// <summary>More than the bound was read before the meta could be written.</summary>
    public bool HeldOverflow { get; private set; }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => BytesRead; set => throw new NotSupportedException(); }

    /// <summary>Writes the held bytes to the blob; from now on bytes go straight through.</summary>
    public async ValueTask ReleaseAsync(CancellationToken cancellationToken)
    {
        if (_held is { } held)
        {
            _held = null;
            await sink.WriteAsync(held.GetBuffer().AsMemory(0, (int)held.Length), cancellationToken).ConfigureAwait(false);
        }
    }

    public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var read = await source.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
        if (read > 0)
        {
            var bytes = buffer[..read];
            BytesRead += read;
            if (_held is { } held)
            {
                if (held.Length + read > maxHeld)
                {
                    HeldOverflow = true;
                    throw new InvalidDataException("held header bytes exceed the bound");
                }

                held.Write(bytes.Span);
            }
            else
            {
                await sink.WriteAsync(bytes, cancellationToken).ConfigureAwait(false);
            }
        }

        return read;
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
            _held = null;
        }

        base.Dispose(disposing);
    }
}
