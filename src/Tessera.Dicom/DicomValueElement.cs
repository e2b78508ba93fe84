namespace Tessera.Dicom;

/// <summary>
/// An element with a primitive value, kept as its raw little-endian bytes (or a bulk-data
/// reference) and decoded only when read (STYLE 4): a dataset of 3,000 elements of which an
/// indexer reads 40 decodes 40.
/// </summary>
public sealed class DicomValueElement(DicomTag tag, DicomVR vr, DicomValue value) : DicomElement(tag, vr)
{
    public DicomValueElement(DicomTag tag, DicomVR vr, ReadOnlyMemory<byte> bytes)
        : this(tag, vr, new DicomValue(bytes))
    {
    }

    public DicomValue Value { get; } = value;

    /// <summary>Value length in bytes (as it would be encoded, before padding).</summary>
    public long Length => Value.Length;

    public override string ToString() => $"{Tag} {VR.Code()} ({Length} bytes{(Value.IsBulkData ? ", bulk" : string.Empty)})";
}
