namespace Tessera.Dimse.Pdus;

/// <summary>Application entity titles (PS3.5 Table 6.2-1, VR AE): 1–16 characters of the default repertoire, no backslash or control characters.</summary>
public static class AETitle
{
    public const int MaxLength = 16;

    /// <summary>Returns the title if it can be sent, otherwise throws: strict out.</summary>
    public static string Validate(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (!IsValid(value))
        {
            throw new ArgumentException($"'{value}' is not an AE title: 1–16 ASCII characters, not all spaces, no backslash or control characters");
        }

        return value;
    }

    public static bool IsValid(string value)
    {
        if (value.Length is 0 or > MaxLength || string.IsNullOrWhiteSpace(value))
        {
            return false;
        }

        foreach (var c in value)
        {
            if (c < 0x20 || c > 0x7E || c == '\\')
            {
                return false;
            }
        }

        return true;
    }
}
