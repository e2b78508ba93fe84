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
}
