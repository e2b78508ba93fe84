namespace Tessera.Dicom.IO;

/// <summary>
/// The properties of a transfer syntax that shape the bytes the writer produces (PS3.5 10),
/// separated from <see cref="DicomTransferSyntax"/> so the meta (always Explicit VR Little Endian,
/// PS3.10 7.1) and data set encodings share one encoder.
/// </summary>
internal readonly record struct DicomEncoding(bool ExplicitVR, bool BigEndian, bool Deflated, bool Encapsulated, string Name)
{
    /// <summary>Explicit VR Little Endian: the file meta encoding.</summary>
    public static DicomEncoding ExplicitVRLittleEndian { get; } = new(true, false, false, false, "Explicit VR Little Endian");

    public static DicomEncoding From(DicomTransferSyntax syntax) =>
        new(syntax.IsExplicitVR, syntax.IsBigEndian, syntax.IsDeflated, syntax.IsEncapsulated, syntax.Name);
}
