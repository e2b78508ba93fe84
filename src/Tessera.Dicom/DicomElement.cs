namespace Tessera.Dicom;

/// <summary>
/// A data element of a dataset (PS3.5 7.1): a primitive value (<see cref="DicomValueElement"/>),
/// a sequence of items (<see cref="DicomSequence"/>) or encapsulated fragments
/// (<see cref="DicomFragmentSequence"/>).
/// </summary>
public abstract class DicomElement(DicomTag tag, DicomVR vr)
{
    public DicomTag Tag { get; } = tag;

    public DicomVR VR { get; } = vr;

    public override string ToString() => $"{Tag} {VR.Code()}";
}
