using Tessera.Archive.Storage;

namespace Tessera.Archive.Ingest;

/// <summary>The result of one ingest: a value, never an exception for expected outcomes (STYLE 10).</summary>
/// <param name="Outcome">What happened.</param>
/// <param name="SopInstanceUid">The instance, when it could be read.</param>
/// <param name="Status">For Rejected and Failed, the catalogue entry; null on success.</param>
/// <param name="Detail">Specific reason (offset, tag, file) for logs and the Error Comment.</param>
/// <param name="Version">The instance's current version after this ingest (0 when nothing is stored).</param>
/// <param name="Location">Where the instance's current content is.</param>
public sealed record IngestResult(IngestOutcome Outcome, string? SopInstanceUid, ArchiveStatus? Status, string? Detail, int Version, BlobLocation? Location)
{
    /// <summary>The sender may consider the instance stored (PS3.4 B.2.3 Success).</summary>
    public bool IsSuccess => Outcome is IngestOutcome.Stored or IngestOutcome.Duplicate or IngestOutcome.NewVersion or IngestOutcome.Overwritten;

    public static IngestResult Failure(ArchiveStatus status, string? detail, string? sopInstanceUid = null) =>
        new(IngestOutcome.Failed, sopInstanceUid, status, detail, 0, null);

    public override string ToString() => Status is null ? $"{Outcome} {SopInstanceUid} v{Version}" : $"{Outcome} {SopInstanceUid}: {Status.Code} {Detail}";
}
