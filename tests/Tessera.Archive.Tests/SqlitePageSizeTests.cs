using Microsoft.Data.Sqlite;
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
        var folder = TestArchive.NewFolder();
        try
        {
            var database = Path.Combine(folder, "index.db");
            await OpenAndCloseAsync(new SqliteIndexOptions(database));
            Assert.Equal(1024, PageSize(database));

            await OpenAndCloseAsync(new SqliteIndexOptions(database) { PageSize = 4096 });
            Assert.Equal(1024, PageSize(database));

            var other = Path.Combine(folder, "other.db");
            await OpenAndCloseAsync(new SqliteIndexOptions(other) { PageSize = 4096 });
            Assert.Equal(4096, PageSize(other));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task OpenAndCloseAsync(SqliteIndexOptions options)
    {
        var store = new SqliteIndexStore(options);
        await store.InitializeAsync(CancellationToken.None);
        await store.DisposeAsync();
    }

    private static long PageSize(string database)
    {
        using var connection = new SqliteConnection($"Data Source={database};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA page_size";
        return (long)command.ExecuteScalar()!;
    }
}
