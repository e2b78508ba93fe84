using Tessera.Dicom.IO;

namespace Tessera.Archive.Ingest;

/// <summary>
/// The "source" of values the ingest parser skips (longer than <see cref="IngestOptions.ParseThreshold"/>):
/// they stream to the blob but are never read back during ingest, so opening one is a bug.
/// </summary>
internal sealed class DiscardedBulkData : IBulkDataSource
{
    public static DiscardedBulkData Instance { get; } = new();

    public string Description => "ingest stream (value skipped, not retained)";

    public Stream OpenRead() => throw new InvalidOperationException("values skipped during ingest are not retained; open the stored blob");
}
