namespace Tessera.Archive.Storage;

/// <summary>
/// A blob being written. Disposing it without <see cref="CommitAsync"/> deletes it, so a failed
/// ingest leaves nothing behind (a killed process leaves it to the start-up sweep).
/// </summary>
public interface ITemporaryBlob : IAsyncDisposable
{
    /// <summary>Write-only, not seekable by contract: the ingest pipeline writes it front to back once.</summary>
    Stream Stream { get; }

    /// <summary>
    /// Flushes to stable storage (fsync), renames to <paramref name="relativePath"/> (replacing a blob
    /// with that name, which by the naming rule holds the same bytes) and syncs the directory, so the
    /// name survives power loss before the index refers to it.
    /// </summary>
    ValueTask CommitAsync(string relativePath, CancellationToken cancellationToken);

    /// <summary>
    /// Makes the content written so far durable (fsync) on another thread, so the caller can do other work meanwhile
    /// (ingest parses the index values and looks the instance up); <see cref="CommitAsync"/> then only renames and syncs
    /// the directory. Nothing may be written after it. The default does nothing: CommitAsync flushes.
    /// </summary>
    Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>
    /// SHA-256 of what was written, before <paramref name="offset"/> and from it on, read back once: called after
    /// <see cref="FlushAsync"/> started, so that the hashing runs while the fsync waits for the disk instead of on the
    /// path of every write. What is hashed is what the blob holds.
    /// </summary>
    ValueTask<BlobSha256> HashAsync(long offset, CancellationToken cancellationToken);
}
