using Tessera.Archive.Index;
using Tessera.Archive.Query;

namespace Tessera.Archive.Tests.Support;

/// <summary>
/// An index that notes its commits and durability barriers in <paramref name="events"/> (shared with a
/// <see cref="RecordingBlobs"/> to see the order of index and blob operations), and can hold commits back until released.
/// </summary>
internal sealed class RecordingIndex(IIndexStore inner, List<string> events) : IIndexStore
{
    /// <summary>Awaited before each commit is passed on: a test holds commits "in flight" with it.</summary>
    public Func<Task>? BeforeCommit { get; set; }

    public ValueTask InitializeAsync(CancellationToken cancellationToken) => inner.InitializeAsync(cancellationToken);

    public ValueTask<StoredInstance?> FindInstanceAsync(string sopInstanceUid, CancellationToken cancellationToken) => inner.FindInstanceAsync(sopInstanceUid, cancellationToken);

    public async ValueTask<IndexCommitResult> CommitAsync(IndexEntry entry, DuplicatePolicy policy, CancellationToken cancellationToken)
    {
        if (BeforeCommit is { } wait)
        {
            await wait();
        }

        var result = await inner.CommitAsync(entry, policy, cancellationToken);
        Note($"commit {result.Outcome}");
        return result;
    }

    public async ValueTask MakeDurableAsync(CancellationToken cancellationToken)
    {
        await inner.MakeDurableAsync(cancellationToken);
        Note("durable");
    }

    public IAsyncEnumerable<IndexMatch> QueryAsync(ArchiveQuery query, CancellationToken cancellationToken) => inner.QueryAsync(query, cancellationToken);

    public IAsyncEnumerable<StoredInstance> ListInstancesAsync(string? studyInstanceUid, string? seriesInstanceUid, string? sopInstanceUid, CancellationToken cancellationToken) =>
        inner.ListInstancesAsync(studyInstanceUid, seriesInstanceUid, sopInstanceUid, cancellationToken);

    public IAsyncEnumerable<StoredInstance> ListAllVersionsAsync(CancellationToken cancellationToken) => inner.ListAllVersionsAsync(cancellationToken);

    public IAsyncEnumerable<StoredInstance> ListInstanceVersionsAsync(string sopInstanceUid, CancellationToken cancellationToken) => inner.ListInstanceVersionsAsync(sopInstanceUid, cancellationToken);

    public ValueTask<IndexCounts> CountAsync(CancellationToken cancellationToken) => inner.CountAsync(cancellationToken);

    public ValueTask DisposeAsync() => inner.DisposeAsync();

    private void Note(string what)
    {
        lock (events)
        {
            events.Add(what);
        }
    }
}
