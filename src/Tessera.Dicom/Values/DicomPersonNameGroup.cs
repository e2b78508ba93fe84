namespace Tessera.Dicom.Values;

/// <summary>
/// One component group of a PN value (PS3.5 6.2.1.1): five components separated by '^' in the
/// order family name, given name, middle name, name prefix, name suffix. Absent components are "".
/// </summary>
public sealed record DicomPersonNameGroup(
    string FamilyName = "",
    string GivenName = "",
    string MiddleName = "",
    string NamePrefix = "",
    string NameSuffix = "")
{
    public static DicomPersonNameGroup Empty { get; } = new();

    public bool IsEmpty => FamilyName.Length == 0 && GivenName.Length == 0 && MiddleName.Length == 0 && NamePrefix.Length == 0 && NameSuffix.Length == 0;

    /// <summary>The components in order.</summary>
    public IReadOnlyList<string> Components => [FamilyName, GivenName, MiddleName, NamePrefix, NameSuffix];

    /// <summary>The group as PN text: components joined by '^', trailing empty ones dropped (PS3.5 6.2.1.1).</summary>
    public override string ToString()
    {
        var components = Components;
        var count = components.Count;
        while (count > 0 && components[count - 1].Length == 0)
        {
            count--;
        }

        return string.Join('^', components.Take(count));
    }
}
