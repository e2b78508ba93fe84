using Tessera.Archive.Query;

namespace Tessera.Archive.Index;

/// <summary>
/// The archive's index (a port; SQLite by default, PostgreSQL later). Every adapter must pass the
/// contract suite in tests/Tessera.Archive.Tests (IndexStoreContract). Writes are serialised by the
/// adapter (one writer); reads run concurrently with them.
/// </summary>
public interface IIndexStore : IAsyncDisposable
{
    /// <summary>Creates or migrates the schema. Called once before use.</summary>
    ValueTask InitializeAsync(CancellationToken cancellationToken);

    /// <summary>The current version of an instance, or null when it is not stored.</summary>
    ValueTask<StoredInstance?> FindInstanceAsync(string sopInstanceUid, CancellationToken cancellationToken);

    /// <summary>
    /// Records a stored blob. The duplicate decision is taken here, atomically with the write, so two
    /// concurrent ingests of one instance cannot both win. Returns once the row is committed (visible to every
    /// reader): the caller acknowledges success after that, never before (STYLE 9). The row is durable then, or, for a
    /// store that syncs lazily (SQLite with synchronous=NORMAL), once <see cref="MakeDurableAsync"/> returns; until
    /// then the durable blob is its journal, from which <see cref="Ingest.IngestService.RecoverAsync"/> rebuilds it.
    /// </summary>
    ValueTask<IndexCommitResult> CommitAsync(IndexEntry entry, DuplicatePolicy policy, CancellationToken cancellationToken);

    /// <summary>
    /// Every commit that returned before this call survives power loss once it returns. A change that cannot be rebuilt
    /// from the blobs (a row whose replaced blob is about to be deleted) calls it before acting on the commit. Stores
    /// whose every commit is durable do nothing, which is the default.
    /// </summary>
    ValueTask MakeDurableAsync(CancellationToken cancellationToken) => ValueTask.CompletedTask;

    /// <summary>The matches of <paramref name="query"/>, at most <see cref="ArchiveQuery.Limit"/>, by one query to the store.</summary>
    IAsyncEnumerable<IndexMatch> QueryAsync(ArchiveQuery query, CancellationToken cancellationToken);

    /// <summary>
    /// The current version of every instance under the given UIDs (any may be null: all), for C-MOVE,
    /// C-GET and WADO, in study, series, instance number order.
    /// </summary>
    IAsyncEnumerable<StoredInstance> ListInstancesAsync(string? studyInstanceUid, string? seriesInstanceUid, string? sopInstanceUid, CancellationToken cancellationToken);

    /// <summary>Every stored version (current and preserved older ones): what the consistency check compares with the blobs.</summary>
    IAsyncEnumerable<StoredInstance> ListAllVersionsAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Every stored version of one instance: what a recovery compares a blob named after it with (a later version may be
    /// filed under other study or series UIDs than the index keeps the instance under).
    /// </summary>
    IAsyncEnumerable<StoredInstance> ListInstanceVersionsAsync(string sopInstanceUid, CancellationToken cancellationToken) =>
        ListAllVersionsAsync(cancellationToken).Where(v => v.SopInstanceUid == sopInstanceUid);

    /// <summary>How many patients, studies, series, instances and stored versions the index holds.</summary>
    ValueTask<IndexCounts> CountAsync(CancellationToken cancellationToken);
}
