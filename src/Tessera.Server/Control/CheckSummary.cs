namespace Tessera.Server.Control;

/// <summary>The totals of a check (<see cref="Tessera.Archive.Check.CheckReport"/> without the path lists, which stream as findings).</summary>
public sealed record CheckSummary(long Versions, int Missing, int Corrupt, int Orphans, int TemporariesSwept, bool Checksums);
