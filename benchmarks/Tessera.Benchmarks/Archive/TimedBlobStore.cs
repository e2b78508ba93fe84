using Tessera.Archive.Storage;

namespace Tessera.Benchmarks.Archive;

/// <summary>A blob store that times temporary creation and commit (fsync, rename, directory fsync).</summary>
internal sealed class TimedBlobStore(IBlobStore inner, Spans spans) : IBlobStore
{
    public string StorageId => inner.StorageId;

    public async ValueTask<ITemporaryBlob> CreateTemporaryAsync(CancellationToken cancellationToken) =>
        new TimedTemporaryBlob(await spans.TimeAsync("blob_create", () => inner.CreateTemporaryAsync(cancellationToken)), spans);

    public Stream OpenRead(string relativePath, long offset = 0, long? length = null) => inner.OpenRead(relativePath, offset, length);

    public bool Exists(string relativePath) => inner.Exists(relativePath);

    public ValueTask<bool> DeleteAsync(string relativePath, CancellationToken cancellationToken) => inner.DeleteAsync(relativePath, cancellationToken);

    public IAsyncEnumerable<string> EnumerateAsync(CancellationToken cancellationToken) => inner.EnumerateAsync(cancellationToken);

    public ValueTask<int> SweepTemporariesAsync(CancellationToken cancellationToken) => inner.SweepTemporariesAsync(cancellationToken);

    private sealed class TimedTemporaryBlob(ITemporaryBlob inner, Spans spans) : ITemporaryBlob
    {
        public Stream Stream => inner.Stream;

        public ValueTask CommitAsync(string relativePath, CancellationToken cancellationToken) =>
            spans.TimeAsync("blob_commit", () => inner.CommitAsync(relativePath, cancellationToken));

        /// <summary>Not timed: ingest starts it and goes on, and <see cref="CommitAsync"/>'s span includes what is left of it.</summary>
        public Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);

        public ValueTask<BlobSha256> HashAsync(long offset, CancellationToken cancellationToken) =>
            spans.TimeAsync("blob_hash", () => inner.HashAsync(offset, cancellationToken));

        public ValueTask DisposeAsync() => inner.DisposeAsync();
    }
}
