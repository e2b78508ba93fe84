namespace Tessera.Archive.Ingest;

public enum IngestOutcome
{
    /// <summary>A new instance was stored.</summary>
    Stored,

    /// <summary>The identical content was already stored: an idempotent success.</summary>
    Duplicate,

    /// <summary>Different content for a stored instance: kept as its new current version, the old one preserved.</summary>
    NewVersion,

    /// <summary>Different content replaced the stored instance (DuplicatePolicy.Overwrite).</summary>
    Overwritten,

    /// <summary>Different content refused (DuplicatePolicy.Reject); nothing changed.</summary>
    Rejected,

    /// <summary>Not stored; <see cref="IngestResult.Status"/> says why.</summary>
    Failed,
}
