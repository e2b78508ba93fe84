namespace Tessera.Dicom.Tests.Support;

/// <summary>What a round trip may legitimately change, each allowance named after the rule that causes it.</summary>
public sealed record DatasetComparison
{
    /// <summary>Byte-for-byte, VR for VR.</summary>
    public static DatasetComparison Exact { get; } = new();

    /// <summary>
    /// After writing and reading back: odd values come back padded (PS3.5 7.1.1), UN may come back
    /// as the dictionary VR or a long value as UN (PS3.5 6.2.2), group lengths are dropped.
    /// </summary>
    public static DatasetComparison RoundTrip { get; } = new()
    {
        PadOddValues = true,
        AllowUnknownVRChanges = true,
        IgnoreGroupLengths = true,
        IgnoreFileMeta = true,
    };

    /// <summary>An odd-length value may come back one byte longer, padded as its VR says.</summary>
    public bool PadOddValues { get; init; }

    /// <summary>Accept either padding byte (space or NUL) whatever the VR: for real files padded by other toolkits.</summary>
    public bool AnyPadding { get; init; }

    /// <summary>UN on one side and a known VR on the other is accepted.</summary>
    public bool AllowUnknownVRChanges { get; init; }

    /// <summary>Encapsulated Pixel Data held as OW on one side is OB on the other (PS3.5 A.4).</summary>
    public bool AllowEncapsulatedOB { get; init; } = true;

    /// <summary>(gggg,0000) elements are not compared.</summary>
    public bool IgnoreGroupLengths { get; init; }

    /// <summary>Group 0002 elements in the dataset are not compared.</summary>
    public bool IgnoreFileMeta { get; init; }

    internal bool Includes(DicomTag tag) =>
        !(IgnoreGroupLengths && tag.IsGroupLength) && !(IgnoreFileMeta && tag.Group == 0x0002);

    internal bool AcceptsVR(DicomElement expected, DicomElement actual) =>
        (AllowUnknownVRChanges && (expected.VR == DicomVR.UN || actual.VR == DicomVR.UN))
        || (AllowEncapsulatedOB && expected is DicomFragmentSequence && actual.VR is DicomVR.OB or DicomVR.OW);

    internal byte? PaddingFor(DicomVR vr) => PadOddValues ? vr.PaddingByte() : null;
}
