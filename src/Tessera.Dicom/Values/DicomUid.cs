namespace Tessera.Dicom.Values;

/// <summary>
/// UI values (PS3.5 9.1): components of digits separated by '.', each component without leading
/// zeros (a single "0" is allowed), 64 characters at most. Lenient checking also accepts leading
/// zeros (seen in real files, e.g. "1.2.123.456.78.9.0123") and lengths over 64; it never accepts
/// empty components or characters other than digits and '.'.
/// </summary>
public static class DicomUid
{
    /// <summary>PS3.5 9.1: "shall not exceed 64 total characters".</summary>
    public const int MaximumLength = 64;

    public static bool IsValid(ReadOnlySpan<char> uid, DicomParseMode mode = DicomParseMode.Strict) =>
        TryValidate(uid, mode, out _);

    /// <summary>Throws a <see cref="DicomException"/> saying what is wrong when <paramref name="uid"/> is not valid.</summary>
    public static void Validate(string uid, DicomParseMode mode = DicomParseMode.Strict)
    {
        if (!TryValidate(uid, mode, out var error))
        {
            throw new DicomException(error!);
        }
    }

    public static bool TryValidate(ReadOnlySpan<char> uid, DicomParseMode mode, out string? error)
    {
        var lenient = mode == DicomParseMode.Lenient;
        var original = uid;
        if (lenient)
        {
            uid = DicomValueText.TrimPadding(uid);
        }

        if (uid.IsEmpty)
        {
            error = "UID is empty";
            return false;
        }

        if (!lenient && uid.Length > MaximumLength)
        {
            error = $"UID {DicomValueText.Quote(original)} has {uid.Length} characters, more than 64";
            return false;
        }

        var number = 0;
        foreach (var range in uid.Split('.'))
        {
            number++;
            var component = uid[range];
            if (component.IsEmpty)
            {
                error = $"UID {DicomValueText.Quote(original)}: component {number} is empty";
                return false;
            }

            if (!DicomValueText.AllDigits(component))
            {
                error = $"UID {DicomValueText.Quote(original)}: component {number} {DicomValueText.Quote(component)} is not all digits";
                return false;
            }

            if (!lenient && component.Length > 1 && component[0] == '0')
            {
                error = $"UID {DicomValueText.Quote(original)}: component {number} {DicomValueText.Quote(component)} has a leading zero";
                return false;
            }
        }

        error = null;
        return true;
    }
}
