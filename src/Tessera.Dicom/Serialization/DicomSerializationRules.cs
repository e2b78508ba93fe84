namespace Tessera.Dicom.Serialization;

/// <summary>Which VRs go where in the JSON and XML models (PS3.18 F.2.2, PS3.19 A.1.5).</summary>
internal static class DicomSerializationRules
{
    /// <summary>Pixel Data (7FE0,0010), the only element PS3.5 A.4 encapsulates.</summary>
    public static readonly DicomTag PixelData = new(0x7FE0, 0x0010);

    /// <summary>Specific Character Set (0008,0005).</summary>
    public static readonly DicomTag SpecificCharacterSet = new(0x0008, 0x0005);

    /// <summary>The VRs whose value is one opaque octet stream: InlineBinary or BulkDataURI, never a Value array (PS3.18 F.2.2).</summary>
    public static bool IsOctetStream(DicomVR vr) =>
        vr is DicomVR.OB or DicomVR.OD or DicomVR.OF or DicomVR.OL or DicomVR.OV or DicomVR.OW or DicomVR.UN || !vr.IsKnown();

    /// <summary>The VRs PS3.18 F.2.2 (and 10.4.3.3.2) allows to be replaced by a BulkDataURI.</summary>
    public static bool MayBeBulkData(DicomVR vr) => IsOctetStream(vr) || vr is DicomVR.DS or DicomVR.FL or DicomVR.FD
        or DicomVR.IS or DicomVR.LT or DicomVR.SL or DicomVR.SS or DicomVR.ST or DicomVR.SV or DicomVR.UC or DicomVR.UL
        or DicomVR.US or DicomVR.UT or DicomVR.UV;

    /// <summary>The VRs whose values are binary numbers (JSON Number, PS3.18 Table F.2.3-1).</summary>
    public static bool IsBinaryNumber(DicomVR vr) => vr is DicomVR.US or DicomVR.SS or DicomVR.UL or DicomVR.SL
        or DicomVR.FL or DicomVR.FD or DicomVR.SV or DicomVR.UV;

    /// <summary>Group length elements are never written (PS3.18 F.2.2, PS3.19 A.1.1).</summary>
    public static bool IsSkipped(DicomTag tag) => tag.IsGroupLength;

    /// <summary>
    /// The PS3.6 keyword of a standard attribute, or null: private elements (creators included)
    /// have none in PS3.6, and their meaning comes from the creator (PS3.19 A.1.5 privateCreator).
    /// </summary>
    public static string? Keyword(DicomTag tag, Func<DicomTag, string?>? lookup)
    {
        if (lookup is not null)
        {
            return lookup(tag);
        }

        return tag.IsPrivate ? null : DicomDictionary.Find(tag)?.Keyword;
    }
}
