using System.Globalization;

namespace Tessera.Dicom.Values;

/// <summary>
/// An AS value (PS3.5 6.2): nnnD, nnnW, nnnM or nnnY — three digits and a unit, e.g. "018M".
/// Lenient reading also accepts fewer digits ("22Y"), a lower-case unit, and spaces around the number.
/// </summary>
public readonly record struct DicomAge
{
    public DicomAge(int value, DicomAgeUnit unit)
    {
        if (value is < 0 or > 999)
        {
            throw new ArgumentOutOfRangeException(nameof(value), "an age string holds 000 to 999");
        }

        if (!Enum.IsDefined(unit))
        {
            throw new ArgumentOutOfRangeException(nameof(unit));
        }

        Value = value;
        Unit = unit;
    }

    public int Value { get; }

    public DicomAgeUnit Unit { get; }

    public static DicomAge Parse(string text, DicomParseMode mode = DicomParseMode.Strict) =>
        TryParse(text, mode, out var value, out var error) ? value : throw new DicomException(error!);

    public static bool TryParse(ReadOnlySpan<char> text, out DicomAge value) =>
        TryParse(text, DicomParseMode.Strict, out value, out _);

    public static bool TryParse(ReadOnlySpan<char> text, DicomParseMode mode, out DicomAge value) =>
        TryParse(text, mode, out value, out _);

    public static bool TryParse(ReadOnlySpan<char> text, DicomParseMode mode, out DicomAge value, out string? error)
    {
        value = default;
        var original = text;
        var lenient = mode == DicomParseMode.Lenient;
        if (lenient)
        {
            text = DicomValueText.TrimPadding(text);
        }

        if (text.IsEmpty)
        {
            error = "AS is empty";
            return false;
        }

        var letter = lenient ? char.ToUpperInvariant(text[^1]) : text[^1];
        if (letter is not ('D' or 'W' or 'M' or 'Y'))
        {
            error = $"AS {DicomValueText.Quote(original)} must end with D, W, M or Y";
            return false;
        }

        var digits = text[..^1];
        if (lenient)
        {
            digits = digits.Trim(' ');
        }

        if ((lenient ? digits.Length is < 1 or > 3 : digits.Length != 3) || !DicomValueText.AllDigits(digits))
        {
            error = $"AS {DicomValueText.Quote(original)} must be three digits and a unit, nnnD/W/M/Y";
            return false;
        }

        value = new DicomAge(DicomValueText.ReadNumber(digits), (DicomAgeUnit)letter);
        error = null;
        return true;
    }

    /// <summary>
    /// The age reached on <paramref name="on"/> by someone born on <paramref name="birthDate"/>, in the
    /// unit a modality would choose (PS3.3 C.7.1.1 leaves the choice open; this follows common practice:
    /// days under 4 weeks, weeks under 4 months... years from 4 years, which keeps nnn ≤ 999).
    /// </summary>
    public static DicomAge FromBirthDate(DateOnly birthDate, DateOnly on)
    {
        if (on < birthDate)
        {
            throw new ArgumentOutOfRangeException(nameof(on), "the date is before the birth date");
        }

        var days = on.DayNumber - birthDate.DayNumber;
        var months = ((on.Year - birthDate.Year) * 12) + on.Month - birthDate.Month - (on.Day < birthDate.Day ? 1 : 0);
        if (days < 28)
        {
            return new DicomAge(days, DicomAgeUnit.Days);
        }

        if (months < 4)
        {
            return new DicomAge(days / 7, DicomAgeUnit.Weeks);
        }

        if (months < 48)
        {
            return new DicomAge(months, DicomAgeUnit.Months);
        }

        return new DicomAge(Math.Min(months / 12, 999), DicomAgeUnit.Years);
    }

    /// <summary>nnnU with three digits, the only form PS3.5 allows.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Value:000}{(char)Unit}");
}
