using Tessera.Archive.Storage;

namespace Tessera.Archive.Index;

/// <summary>One stored version of an instance and where its blob is.</summary>
public sealed record StoredInstance(
    string StudyInstanceUid,
    string SeriesInstanceUid,
    string SopInstanceUid,
    string SopClassUid,
    int Version,
    bool IsCurrent,
    BlobLocation Location);
