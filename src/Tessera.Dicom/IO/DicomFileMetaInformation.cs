namespace Tessera.Dicom.IO;

/// <summary>
/// The File Meta Information of PS3.10 7.1 (group 0002), as this implementation writes it: always
/// Explicit VR Little Endian, after a 128-byte preamble and "DICM".
/// </summary>
public static class DicomFileMetaInformation
{
    /// <summary>
    /// Tessera's Implementation Class UID (PS3.7 D.3.3.2): a UUID-derived UID under the 2.25 root
    /// (PS3.5 B.2), so no organisational root needs registering. Generated once from the random
    /// UUID b6cdf6f2-e2ea-4b7a-993d-97c446f65551 and fixed forever; change only
    /// <see cref="ImplementationVersionName"/> between releases.
    /// </summary>
    public const string ImplementationClassUid = "2.25.242988924805059012595680575085245519185";

    /// <summary>Implementation Version Name (SH, at most 16 characters): product and version 0.1.0.</summary>
    public const string ImplementationVersionName = "TESSERA_010";

    /// <summary>Length of the File Preamble (PS3.10 7.1).</summary>
    public const int PreambleLength = 128;

    /// <summary>How the meta is encoded: as it is, no UN resolution, no group lengths but (0002,0000).</summary>
    internal static DicomWriteOptions MetaOptions { get; } = new() { ResolveUnknownVRs = false };

    /// <summary>Meta information for writing <paramref name="dataset"/> in <paramref name="transferSyntax"/>.</summary>
    public static DicomDataset Create(DicomDataset dataset, DicomTransferSyntax transferSyntax, string? sourceApplicationEntityTitle = null) =>
        Create(null, dataset, transferSyntax, sourceApplicationEntityTitle);

    /// <summary>
    /// Meta information for writing <paramref name="dataset"/> in <paramref name="transferSyntax"/>,
    /// keeping what <paramref name="existing"/> (the meta read with the dataset, if any) says that
    /// is still true: Source/Sending/Receiving AE titles, private information. The SOP Class and
    /// Instance come from the dataset (PS3.10 7.1: they must equal its SOP Class/Instance UID), or
    /// from <paramref name="existing"/> for objects without them (a DICOMDIR); the transfer syntax,
    /// version and implementation elements are always ours, since this implementation writes the file.
    /// (0002,0000) is computed.
    /// </summary>
    public static DicomDataset Create(
        DicomDataset? existing,
        DicomDataset dataset,
        DicomTransferSyntax transferSyntax,
        string? sourceApplicationEntityTitle = null)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        ArgumentNullException.ThrowIfNull(transferSyntax);
        var meta = new DicomDataset();
        if (existing is not null)
        {
            foreach (var element in existing)
            {
                if (element.Tag.Group == 0x0002 && element is DicomValueElement)
                {
                    meta.Add(element);
                }
            }
        }

        meta.Add(new DicomValueElement(DicomTags.FileMetaInformationVersion, DicomVR.OB, new byte[] { 0x00, 0x01 }));
        SetUid(meta, DicomTags.MediaStorageSOPClassUID, dataset.GetString(DicomTags.SOPClassUID) ?? existing?.GetString(DicomTags.MediaStorageSOPClassUID));
        SetUid(meta, DicomTags.MediaStorageSOPInstanceUID, dataset.GetString(DicomTags.SOPInstanceUID) ?? existing?.GetString(DicomTags.MediaStorageSOPInstanceUID));
        meta.AddOrUpdate(DicomTags.TransferSyntaxUID, DicomVR.UI, transferSyntax.Uid);
        meta.AddOrUpdate(DicomTags.ImplementationClassUID, DicomVR.UI, ImplementationClassUid);
        meta.AddOrUpdate(DicomTags.ImplementationVersionName, DicomVR.SH, ImplementationVersionName);
        if (sourceApplicationEntityTitle is not null)
        {
            meta.AddOrUpdate(DicomTags.SourceApplicationEntityTitle, DicomVR.AE, sourceApplicationEntityTitle);
        }

        SetGroupLength(meta);
        return meta;
    }

    /// <summary>
    /// Sets (0002,0000) to the encoded length of the other meta elements (PS3.10 7.1), in Explicit
    /// VR Little Endian with even-padded values, exactly as <see cref="DicomFileWriter"/> writes them.
    /// </summary>
    internal static void SetGroupLength(DicomDataset meta)
    {
        meta.Remove(DicomTags.FileMetaInformationGroupLength);
        foreach (var element in meta)
        {
            if (element is not DicomValueElement || element.Tag.Group != 0x0002)
            {
                throw new DicomException("file meta information holds only group 0002 elements with primitive values (PS3.10 7.1)", tag: element.Tag);
            }
        }

        var length = new DicomDatasetEncoder(DicomEncoding.ExplicitVRLittleEndian, MetaOptions).MeasureDataset(meta, topLevel: false);
        var bytes = new byte[4];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32LittleEndian(bytes, checked((uint)length));
        meta.Add(new DicomValueElement(DicomTags.FileMetaInformationGroupLength, DicomVR.UL, bytes));
    }

    private static void SetUid(DicomDataset meta, DicomTag tag, string? uid)
    {
        if (string.IsNullOrEmpty(uid))
        {
            throw new DicomException("PS3.10 7.1 requires a Media Storage SOP Class and Instance UID: the dataset has no SOP Class/Instance UID and no file meta provides one", tag: tag);
        }

        meta.AddOrUpdate(tag, DicomVR.UI, uid);
    }
}
