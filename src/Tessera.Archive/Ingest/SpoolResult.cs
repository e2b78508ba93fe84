using Tessera.Archive.Storage;

namespace Tessera.Archive.Ingest;

/// <summary>What streaming an instance into a temporary blob produced (<see cref="BlobLocation.NeedsRepair"/> for the last).</summary>
internal sealed record SpoolResult(
    DicomDataset Dataset,
    DicomTransferSyntax TransferSyntax,
    long Size,
    long DataSetOffset,
    FrameIndex Frames,
    bool? NeedsRepair);
