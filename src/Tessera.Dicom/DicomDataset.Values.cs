using Tessera.Dicom.Values;

namespace Tessera.Dicom;

/// <summary>
/// Typed access to PN, AS, DS, IS and AT elements (PS3.5 6.2). Reading is lenient; a value that
/// cannot be read even leniently makes Get* throw a <see cref="DicomException"/> naming the element.
/// Writing is strict.
/// </summary>
public sealed partial class DicomDataset
{
    /// <summary>The first PN value, or null when the element is absent or empty.</summary>
    public DicomPersonName? GetPersonName(DicomTag tag)
    {
        var strings = GetStrings(tag);
        if (strings.Length == 0 || strings[0].Length == 0)
        {
            return null;
        }

        return DicomPersonName.TryParse(strings[0], DicomParseMode.Lenient, out var value, out var error)
            ? value
            : throw new DicomException(error!, tag: tag);
    }

    public DicomPersonName[] GetPersonNames(DicomTag tag) => GetAll<DicomPersonName>(tag, DicomPersonName.TryParse);

    public void AddOrUpdate(DicomTag tag, params DicomPersonName[] values) =>
        AddOrUpdate(tag, DicomVR.PN, Array.ConvertAll(values, v => v.ToString()));

    public bool TryGetAge(DicomTag tag, out DicomAge value) => TryGetFirst(tag, DicomAge.TryParse, out value);

    /// <summary>The AS value, or null when the element is absent or empty.</summary>
    public DicomAge? GetAge(DicomTag tag) => GetFirst<DicomAge>(tag, DicomAge.TryParse);

    public void AddOrUpdate(DicomTag tag, DicomAge value) => AddOrUpdate(tag, DicomVR.AS, value.ToString());

    /// <summary>
    /// The values of a numeric element as double: DS parsed from text, FD and FL read as binary
    /// (so callers need not care which VR a writer chose). Empty when absent.
    /// </summary>
    public double[] GetDoubles(DicomTag tag)
    {
        if (!TryGetElement(tag, out var element))
        {
            return [];
        }

        return element.VR switch
        {
            DicomVR.FD => GetValues<double>(tag),
            DicomVR.FL => Array.ConvertAll(GetValues<float>(tag), v => (double)v),
            _ => GetAll<double>(tag, DicomDecimalString.TryParse),
        };
    }

    /// <summary>The first value of <see cref="GetDoubles"/>, or null.</summary>
    public double? GetDouble(DicomTag tag) => GetDoubles(tag) is [var first, ..] ? first : null;

    /// <summary>The values of a DS element as decimal, exactly as written (no binary rounding).</summary>
    public decimal[] GetDecimalStrings(DicomTag tag) => GetAll<decimal>(tag, DicomDecimalString.TryParse);

    /// <summary>
    /// The values of an IS element as int; US, SS, UL and SL elements are read as binary for the
    /// same convenience as <see cref="GetDoubles"/> (UL values above 2^31-1 throw). Empty when absent.
    /// </summary>
    public int[] GetIntegerStrings(DicomTag tag)
    {
        if (!TryGetElement(tag, out var element))
        {
            return [];
        }

        return element.VR switch
        {
            DicomVR.US => Array.ConvertAll(GetValues<ushort>(tag), v => (int)v),
            DicomVR.SS => Array.ConvertAll(GetValues<short>(tag), v => (int)v),
            DicomVR.SL => GetValues<int>(tag),
            DicomVR.UL => Array.ConvertAll(GetValues<uint>(tag), v => v <= int.MaxValue ? (int)v : throw new DicomException($"UL value {v} exceeds 2^31-1", tag: tag)),
            _ => GetAll<int>(tag, DicomIntegerString.TryParse),
        };
    }

    /// <summary>The first value of <see cref="GetIntegerStrings"/>, or null.</summary>
    public int? GetIntegerString(DicomTag tag) => GetIntegerStrings(tag) is [var first, ..] ? first : null;

    /// <summary>Sets a DS element, each value in at most 16 characters (<see cref="DicomDecimalString.Format(double)"/>).</summary>
    public void AddOrUpdateDecimalStrings(DicomTag tag, params double[] values) =>
        AddOrUpdate(tag, DicomVR.DS, Array.ConvertAll(values, DicomDecimalString.Format));

    /// <summary>Sets a DS element from decimals, trailing zeros kept (<see cref="DicomDecimalString.Format(decimal)"/>).</summary>
    public void AddOrUpdateDecimalStrings(DicomTag tag, params decimal[] values) =>
        AddOrUpdate(tag, DicomVR.DS, Array.ConvertAll(values, DicomDecimalString.Format));

    public void AddOrUpdateIntegerStrings(DicomTag tag, params int[] values) =>
        AddOrUpdate(tag, DicomVR.IS, Array.ConvertAll(values, DicomIntegerString.Format));

    /// <summary>The tags of an AT element (a trailing partial tag from a faulty writer is ignored); empty when absent.</summary>
    public DicomTag[] GetTags(DicomTag tag)
    {
        if (!TryGetElement(tag, out var element) || element is not DicomValueElement value)
        {
            return [];
        }

        return DicomAttributeTag.Read(value.Value.Load().Span, DicomParseMode.Lenient);
    }

    public void AddOrUpdate(DicomTag tag, params DicomTag[] values) =>
        Add(new DicomValueElement(tag, DicomVR.AT, DicomAttributeTag.Write(values)));

    /// <summary>Sets a UI element after checking each UID strictly (PS3.5 9.1): strict out (STYLE 11).</summary>
    public void AddOrUpdateUids(DicomTag tag, params string[] uids)
    {
        foreach (var uid in uids)
        {
            if (!DicomUid.TryValidate(uid, DicomParseMode.Strict, out var error))
            {
                throw new DicomException(error!, tag: tag);
            }
        }

        AddOrUpdate(tag, DicomVR.UI, uids);
    }
}
