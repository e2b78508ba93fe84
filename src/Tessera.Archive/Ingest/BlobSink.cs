using System.Security.Cryptography;

namespace Tessera.Archive.Ingest;

/// <summary>The temporary blob being written, with the SHA-256 and size of everything written to it.</summary>
internal sealed class BlobSink(Stream stream) : IDisposable
{
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);

    public long Length { get; private set; }

    public async ValueTask WriteAsync(ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken)
    {
        _hash.AppendData(bytes.Span);
        await stream.WriteAsync(bytes, cancellationToken).ConfigureAwait(false);
        Length += bytes.Length;
    }

    public Task FlushAsync(CancellationToken cancellationToken) => stream.FlushAsync(cancellationToken);

    public string HashHex() => Convert.ToHexStringLower(_hash.GetHashAndReset());

    public void Dispose() => _hash.Dispose();
}
