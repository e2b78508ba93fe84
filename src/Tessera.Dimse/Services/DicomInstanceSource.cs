using Tessera.Dicom;
using Tessera.Dicom.IO;

namespace Tessera.Dimse.Services;

/// <summary>
/// An instance to send as a C-STORE (by the client, or as a C-MOVE/C-GET sub-operation): its identity, the transfer
/// syntax its data set is stored in, and how to open the data set bytes (no File Meta Information) as a stream.
/// </summary>
/// <param name="SopClassUid">SOP Class UID.</param>
/// <param name="SopInstanceUid">SOP Instance UID.</param>
/// <param name="TransferSyntaxUid">The transfer syntax of the bytes <paramref name="OpenDataSet"/> returns.</param>
/// <param name="OpenDataSet">Opens the data set; the caller disposes the stream.</param>
/// <param name="FilePath">
/// The Part 10 file, when the instance is one: conversion to another native transfer syntax then leaves bulk data in the
/// file (read as it is written out) instead of holding it in memory.
/// </param>
/// <param name="NeedsRepair">
/// The stored bytes are not conformant (an odd value length, PS3.5 7.1; or another deviation of the data set): they go
/// re-encoded by the toolkit's writer, which pads values per VR (PS3.5 6.2), instead of copied as they are. Strict out (STYLE 11).
/// Null when not known: the sender then reads <paramref name="Part10"/>'s header to decide (a source without it is sent as it is).
/// </param>
/// <param name="Part10">
/// The Part 10 file or blob holding the instance, when its identity came from elsewhere (an archive's index). When
/// <paramref name="NeedsRepair"/> is null (not known), the sender reads its header when the instance goes out (values
/// over 64 KiB skipped by seeking, not read) and decides on the repair with the test <see cref="FromFileAsync"/> uses; a
/// re-encoding (a repair, or another transfer syntax) reads its data set from here, its bulk data left in the source.
/// </param>
public sealed record DicomInstanceSource(
    string SopClassUid,
    string SopInstanceUid,
    string TransferSyntaxUid,
    Func<CancellationToken, ValueTask<Stream>> OpenDataSet,
    string? FilePath = null,
    bool? NeedsRepair = null,
    IBulkDataSource? Part10 = null)
{
    /// <summary>
    /// A Part 10 file: transfer syntax from its File Meta Information (PS3.10 7.1); identity from the data set's own SOP
    /// Class/Instance UID, which the C-STORE request must carry (PS3.4 B.2.3: the receiver refuses a data set that does not
    /// match the command, A900H), the meta's Media Storage UIDs only when the data set has none. The whole data set is
    /// read once (bulk values skipped in the file) to find values that need repair; sending still streams from the file.
    /// </summary>
    public static async Task<DicomInstanceSource> FromFileAsync(string path, CancellationToken cancellationToken = default)
    {
        var file = await DicomFile.OpenAsync(path, cancellationToken: cancellationToken).ConfigureAwait(false);
        var sopClass = NonEmpty(file.Dataset.GetString(DicomTags.SOPClassUID)) ?? NonEmpty(file.FileMetaInformation.GetString(DicomTags.MediaStorageSOPClassUID))
            ?? throw new DicomException($"{path}: no SOP Class UID");
        var sopInstance = NonEmpty(file.Dataset.GetString(DicomTags.SOPInstanceUID)) ?? NonEmpty(file.FileMetaInformation.GetString(DicomTags.MediaStorageSOPInstanceUID))
            ?? throw new DicomException($"{path}: no SOP Instance UID");
        var offset = file.DatasetOffset;
        return new DicomInstanceSource(sopClass, sopInstance, file.TransferSyntax.Uid, _ => ValueTask.FromResult<Stream>(OpenAt(path, offset)), path, HasDeviations(file));
    }

    /// <summary>
    /// A deviation inside the data set (an element's, or the whole data set's after its start, such as a VR encoding that
    /// contradicts the transfer syntax); those of the preamble and File Meta Information do not travel in a C-STORE.
    /// The one test of "needs repair", for files scanned up front and for <see cref="Part10"/> sources scanned when sent.
    /// </summary>
    internal static bool HasDeviations(DicomFile file) =>
        file.Deviations.Any(d => d.Tag is { Group: not 0x0002 } || (d.Tag is null && d.Offset >= file.DatasetOffset));

    private static string? NonEmpty(string? uid) => uid?.TrimEnd('\0', ' ') is { Length: > 0 } trimmed ? trimmed : null;

    private static Stream OpenAt(string path, long offset) => FileWindowStream.Open(path, offset);
}
