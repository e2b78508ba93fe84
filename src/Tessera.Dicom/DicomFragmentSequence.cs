namespace Tessera.Dicom;

/// <summary>
/// Encapsulated Pixel Data (PS3.5 A.4): the Basic Offset Table item, then one or more fragments.
/// A frame may span several fragments and a fragment never holds more than one frame.
/// </summary>
public sealed class DicomFragmentSequence(DicomTag tag, DicomVR vr, DicomValue basicOffsetTable, IEnumerable<DicomValue> fragments)
    : DicomElement(tag, vr)
{
    private readonly List<DicomValue> _fragments = [.. fragments];

    /// <summary>The first item's value: empty, or one 32-bit offset per frame (PS3.5 A.4, Table A.4-1).</summary>
    public DicomValue BasicOffsetTable { get; } = basicOffsetTable;

    public IReadOnlyList<DicomValue> Fragments => _fragments;

    public void Add(DicomValue fragment) => _fragments.Add(fragment);

    public override string ToString() => $"{Tag} {VR.Code()} (encapsulated, {_fragments.Count} fragments)";
}
