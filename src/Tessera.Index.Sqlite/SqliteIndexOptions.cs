namespace Tessera.Index.Sqlite;

/// <summary>Settings of the SQLite index. Immutable (STYLE 12).</summary>
public sealed record SqliteIndexOptions(string DatabasePath)
{
    public SqliteSynchronous Synchronous { get; init; } = SqliteSynchronous.Full;

    /// <summary>
    /// Most commits grouped in one transaction by the writer. 256: a WAL fsync costs ~1–10 ms, an
    /// instance's rows ~20 µs, so beyond a few hundred the sync is fully amortised while a batch still
    /// commits within milliseconds.
    /// </summary>
    public int MaxBatchSize { get; init; } = 256;
}
