namespace Tessera.Archive.Ingest;

/// <summary>What <see cref="IngestService.RecoverAsync"/> did: blobs looked at, indexed again, deleted, and left for the check.</summary>
public sealed record RecoveryReport(int Examined, int Indexed, int Deleted, int Left);
