using Tessera.Archive.Index;
using Tessera.Archive.Query;
using Tessera.Archive.Storage;

namespace Tessera.Benchmarks.Archive;

/// <summary>An index that times what ingest asks of it (the duplicate look-up and the commit).</summary>
internal sealed class TimedIndexStore(IIndexStore inner, Spans spans) : IIndexStore
{
    public ValueTask InitializeAsync(CancellationToken cancellationToken) => inner.InitializeAsync(cancellationToken);

    public ValueTask<StoredInstance?> FindInstanceAsync(string sopInstanceUid, CancellationToken cancellationToken) =>
        spans.TimeAsync("index_lookup", () => inner.FindInstanceAsync(sopInstanceUid, cancellationToken));

    public ValueTask<IndexCommitResult> CommitAsync(IndexEntry entry, DuplicatePolicy policy, CancellationToken cancellationToken) =>
        spans.TimeAsync("index_commit", () => inner.CommitAsync(entry, policy, cancellationToken));

    public IAsyncEnumerable<IndexMatch> QueryAsync(ArchiveQuery query, CancellationToken cancellationToken) => inner.QueryAsync(query, cancellationToken);

    public IAsyncEnumerable<StoredInstance> ListInstancesAsync(string? studyInstanceUid, string? seriesInstanceUid, string? sopInstanceUid, CancellationToken cancellationToken) =>
        inner.ListInstancesAsync(studyInstanceUid, seriesInstanceUid, sopInstanceUid, cancellationToken);

    public IAsyncEnumerable<StoredInstance> ListAllVersionsAsync(CancellationToken cancellationToken) => inner.ListAllVersionsAsync(cancellationToken);

    public ValueTask<IndexCounts> CountAsync(CancellationToken cancellationToken) => inner.CountAsync(cancellationToken);

    public ValueTask DisposeAsync() => inner.DisposeAsync();
}
