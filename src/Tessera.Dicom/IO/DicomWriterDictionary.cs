namespace Tessera.Dicom.IO;

/// <summary>The data dictionary questions the writer asks, in one place.</summary>
internal static class DicomWriterDictionary
{
    /// <summary>
    /// The VR an element held as UN can be written with in explicit VR: the dictionary's only VR for
    /// the tag, or null when the tag is unknown (private, newer than our edition), has several VRs
    /// ("US or SS", "OB or OW": which one depends on other attributes, so guessing could corrupt
    /// the value), or is a sequence (its bytes are implicit-VR items that only the reader can parse).
    /// </summary>
    public static DicomVR? ReinterpretedVR(DicomTag tag)
    {
        if (tag.IsPrivate || tag.IsGroupLength)
        {
            return null;
        }

        var entry = DicomDictionary.Find(tag);
        if (entry is null || entry.ValueRepresentations.Length != 1)
        {
            return null;
        }

        var vr = entry.ValueRepresentations[0];
        return vr.IsKnown() && vr is not DicomVR.SQ and not DicomVR.UN ? vr : null;
    }
}
