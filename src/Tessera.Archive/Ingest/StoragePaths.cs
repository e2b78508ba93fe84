using Tessera.Dicom.Values;

namespace Tessera.Archive.Ingest;

/// <summary>
/// Names blobs from validated UIDs only (never raw input): STUDY/SERIES/SOP.HASH.dcm, where HASH
/// is the first 16 hex digits of a hash of the file's bytes (<see cref="Storage.BlobSha256.Identity"/>; the whole file's
/// SHA-256 for versions stored before index schema 3), so a new version never overwrites an old one
/// and identical bytes map to the same name (a re-run of an interrupted ingest is harmless).
/// </summary>
public static class StoragePaths
{
    /// <summary>
    /// A UID usable in a path: digits and dots, non-empty components (PS3.5 9.1; leading zeros, seen in
    /// real files, are tolerated) and at most 64 characters. This alone excludes "/", "\", "..", NUL.
    /// </summary>
    public static bool IsSafeUid(string? uid) =>
        uid is { Length: > 0 and <= DicomUid.MaximumLength } && DicomUid.IsValid(uid, DicomParseMode.Lenient) && uid.All(c => c is '.' or (>= '0' and <= '9'));

    public static string For(string studyInstanceUid, string seriesInstanceUid, string sopInstanceUid, string bytesHash)
    {
        if (!IsSafeUid(studyInstanceUid) || !IsSafeUid(seriesInstanceUid) || !IsSafeUid(sopInstanceUid))
        {
            throw new ArgumentException("UIDs must be validated before they name a path");
        }

        return $"{studyInstanceUid}/{seriesInstanceUid}/{sopInstanceUid}.{bytesHash[..16]}.dcm";
    }

    /// <summary>The SOP Instance UID a path made by <see cref="For"/> names; null for any other path.</summary>
    public static string? SopInstanceUidOf(string relativePath)
    {
        ArgumentNullException.ThrowIfNull(relativePath);
        var parts = relativePath.Split('/');
        if (parts.Length != 3 || !IsSafeUid(parts[0]) || !IsSafeUid(parts[1]) || !parts[2].EndsWith(".dcm", StringComparison.Ordinal))
        {
            return null;
        }

        var name = parts[2][..^".dcm".Length];
        var hash = name.LastIndexOf('.');
        return hash > 0 && name.Length - hash - 1 == 16 && name[(hash + 1)..].All(char.IsAsciiHexDigitLower) && IsSafeUid(name[..hash]) ? name[..hash] : null;
    }
}
