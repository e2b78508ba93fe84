namespace Tessera.Blobs.FileSystem;

/// <summary>Where the store lives and whether it syncs. Immutable (STYLE 12).</summary>
public sealed record FileSystemBlobStoreOptions(string Root)
{
    /// <summary>Names this store in index locations.</summary>
    public string StorageId { get; init; } = "fs";

    /// <summary>
    /// fsync files and directories on commit (PS: power loss after a success status must not lose the
    /// instance). Off only for throw-away test stores and measurements of the cost.
    /// </summary>
    public bool Durable { get; init; } = true;

    /// <summary>
    /// Blobs of at most this many bytes are committed through the commit journal (<see cref="CommitJournal"/>): one
    /// fdatasync of a preallocated file instead of fsync, rename and fsync of the folder. 0 turns the journal off. The
    /// default takes MR slices and small instances. Larger blobs are written once, not twice, and their fsync overlaps the
    /// parsing of the data set (<see cref="TemporaryFileBlob.FlushAsync"/>): measured with 512x512 CT slices (526 KB),
    /// through the journal 193–203 instances/s against 221–234 without.
    /// </summary>
    public int CommitJournalBlobLimit { get; init; } = 256 * 1024;

    /// <summary>
    /// Bytes of the blobs synced last whose pages stay in the page cache; older ones are dropped (<see cref="FileSystem.PageCacheWindow"/>).
    /// 0 drops every blob once synced; -1 leaves the page cache to the kernel. Linux only, durable stores only.
    /// </summary>
    public long PageCacheWindow { get; init; }

    /// <summary>Size the commit journal grows to; when full, a checkpoint (syncfs) lets it start over.</summary>
    public long CommitJournalCapacity { get; init; } = 64L * 1024 * 1024;
}
