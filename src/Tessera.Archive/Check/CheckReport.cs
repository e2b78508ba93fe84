namespace Tessera.Archive.Check;

/// <summary>What the consistency check found (relative blob paths).</summary>
/// <param name="TemporariesSwept">Temporaries deleted (left by a crash or kill).</param>
/// <param name="Versions">Stored versions the index lists.</param>
/// <param name="Missing">Index rows whose blob is gone: data loss to investigate.</param>
/// <param name="Orphans">Blobs no index row refers to (a crash between rename and commit; harmless, reclaimable).</param>
/// <param name="Corrupt">Blobs whose size or SHA-256 differs from the index: tampered or bit rot.</param>
public sealed record CheckReport(int TemporariesSwept, long Versions, IReadOnlyList<string> Missing, IReadOnlyList<string> Orphans, IReadOnlyList<string> Corrupt)
{
    public bool IsConsistent => Missing.Count == 0 && Orphans.Count == 0 && Corrupt.Count == 0;
}
