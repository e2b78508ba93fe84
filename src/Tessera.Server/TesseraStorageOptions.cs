namespace Tessera.Server;

/// <summary>Where and how instance files are made durable: section <c>Tessera:Storage</c>.</summary>
public sealed class TesseraStorageOptions
{
    /// <summary>
    /// Files of at most this many bytes are committed through the commit journal (files/journal/commits: one fdatasync of
    /// a preallocated file) instead of fsync, rename and fsync of the folder; 0 turns the journal off. Linux only.
    /// </summary>
    public int CommitJournalBlobLimit { get; set; } = 256 * 1024;

    /// <summary>Bytes the commit journal grows to; when full, a checkpoint (syncfs of the data's file system) lets it start over.</summary>
    public long CommitJournalCapacity { get; set; } = 64L * 1024 * 1024;

    /// <summary>
    /// Bytes of the files synced last whose pages stay in the page cache; older ones are dropped, so that new files are
    /// written into recycled pages. 0 drops each file once synced; -1 leaves the page cache to the kernel. Linux only.
    /// </summary>
    public long PageCacheWindow { get; set; }
}
