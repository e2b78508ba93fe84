using Tessera.Dicom.Text;

namespace Tessera.Archive.Query;

/// <summary>
/// The character set of a C-FIND result (PS3.4 C.4.1.1.3.2; PS3.5 6.1.2.5): the query's own when every value of the
/// result can be written in it, so an SCU that asked in Latin-1 (or in the default repertoire, with no Specific
/// Character Set) reads Latin-1 (or ASCII) back; otherwise UTF-8 (ISO_IR 192), which holds any text. The standard lets
/// the SCP answer in another character set than the request's, and names it in (0008,0005) when it does.
/// </summary>
public static class ResultCharacterSet
{
    public static DicomCharacterSet Utf8 { get; } = DicomCharacterSet.FromSpecificCharacterSet("ISO_IR 192");

    /// <summary><paramref name="result"/> (UTF-8) re-encoded in <paramref name="preferred"/> when it holds every value, else as it is.</summary>
    public static DicomDataset Choose(DicomDataset result, DicomCharacterSet preferred)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(preferred);
        if (preferred.IsUtf8)
        {
            return result;
        }

        var lossy = false;
        var checking = preferred.WithDeviationHandler(_ => lossy = true);
        _ = Transcode(result, checking, topLevel: true);
        return lossy ? result : Transcode(result, preferred, topLevel: true);
    }

    /// <summary>
    /// A copy whose text is read with <paramref name="source"/>'s character set in force and written in
    /// <paramref name="target"/>; sequences are copied item by item (adding a stored sequence as it is would make its
    /// items decode with the result's character set, not the one they were written in).
    /// </summary>
    public static DicomDataset Transcode(DicomDataset source, DicomCharacterSet target, bool topLevel)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(target);
        var copy = new DicomDataset();
        if (topLevel && !target.IsDefault)
        {
            copy.AddOrUpdate(DicomTags.SpecificCharacterSet, DicomVR.CS, target.SpecificCharacterSetValue);
        }

        foreach (var element in source)
        {
            switch (element)
            {
                case { Tag: var tag } when tag == DicomTags.SpecificCharacterSet:
                    break;
                case DicomValueElement value when IsAffected(value.VR):
                    copy.Add(new DicomValueElement(value.Tag, value.VR, target.Encode(source.GetString(value.Tag) ?? string.Empty, value.VR)));
                    break;
                case DicomSequence sequence:
                    copy.Add(new DicomSequence(sequence.Tag, [.. sequence.Items.Select(item => Transcode(item, target, topLevel: false))]));
                    break;
                default:
                    copy.Add(element);
                    break;
            }
        }

        return copy;
    }

    /// <summary>The VRs whose text the character set applies to (PS3.5 6.1.2.3); the rest are the default repertoire.</summary>
    private static bool IsAffected(DicomVR vr) => vr is DicomVR.SH or DicomVR.LO or DicomVR.ST or DicomVR.LT or DicomVR.PN or DicomVR.UC or DicomVR.UT;
}
