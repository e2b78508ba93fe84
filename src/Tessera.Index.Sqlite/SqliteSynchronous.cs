namespace Tessera.Index.Sqlite;

/// <summary>PRAGMA synchronous (https://sqlite.org/pragma.html#pragma_synchronous) in WAL mode.</summary>
public enum SqliteSynchronous
{
    /// <summary>
    /// WAL is synced only at checkpoints: a transaction committed just before power loss may roll
    /// back. The database stays consistent, but an acknowledged instance could lose its index row.
    /// </summary>
    Normal,

    /// <summary>The WAL is synced at every commit: a committed row survives power loss. The default, since success is acknowledged only after commit.</summary>
    Full,
}
