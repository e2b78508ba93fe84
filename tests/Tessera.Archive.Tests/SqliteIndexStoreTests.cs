using Tessera.Archive.Index;
using Tessera.Index.Sqlite;

namespace Tessera.Archive.Tests;

/// <summary>The contract suite against SQLite (folded into this project: the adapter has no other behaviour worth its own test project).</summary>
public sealed class SqliteIndexStoreTests : IndexStoreContract
{
    protected override IIndexStore CreateIndex(string folder) => new SqliteIndexStore(new SqliteIndexOptions(Path.Combine(folder, "index.db")));
}
