using System.Collections.Immutable;
using System.Globalization;

namespace Tessera.Dicom;

/// <summary>
/// One data element of the PS3.6 registry, or one of the rules PS3.5 adds for tags the registry
/// does not list (group length, private creator). Immutable: entries are shared by every caller.
/// </summary>
public sealed class DicomDictionaryEntry
{
    public DicomDictionaryEntry(
        uint value,
        uint mask,
        string keyword,
        string name,
        ImmutableArray<DicomVR> valueRepresentations,
        string valueMultiplicity,
        bool isRetired)
    {
        Value = value;
        Mask = mask;
        Keyword = keyword;
        Name = name;
        ValueRepresentations = valueRepresentations.IsDefault ? [] : valueRepresentations;
        ValueMultiplicity = valueMultiplicity;
        IsRetired = isRetired;
    }

    /// <summary>The tag, with x digits of a repeating group or element as 0: (60xx,3000) is 0x60003000.</summary>
    public uint Value { get; }

    /// <summary>A tag T is this entry's when (T &amp; Mask) == Value; 0xFFFFFFFF for a single tag.</summary>
    public uint Mask { get; }

    /// <summary>The PS3.6 keyword ("PatientName"); empty for the few retired rows PS3.6 leaves unnamed.</summary>
    public string Keyword { get; }

    /// <summary>The PS3.6 name ("Patient's Name"), for display.</summary>
    public string Name { get; }

    /// <summary>
    /// The VRs PS3.6 allows: one for most elements, several for "US or SS" and the like, none for the
    /// Item and delimitation tags (FFFE,xxxx). An immutable array rather than <c>DicomVR[]</c> because
    /// entries are shared process-wide, and a caller writing into a shared array would change the VR
    /// every reader sees.
    /// </summary>
    public ImmutableArray<DicomVR> ValueRepresentations { get; }

    /// <summary>The PS3.6 value multiplicity: "1", "1-n", "2-2n", ...</summary>
    public string ValueMultiplicity { get; }

    public bool IsRetired { get; }

    /// <summary>The first of <see cref="ValueRepresentations"/>, or <see cref="DicomVR.None"/> when there is none.</summary>
    public DicomVR DefaultVR => ValueRepresentations.IsEmpty ? DicomVR.None : ValueRepresentations[0];

    /// <summary>The tag of the entry, x digits as 0.</summary>
    public DicomTag Tag => new(Value);

    /// <summary>True for a repeating group or element such as (60xx,3000).</summary>
    public bool IsMasked => Mask != 0xFFFFFFFF;

    /// <summary>True when <paramref name="tag"/> is this entry's (exactly, or through the mask).</summary>
    public bool Matches(DicomTag tag) => (tag.Value & Mask) == Value;

    /// <summary>"(0010,0010) PatientName", as a dump prints it.</summary>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Tag} {(Keyword.Length > 0 ? Keyword : Name)}");
}
