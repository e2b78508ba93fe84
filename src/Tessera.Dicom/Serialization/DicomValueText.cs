using Tessera.Dicom.Text;

namespace Tessera.Dicom.Serialization;

/// <summary>
/// Turns the bytes of a character-string element into the list of values both PS3.18 F.2.4 and
/// PS3.19 A.1 work with, and back: one split, one trimming rule, shared by JSON and XML.
/// </summary>
internal static class DicomValueText
{
    /// <summary>
    /// The values of a string element, null for each empty value (PS3.18 F.2.5); an empty array
    /// when the whole value is empty or padding only (the attribute then carries no Value).
    /// </summary>
    public static string?[] Split(ReadOnlySpan<byte> bytes, DicomVR vr, DicomCharacterSet characterSet)
    {
        if (bytes.IsEmpty)
        {
            return [];
        }

        var text = characterSet.Decode(bytes, vr);
        if (vr.IsSingleValuedText())
        {
            // LT, ST, UT, UR hold one value; backslash is an ordinary character (PS3.5 6.2) and
            // leading spaces are significant, trailing ones are not.
            var single = text.TrimEnd(' ', '\0');
            return single.Length == 0 ? [] : [single];
        }

        if (text.AsSpan().Trim(" \0").IsEmpty)
        {
            return [];
        }

        var parts = text.Split('\\');
        var values = new string?[parts.Length];
        for (var i = 0; i < parts.Length; i++)
        {
            var value = parts[i].Trim(' ', '\0');
            values[i] = value.Length == 0 ? null : value;
        }

        return values;
    }

    /// <summary>Joins values with backslash (null and empty alike become empty values), as PS3.5 6.4 encodes VM &gt; 1.</summary>
    public static string Join(IReadOnlyList<string?> values) => values.Count switch
    {
        0 => string.Empty,
        1 => values[0] ?? string.Empty,
        _ => string.Join('\\', values.Select(v => v ?? string.Empty)),
    };
}
