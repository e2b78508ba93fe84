using Tessera.Archive.Tests.Support;
using Tessera.Index.Sqlite;

namespace Tessera.Archive.Tests;

/// <summary>
/// The page size sets the bytes written per commit (SqliteIndexOptions.PageSize): a new database
/// gets the option's, an existing one keeps its own (SQLite cannot change it in WAL mode).
/// </summary>
public sealed class SqlitePageSizeTests
{
    [Fact]
    public async Task A_new_database_gets_the_configured_page_size_and_an_existing_one_keeps_its_own()
    {
        using var temporary = new TemporaryFolder();
        var folder = temporary.Path;
        var database = Path.Combine(folder, "index.db");
        await SqliteFiles.WithStoreAsync(new SqliteIndexOptions(database), _ => Task.CompletedTask);
        Assert.Equal(1024, SqliteFiles.Scalar(database, "PRAGMA page_size"));

        await SqliteFiles.WithStoreAsync(new SqliteIndexOptions(database) { PageSize = 4096 }, _ => Task.CompletedTask);
        Assert.Equal(1024, SqliteFiles.Scalar(database, "PRAGMA page_size"));

        var other = Path.Combine(folder, "other.db");
        await SqliteFiles.WithStoreAsync(new SqliteIndexOptions(other) { PageSize = 4096 }, _ => Task.CompletedTask);
        Assert.Equal(4096, SqliteFiles.Scalar(other, "PRAGMA page_size"));
    }
}
