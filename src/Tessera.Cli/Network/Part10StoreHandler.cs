using System.Buffers.Binary;
using System.Text.RegularExpressions;
using Tessera.Dicom;
using Tessera.Dicom.IO;
using Tessera.Dimse.Messages;
using Tessera.Dimse.Services;

namespace Tessera.Cli.Network;

/// <summary>
/// A storage handler (of `tessera receive`, and of `tessera get` for its C-GET sub-operations) that writes each C-STORE as a Part 10 file OUT/&lt;SOPInstanceUID&gt;.dcm: the File
/// Meta Information first (PS3.10 7.1), then the data set bytes copied as they arrive, in the transfer
/// syntax of the presentation context, into a temporary file renamed once complete. Nothing holds a whole
/// data set in memory; only the header is read back, to check that the bytes are the instance announced.
/// </summary>
internal sealed partial class Part10StoreHandler(string outputDirectory, Action<StoredInstance>? stored = null) : IStoreHandler
{
    /// <summary>Refused SOP Instance: Data Set does not match SOP Class (PS3.4 Table B.2-1, A900H).</summary>
    private static readonly DimseStatus DataSetDoesNotMatchSopClass = new(0xA900);

    private static readonly DicomReadOptions HeaderOnly = new() { StopBeforePixelData = true };

    public async ValueTask<StoreResponse> OnCStoreAsync(DimseRequestContext context, Stream dataSet, CancellationToken cancellationToken)
    {
        var command = context.Command;
        var sopClassUid = command.AffectedSOPClassUID?.TrimEnd('\0', ' ') ?? string.Empty;
        var sopInstanceUid = command.AffectedSOPInstanceUID?.TrimEnd('\0', ' ') ?? string.Empty;

        // The UID names a file: a UID (PS3.5 9.1) has only digits and dots, so nothing can escape OUT.
        if (!IsUid(sopClassUid) || !IsUid(sopInstanceUid))
        {
            return new StoreResponse(DimseStatus.CannotUnderstand, "Affected SOP Class/Instance UID is not a UID (PS3.5 9.1)");
        }

        var transferSyntax = DicomTransferSyntax.Lookup(context.PresentationContext.TransferSyntax);
        var path = Path.Combine(outputDirectory, sopInstanceUid + ".dcm");
        var temporary = Path.Combine(outputDirectory, $".{sopInstanceUid}.{Guid.NewGuid():N}.part");
        try
        {
            long length;
            // Writes on this thread: FileStream's asynchronous writes would each be handed to another thread.
            var file = new InlineWriteFileStream(temporary, FileShare.Read, bufferSize: 0);
            await using (file.ConfigureAwait(false))
            {
                var header = FileHeader(sopClassUid, sopInstanceUid, transferSyntax, context.Association.CallingAETitle);
                await file.WriteAsync(header, cancellationToken).ConfigureAwait(false);
                await dataSet.CopyToAsync(file, 256 * 1024, cancellationToken).ConfigureAwait(false);
                length = file.Length;
            }

            var check = Validate(temporary, sopClassUid, sopInstanceUid);
            if (check is not null)
            {
                File.Delete(temporary);
                return check;
            }

            File.Move(temporary, path, overwrite: true);
            stored?.Invoke(new StoredInstance(path, sopClassUid, sopInstanceUid, transferSyntax.Uid, length, context.Association.CallingAETitle));
            return DimseStatus.Success;
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }
    }

    /// <summary>
    /// Preamble, "DICM" and the meta group, built by <see cref="DicomFileMetaInformation"/> like every other file the
    /// toolkit writes. The writer only writes whole files, so this writes one with an empty data set and keeps the
    /// bytes up to the end of the meta group, whose length (0002,0000) says where that is.
    /// </summary>
    internal static byte[] FileHeader(string sopClassUid, string sopInstanceUid, DicomTransferSyntax transferSyntax, string callingAETitle)
    {
        var known = new DicomDataset();
        known.AddOrUpdate(DicomTags.MediaStorageSOPClassUID, DicomVR.UI, sopClassUid);
        known.AddOrUpdate(DicomTags.MediaStorageSOPInstanceUID, DicomVR.UI, sopInstanceUid);
        var empty = new DicomDataset();
        var meta = DicomFileMetaInformation.Create(known, empty, transferSyntax, callingAETitle.Trim());
        using var buffer = new MemoryStream();
        DicomFileWriter.Write(buffer, meta, empty, transferSyntax);

        // 128-byte preamble, "DICM", then (0002,0000) UL in Explicit VR LE: tag 4, VR 2, length 2, value 4 (PS3.10 7.1).
        var bytes = buffer.GetBuffer();
        var groupLength = BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(DicomFileMetaInformation.PreambleLength + 4 + 8));
        return bytes.AsSpan(0, DicomFileMetaInformation.PreambleLength + 4 + 12 + (int)groupLength).ToArray();
    }

    /// <summary>Null when the file is the instance announced, else the refusal.</summary>
    private static StoreResponse? Validate(string path, string sopClassUid, string sopInstanceUid)
    {
        DicomFile file;
        try
        {
            file = DicomFile.Open(path, HeaderOnly);
        }
        catch (DicomException ex)
        {
            return new StoreResponse(DimseStatus.CannotUnderstand, $"Data set not readable: {ex.Message}");
        }

        // PS3.4 B.2.3: the data set must be the instance and class the command announced.
        var datasetClass = file.Dataset.GetString(DicomTags.SOPClassUID)?.TrimEnd('\0', ' ');
        var datasetInstance = file.Dataset.GetString(DicomTags.SOPInstanceUID)?.TrimEnd('\0', ' ');
        if (datasetClass != sopClassUid)
        {
            return new StoreResponse(DataSetDoesNotMatchSopClass, $"Data set SOP Class UID is {datasetClass}");
        }

        return datasetInstance == sopInstanceUid ? null : new StoreResponse(DataSetDoesNotMatchSopClass, $"Data set SOP Instance UID is {datasetInstance}");
    }

    internal static bool IsUid(string value) => value.Length is > 0 and <= 64 && UidPattern().IsMatch(value);

    [GeneratedRegex(@"^[0-9]+(\.[0-9]+)*$", RegexOptions.CultureInvariant)]
    private static partial Regex UidPattern();
}
