namespace Tessera.Dicom;

// TEMPORARY stand-in until branch `gen` (owner of DicomTransferSyntax and DicomDictionary) is
// merged: the subset of their API the writer uses, same names and meaning. Deleted at that merge.
public sealed class DicomTransferSyntax
{
    public static readonly DicomTransferSyntax ImplicitVRLittleEndian = new("1.2.840.10008.1.2", "Implicit VR Little Endian", false, false, false, false);
    public static readonly DicomTransferSyntax ExplicitVRLittleEndian = new("1.2.840.10008.1.2.1", "Explicit VR Little Endian", true, false, false, false);
    public static readonly DicomTransferSyntax DeflatedExplicitVRLittleEndian = new("1.2.840.10008.1.2.1.99", "Deflated Explicit VR Little Endian", true, false, true, false);
    public static readonly DicomTransferSyntax ExplicitVRBigEndian = new("1.2.840.10008.1.2.2", "Explicit VR Big Endian", true, true, false, false);
    public static readonly DicomTransferSyntax JPEGBaseline8Bit = new("1.2.840.10008.1.2.4.50", "JPEG Baseline (Process 1)", true, false, false, true);
    public static readonly DicomTransferSyntax RLELossless = new("1.2.840.10008.1.2.5", "RLE Lossless", true, false, false, true);

    private DicomTransferSyntax(string uid, string name, bool isExplicitVR, bool isBigEndian, bool isDeflated, bool isEncapsulated)
    {
        Uid = uid;
        Name = name;
        IsExplicitVR = isExplicitVR;
        IsBigEndian = isBigEndian;
        IsDeflated = isDeflated;
        IsEncapsulated = isEncapsulated;
    }

    public string Uid { get; }

    public string Name { get; }

    public bool IsExplicitVR { get; }

    public bool IsBigEndian { get; }

    public bool IsDeflated { get; }

    public bool IsEncapsulated { get; }

    public override string ToString() => Name;
}

internal static class DicomDictionary
{
    public static DicomDictionaryEntry? Find(DicomTag tag) => tag.Value switch
    {
        0x00280010 or 0x00280011 => new([DicomVR.US]),
        0x00080060 => new([DicomVR.CS]),
        _ => null,
    };
}

internal sealed class DicomDictionaryEntry(DicomVR[] vrs)
{
    public System.Collections.Immutable.ImmutableArray<DicomVR> ValueRepresentations { get; } = [.. vrs];
}
