using Tessera.Archive.Index;
using Tessera.Index.Sqlite;

namespace Tessera.Archive.Tests;

/// <summary>The contract suite against SQLite as `tessera serve` runs it (synchronous=NORMAL, durability by barrier).</summary>
public sealed class SqliteLazySyncIndexStoreTests : IndexStoreContract
{
    protected override IIndexStore CreateIndex(string folder) =>
        new SqliteIndexStore(new SqliteIndexOptions(Path.Combine(folder, "index.db")) { Synchronous = SqliteSynchronous.Normal });
}
