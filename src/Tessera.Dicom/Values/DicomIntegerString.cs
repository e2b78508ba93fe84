using System.Globalization;

namespace Tessera.Dicom.Values;

/// <summary>
/// IS values (PS3.5 6.2): decimal digits with an optional leading '+' or '-', at most 12 bytes,
/// leading and trailing spaces allowed, -2^31 ≤ n ≤ 2^31-1. Leading zeros are valid ("007").
/// Lenient reading also accepts integral decimals ("12.0", written by some devices), values beyond
/// the 32-bit range when read as long, more than 12 characters, and NUL padding.
/// </summary>
public static class DicomIntegerString
{
    /// <summary>PS3.5 6.2: "12 bytes maximum".</summary>
    public const int MaximumLength = 12;

    public static int Parse(string text, DicomParseMode mode = DicomParseMode.Strict) =>
        TryParse(text, mode, out int value, out var error) ? value : throw new DicomException(error!);

    public static long ParseInt64(string text, DicomParseMode mode = DicomParseMode.Strict) =>
        TryParse(text, mode, out long value, out var error) ? value : throw new DicomException(error!);

    public static bool TryParse(ReadOnlySpan<char> text, DicomParseMode mode, out int value) =>
        TryParse(text, mode, out value, out _);

    public static bool TryParse(ReadOnlySpan<char> text, DicomParseMode mode, out long value) =>
        TryParse(text, mode, out value, out _);

    public static bool TryParse(ReadOnlySpan<char> text, DicomParseMode mode, out int value, out string? error)
    {
        value = 0;
        if (!TryParse(text, mode, out long wide, out error))
        {
            return false;
        }

        if (wide is < int.MinValue or > int.MaxValue)
        {
            error = $"IS {DicomValueText.Quote(text)} is outside -2^31 to 2^31-1";
            return false;
        }

        value = (int)wide;
        return true;
    }

    public static bool TryParse(ReadOnlySpan<char> text, DicomParseMode mode, out long value, out string? error)
    {
        value = 0;
        var lenient = mode == DicomParseMode.Lenient;
        if (!lenient && text.Length > MaximumLength)
        {
            error = $"IS {DicomValueText.Quote(text)} has {text.Length} characters, more than 12";
            return false;
        }

        var trimmed = lenient ? DicomValueText.TrimPadding(text) : text.Trim(' ');
        var digits = trimmed.Length > 0 && trimmed[0] is '+' or '-' ? trimmed[1..] : trimmed;
        if (lenient)
        {
            // "12.0" or "12." from writers that format IS like DS: accept when the fraction is zero.
            var point = digits.IndexOf('.');
            if (point >= 0 && DicomValueText.AllDigits(digits[(point + 1)..]) && !digits[(point + 1)..].ContainsAnyExcept('0'))
            {
                trimmed = trimmed[..(trimmed.Length - digits.Length + point)];
                digits = digits[..point];
            }
        }

        if (digits.IsEmpty || !DicomValueText.AllDigits(digits))
        {
            error = $"IS {DicomValueText.Quote(text)} is not an integer (digits with an optional sign)";
            return false;
        }

        if (!long.TryParse(trimmed, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value))
        {
            error = $"IS {DicomValueText.Quote(text)} is outside the range of a 64-bit integer";
            return false;
        }

        if (!lenient && value is < int.MinValue or > int.MaxValue)
        {
            error = $"IS {DicomValueText.Quote(text)} is outside -2^31 to 2^31-1";
            value = 0;
            return false;
        }

        error = null;
        return true;
    }

    public static string Format(int value) => value.ToString(CultureInfo.InvariantCulture);
}
