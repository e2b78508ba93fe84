namespace Tessera.Archive.Storage;

/// <summary>
/// Where instance files live (a port: the file system, later object storage). Two-phase by
/// construction (STYLE 9): content goes to a temporary blob, which is made durable and renamed
/// into place by <see cref="ITemporaryBlob.CommitAsync"/> before the index is told.
/// </summary>
public interface IBlobStore
{
    /// <summary>Names this store in <see cref="BlobLocation.StorageId"/>, so an index can span several stores.</summary>
    string StorageId { get; }

    /// <summary>A new temporary blob on the same volume as the committed ones (so commit is a rename).</summary>
    ValueTask<ITemporaryBlob> CreateTemporaryAsync(CancellationToken cancellationToken);

    /// <summary>
    /// A read-only stream over <paramref name="length"/> bytes from <paramref name="offset"/> (to the
    /// end when null): a frame is a range read.
    /// </summary>
    /// <exception cref="FileNotFoundException">No blob at <paramref name="relativePath"/>.</exception>
    Stream OpenRead(string relativePath, long offset = 0, long? length = null);

    bool Exists(string relativePath);

    /// <summary>
    /// A hint that the blob of <paramref name="length"/> bytes will be read soon (the next sub-operation of a retrieve): a
    /// store may start reading it in the background. The default does nothing.
    /// </summary>
    void WillRead(string relativePath, long length)
    {
    }

    /// <summary>Deletes a committed blob; false when there was none.</summary>
    ValueTask<bool> DeleteAsync(string relativePath, CancellationToken cancellationToken);

    /// <summary>Every committed blob (relative paths), for the consistency check.</summary>
    IAsyncEnumerable<string> EnumerateAsync(CancellationToken cancellationToken);

    /// <summary>
    /// At least every blob committed at or after <paramref name="since"/> (more may come): what a recovery after a crash
    /// needs to look at, without walking a whole archive. The default is every blob.
    /// </summary>
    IAsyncEnumerable<string> EnumerateCommittedSinceAsync(DateTimeOffset since, CancellationToken cancellationToken) => EnumerateAsync(cancellationToken);

    /// <summary>
    /// When the blob was committed, or null when the store cannot tell (the default): a recovery re-indexes blobs in
    /// the order they were stored, so the latest version of an instance stays its current one.
    /// </summary>
    ValueTask<DateTimeOffset?> CommittedAtAsync(string relativePath, CancellationToken cancellationToken) => ValueTask.FromResult<DateTimeOffset?>(null);

    /// <summary>
    /// Deletes temporaries left by a crash or kill (nothing refers to them: the index is written only
    /// after commit). Run at start-up, before any ingest. Returns how many were deleted.
    /// </summary>
    ValueTask<int> SweepTemporariesAsync(CancellationToken cancellationToken);
}
