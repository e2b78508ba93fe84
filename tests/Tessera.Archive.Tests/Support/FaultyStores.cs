using Tessera.Archive.Index;
using Tessera.Archive.Query;
using Tessera.Archive.Storage;

namespace Tessera.Archive.Tests.Support;

/// <summary>
/// An index whose commits fail (a crash or I/O error between blob rename and index commit). With
/// <paramref name="hideFromLookup"/>, the early duplicate lookup sees nothing, as an ingest that looked before a concurrent
/// one of the same bytes committed.
/// </summary>
internal sealed class FailingCommitIndex(IIndexStore inner, bool hideFromLookup = false) : IIndexStore
{
    public ValueTask InitializeAsync(CancellationToken cancellationToken) => inner.InitializeAsync(cancellationToken);

    public ValueTask<StoredInstance?> FindInstanceAsync(string sopInstanceUid, CancellationToken cancellationToken) =>
        hideFromLookup ? ValueTask.FromResult<StoredInstance?>(null) : inner.FindInstanceAsync(sopInstanceUid, cancellationToken);

    public ValueTask<IndexCommitResult> CommitAsync(IndexEntry entry, DuplicatePolicy policy, CancellationToken cancellationToken) =>
        throw new IOException("simulated: disk I/O error while committing the index");

    public IAsyncEnumerable<IndexMatch> QueryAsync(ArchiveQuery query, CancellationToken cancellationToken) => inner.QueryAsync(query, cancellationToken);

    public IAsyncEnumerable<StoredInstance> ListInstancesAsync(string? studyInstanceUid, string? seriesInstanceUid, string? sopInstanceUid, CancellationToken cancellationToken) =>
        inner.ListInstancesAsync(studyInstanceUid, seriesInstanceUid, sopInstanceUid, cancellationToken);

    public IAsyncEnumerable<StoredInstance> ListAllVersionsAsync(CancellationToken cancellationToken) => inner.ListAllVersionsAsync(cancellationToken);

    public ValueTask<IndexCounts> CountAsync(CancellationToken cancellationToken) => inner.CountAsync(cancellationToken);

    public ValueTask DisposeAsync() => inner.DisposeAsync();
}

/// <summary>A blob store whose temporaries go to a stream that fails (/dev/full: real ENOSPC) or whose commit fails.</summary>
internal sealed class FaultyBlobStore(IBlobStore inner, Func<Stream>? temporaryStream = null, bool failCommit = false) : IBlobStore
{
    public string StorageId => inner.StorageId;

    public async ValueTask<ITemporaryBlob> CreateTemporaryAsync(CancellationToken cancellationToken)
    {
        var blob = await inner.CreateTemporaryAsync(cancellationToken);
        return new Temporary(blob, temporaryStream?.Invoke(), failCommit);
    }

    public Stream OpenRead(string relativePath, long offset = 0, long? length = null) => inner.OpenRead(relativePath, offset, length);

    public bool Exists(string relativePath) => inner.Exists(relativePath);

    public ValueTask<bool> DeleteAsync(string relativePath, CancellationToken cancellationToken) => inner.DeleteAsync(relativePath, cancellationToken);

    public IAsyncEnumerable<string> EnumerateAsync(CancellationToken cancellationToken) => inner.EnumerateAsync(cancellationToken);

    public ValueTask<int> SweepTemporariesAsync(CancellationToken cancellationToken) => inner.SweepTemporariesAsync(cancellationToken);

    private sealed class Temporary(ITemporaryBlob inner, Stream? stream, bool failCommit) : ITemporaryBlob
    {
        public Stream Stream => stream ?? inner.Stream;

        public ValueTask<BlobSha256> HashAsync(long offset, CancellationToken cancellationToken) => inner.HashAsync(offset, cancellationToken);

        public ValueTask CommitAsync(string relativePath, CancellationToken cancellationToken) =>
            failCommit ? throw new IOException("simulated: rename failed") : inner.CommitAsync(relativePath, cancellationToken);

        public async ValueTask DisposeAsync()
        {
            if (stream is not null)
            {
                try
                {
                    await stream.DisposeAsync();
                }
                catch (IOException)
                {
                    // /dev/full fails the final flush too.
                }
            }

            await inner.DisposeAsync();
        }
    }
}
