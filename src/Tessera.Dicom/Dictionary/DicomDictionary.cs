using System.Collections.Immutable;

namespace Tessera.Dicom;

/// <summary>
/// The PS3.6 data dictionary (edition <see cref="DicomEdition.Name"/>): tag or keyword to
/// keyword, name, VR and VM. Pure lookup; the index is built from generated constant data on
/// first use and never changes afterwards.
/// </summary>
public static partial class DicomDictionary
{
    /// <summary>
    /// Group length (gggg,0000): UL in every group (PS3.5 7.2). PS3.6 lists only (0000,0000) and
    /// (0002,0000); in other groups the element is retired but still appears in old files.
    /// </summary>
    private static readonly DicomDictionaryEntry GroupLength =
        new(0x00000000, 0x0000FFFF, "GroupLength", "Group Length", [DicomVR.UL], "1", isRetired: true);

    /// <summary>
    /// Private Creator (gggg,0010-00FF) in an odd group from 0009 on: LO (PS3.5 7.8.1). Value and
    /// mask describe "odd group, element 00xx", a superset of the rule, which Find applies exactly.
    /// </summary>
    private static readonly DicomDictionaryEntry PrivateCreator =
        new(0x00010000, 0x0001FF00, "PrivateCreator", "Private Creator", [DicomVR.LO], "1", isRetired: false);

    // Lazy rather than a static constructor: tools that only need DicomTags never pay for the
    // index, and the build (about 5,000 entries) happens once, thread-safely.
    private static readonly Lazy<DicomDictionaryIndex> Index = new(Build);

    /// <summary>Every entry generated from PS3.6, in tag order (masks with x = 0).</summary>
    public static IReadOnlyList<DicomDictionaryEntry> Entries => Index.Value.Entries;

    /// <summary>
    /// The entry for <paramref name="tag"/>: the exact PS3.6 row, else the most specific repeating
    /// group or element row, else the group length or private creator rule; null for other private
    /// tags and for tags this edition does not know. Does not allocate.
    /// </summary>
    public static DicomDictionaryEntry? Find(DicomTag tag)
    {
        var index = Index.Value;
        if (index.ByTag.TryGetValue(tag.Value, out var entry))
        {
            return entry;
        }

        if (tag.Element == 0)
        {
            return GroupLength;
        }

        // Odd groups never match a mask: (6001,3000) is a private element, not Overlay Data
        // (PS3.5 7.6 repeats groups over even numbers only). The private groups' only rule is the
        // creator; the reserved odd groups 0001-0007 and FFFF have none.
        if ((tag.Group & 1) == 1)
        {
            return tag.IsPrivateCreator ? PrivateCreator : null;
        }

        // PS3.5 7.6 lists the even groups 6000-601E for overlays, but DCMTK and pydicom match the
        // masks over the whole 60xx range, and so do we: a reader should name (6020,3000) the way
        // the other toolkits do (lenient in).
        foreach (var masked in index.Masked)
        {
            if ((tag.Value & masked.Mask) == masked.Value)
            {
                return masked;
            }
        }

        return null;
    }

    /// <summary>
    /// The entry whose PS3.6 keyword is <paramref name="keyword"/> (case-sensitive, as keywords are
    /// in PS3.6); repeating-group keywords such as "OverlayData" give the masked entry.
    /// </summary>
    public static DicomDictionaryEntry? Find(string keyword)
    {
        ArgumentNullException.ThrowIfNull(keyword);
        return Index.Value.ByKeyword.GetValueOrDefault(keyword);
    }

    /// <summary>
    /// The VR to read <paramref name="tag"/> with in Implicit VR Little Endian: the entry's first VR,
    /// or UN when the tag is unknown (private, or newer than this edition) or has no VR. For "US or
    /// SS" and the like this is the first; the reader resolves it from Pixel Representation.
    /// </summary>
    public static DicomVR GetVR(DicomTag tag)
    {
        var vr = Find(tag)?.DefaultVR ?? DicomVR.None;
        return vr == DicomVR.None ? DicomVR.UN : vr;
    }

    private static DicomDictionaryIndex Build()
    {
        var rows = GeneratedRows;
        var text = GeneratedText();
        var vrSets = GeneratedVRSets();
        var multiplicities = GeneratedMultiplicities();
        var entries = ImmutableArray.CreateBuilder<DicomDictionaryEntry>(GeneratedEntryCount);
        for (var i = 0; i < GeneratedEntryCount; i++)
        {
            var attributes = rows[(3 * i) + 2];
            entries.Add(new DicomDictionaryEntry(
                rows[3 * i],
                rows[(3 * i) + 1],
                text[2 * i],
                text[(2 * i) + 1],
                vrSets[(int)(attributes >> 16)],
                multiplicities[(int)((attributes >> 8) & 0xFF)],
                (attributes & 1) != 0));
        }

        return new DicomDictionaryIndex(entries.MoveToImmutable());
    }
}
