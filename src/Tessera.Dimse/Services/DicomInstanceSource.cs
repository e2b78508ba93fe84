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
public sealed record DicomInstanceSource(
    string SopClassUid,
    string SopInstanceUid,
    string TransferSyntaxUid,
    Func<CancellationToken, ValueTask<Stream>> OpenDataSet,
    string? FilePath = null)
{
    /// <summary>A Part 10 file: identity and transfer syntax from its File Meta Information (PS3.10 7.1), the data set from its offset.</summary>
    public static async Task<DicomInstanceSource> FromFileAsync(string path, CancellationToken cancellationToken = default)
    {
        var file = await DicomFile.OpenAsync(path, new DicomReadOptions { StopBeforePixelData = true }, cancellationToken).ConfigureAwait(false);
        var sopClass = file.FileMetaInformation.GetString(DicomTags.MediaStorageSOPClassUID) ?? file.Dataset.GetString(DicomTags.SOPClassUID)
            ?? throw new DicomException($"{path}: no SOP Class UID");
        var sopInstance = file.FileMetaInformation.GetString(DicomTags.MediaStorageSOPInstanceUID) ?? file.Dataset.GetString(DicomTags.SOPInstanceUID)
            ?? throw new DicomException($"{path}: no SOP Instance UID");
        var offset = file.DatasetOffset;
        return new DicomInstanceSource(sopClass, sopInstance, file.TransferSyntax.Uid, _ => ValueTask.FromResult<Stream>(OpenAt(path, offset)), path);
    }

    private static FileStream OpenAt(string path, long offset)
    {
        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 64 * 1024, FileOptions.Asynchronous | FileOptions.SequentialScan);
        stream.Seek(offset, SeekOrigin.Begin);
        return stream;
    }
}
