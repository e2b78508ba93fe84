namespace Tessera.Dicom;

/// <summary>Reading and writing character-string values (PS3.5 6.2), decoded with the dataset's character set.</summary>
public sealed partial class DicomDataset
{
    /// <summary>
    /// The whole value as text (all values joined by backslash), decoded with the character set in
    /// force, trailing padding removed; null when the element is absent or not a primitive value.
    /// </summary>
    public string? GetString(DicomTag tag)
    {
        if (!TryGetElement(tag, out var element) || element is not DicomValueElement value)
        {
            return null;
        }

        var text = CharacterSet.Decode(value.Value.Load().Span, value.VR);
        return TrimPadding(text, value.VR);
    }

    /// <summary>The values of a multi-valued string element, each trimmed of insignificant spaces; empty when absent.</summary>
    public string[] GetStrings(DicomTag tag)
    {
        if (!TryGetElement(tag, out var element) || element is not DicomValueElement value || value.Length == 0)
        {
            return [];
        }

        var text = CharacterSet.Decode(value.Value.Load().Span, value.VR);
        if (value.VR.IsSingleValuedText())
        {
            return [TrimPadding(text, value.VR)];
        }

        var parts = text.Split('\\');
        for (var i = 0; i < parts.Length; i++)
        {
            parts[i] = TrimValue(parts[i], value.VR);
        }

        return parts;
    }

    /// <summary>Sets a string element; several values are joined with backslash. Encoded with the dataset's character set.</summary>
    public void AddOrUpdate(DicomTag tag, DicomVR vr, params string[] values)
    {
        var text = string.Join('\\', values);
        var characterSet = tag == SpecificCharacterSetTag ? Text.DicomCharacterSet.Default : CharacterSet;
        var bytes = characterSet.Encode(text, vr);
        Add(new DicomValueElement(tag, vr, bytes));
    }

    /// <summary>
    /// Trailing spaces (and NUL, which real files use to pad UI and sometimes strings) are never
    /// significant; leading spaces are significant only in LT, ST, UT and UR (PS3.5 6.2).
    /// </summary>
    private static string TrimPadding(string text, DicomVR vr) =>
        vr.IsSingleValuedText() ? text.TrimEnd(' ', '\0') : TrimValue(text, vr);

    private static string TrimValue(string text, DicomVR vr) =>
        vr.IsString() && !vr.IsSingleValuedText() ? text.Trim(' ', '\0') : text.TrimEnd(' ', '\0');
}
