using Tessera.Archive.Storage;

namespace Tessera.Server.Control;

/// <summary>
/// The server's blob store as the check inside a running server sees it: everything as is, except that temporaries are
/// not swept. While the server runs, a temporary is an instance being received, not the remains of a crash (the
/// start-up sweep took those).
/// </summary>
internal sealed class LiveBlobStore(IBlobStore inner) : IBlobStore
{
    public string StorageId => inner.StorageId;

    public ValueTask<ITemporaryBlob> CreateTemporaryAsync(CancellationToken cancellationToken) => inner.CreateTemporaryAsync(cancellationToken);

    public Stream OpenRead(string relativePath, long offset = 0, long? length = null) => inner.OpenRead(relativePath, offset, length);

    public bool Exists(string relativePath) => inner.Exists(relativePath);

    public ValueTask<bool> DeleteAsync(string relativePath, CancellationToken cancellationToken) => inner.DeleteAsync(relativePath, cancellationToken);

    public IAsyncEnumerable<string> EnumerateAsync(CancellationToken cancellationToken) => inner.EnumerateAsync(cancellationToken);

    public ValueTask<int> SweepTemporariesAsync(CancellationToken cancellationToken) => ValueTask.FromResult(0);
}
