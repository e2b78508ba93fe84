using Tessera.Archive.Query;
using Tessera.Archive.Storage;

namespace Tessera.Archive.Index;

/// <summary>
/// What ingest hands the index for one stored blob: the values of <see cref="IndexedAttributes"/>
/// (decoded text; dates YYYYMMDD; absent attributes missing), the compact attribute blob
/// (<see cref="Ingest.AttributeBlob"/>) and where the blob is.
/// </summary>
public sealed record IndexEntry(IReadOnlyDictionary<DicomTag, string> Values, ReadOnlyMemory<byte> Attributes, BlobLocation Location)
{
    public string StudyInstanceUid => Values[DicomTags.StudyInstanceUID];

    public string SeriesInstanceUid => Values[DicomTags.SeriesInstanceUID];

    public string SopInstanceUid => Values[DicomTags.SOPInstanceUID];

    public string SopClassUid => Values[DicomTags.SOPClassUID];
}
