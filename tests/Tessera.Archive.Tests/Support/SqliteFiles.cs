using Microsoft.Data.Sqlite;
using Tessera.Index.Sqlite;

namespace Tessera.Archive.Tests.Support;

/// <summary>An index database opened by the store (initialised, then closed) or read and changed behind its back.</summary>
internal static class SqliteFiles
{
    public static async Task WithStoreAsync(SqliteIndexOptions options, Func<SqliteIndexStore, Task> use)
    {
        var store = new SqliteIndexStore(options);
        await store.InitializeAsync(CancellationToken.None);
        try
        {
            await use(store);
        }
        finally
        {
            await store.DisposeAsync();
        }
    }

    public static void Execute(string database, string sql)
    {
        using var connection = Open(database);
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    public static long Scalar(string database, string sql)
    {
        using var connection = Open(database);
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (long)command.ExecuteScalar()!;
    }

    private static SqliteConnection Open(string database)
    {
        var connection = new SqliteConnection($"Data Source={database};Pooling=False");
        connection.Open();
        return connection;
    }
}
