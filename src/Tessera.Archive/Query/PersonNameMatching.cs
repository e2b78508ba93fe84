using Tessera.Dicom.Values;

namespace Tessera.Archive.Query;

/// <summary>
/// The form in which person names match by single value when case is ignored (the default): each value as PN text
/// with its trailing empty components and groups dropped (PS3.5 6.2.1.1: "Doe^John^^^" is "Doe^John", which modalities
/// write either way) and upper case. An index keeps its stored names in this form, and a query's value is put in it.
/// </summary>
public static class PersonNameMatching
{
    public static string Key(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return string.Join('\\', value.Split('\\').Select(one => DicomPersonName.TryParse(one, DicomParseMode.Lenient, out var name) ? name.ToString() : one)).ToUpperInvariant();
    }
}
