namespace Tessera.Archive.Ingest;

/// <summary>The temporary blob being written, with the number of bytes written to it.</summary>
internal sealed class BlobSink(Stream stream)
{
    public long Length { get; private set; }

    public async ValueTask WriteAsync(ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken)
    {
        await stream.WriteAsync(bytes, cancellationToken).ConfigureAwait(false);
        Length += bytes.Length;
    }

    public Task FlushAsync(CancellationToken cancellationToken) => stream.FlushAsync(cancellationToken);
}
