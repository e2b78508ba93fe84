namespace Tessera.Dicom.Serialization;

/// <summary>Person Name component groups and components (PS3.5 6.2.1), split and joined the same way for JSON and XML.</summary>
internal static class PersonNameText
{
    /// <summary>The PS3.19 element names of the five components, in PS3.5 order.</summary>
    public static readonly string[] ComponentNames = ["FamilyName", "GivenName", "MiddleName", "NamePrefix", "NameSuffix"];

    /// <summary>The PS3.18 / PS3.19 names of the three component groups, in PS3.5 order.</summary>
    public static readonly string[] GroupNames = ["Alphabetic", "Ideographic", "Phonetic"];

    /// <summary>Groups joined by '=', trailing empty groups dropped (PS3.5 6.2.1.1); null when all are empty.</summary>
    public static string? Join(IReadOnlyList<string?> groups)
    {
        var last = groups.Count - 1;
        while (last >= 0 && string.IsNullOrEmpty(groups[last]))
        {
            last--;
        }

        return last < 0 ? null : string.Join('=', groups.Take(last + 1).Select(g => g ?? string.Empty));
    }

    /// <summary>
    /// A PN value without the trailing '^' of each group and trailing '=' (PS3.5 6.2.1.1: they
    /// carry nothing and may be left out), null when nothing is left: "Doe^John^" is "Doe^John",
    /// "^^^^" is an empty value.
    /// </summary>
    public static string? Normalize(string? value)
    {
        if (value is null)
        {
            return null;
        }

        var groups = value.Split('=');
        for (var i = 0; i < groups.Length; i++)
        {
            groups[i] = groups[i].TrimEnd('^', ' ');
        }

        return Join(groups);
    }
}
