using Microsoft.Data.Sqlite;

namespace Tessera.Archive.Tests.Support;

/// <summary>
/// A folder for one test, deleted with everything in it on dispose. Pooled SQLite connections are closed first, so no
/// open index file keeps the deletion from finishing.
/// </summary>
internal sealed class TemporaryFolder : IDisposable
{
    public string Path { get; } = TestArchive.NewFolder();

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(Path, recursive: true);
    }
}
