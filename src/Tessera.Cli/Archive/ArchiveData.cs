using Tessera.Blobs.FileSystem;
using Tessera.Index.Sqlite;

namespace Tessera.Cli.Archive;

/// <summary>
/// The archive in a data folder, as the CLI opens it: <c>index.db</c> (SQLite) and <c>files/</c>
/// (blobs). The composition root for the archive verbs (STYLE 12: wiring only here).
/// </summary>
internal sealed class ArchiveData : IAsyncDisposable
{
    /// <summary>Where `import` and `check` look when --data is not given.</summary>
    public const string DefaultFolder = "tessera-data";

    private ArchiveData(SqliteIndexStore index, FileSystemBlobStore blobs)
    {
        Index = index;
        Blobs = blobs;
    }

    public SqliteIndexStore Index { get; }

    public FileSystemBlobStore Blobs { get; }

    public static async Task<ArchiveData> OpenAsync(string folder, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(folder);
        var blobs = new FileSystemBlobStore(new FileSystemBlobStoreOptions(Path.Combine(folder, "files")));
        var index = new SqliteIndexStore(new SqliteIndexOptions(Path.Combine(folder, "index.db")));
        await index.InitializeAsync(cancellationToken).ConfigureAwait(false);
        return new ArchiveData(index, blobs);
    }

    public ValueTask DisposeAsync() => Index.DisposeAsync();
}
