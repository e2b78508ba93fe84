using System.Globalization;

namespace Tessera.Dicom.Values;

/// <summary>
/// A DA value (PS3.5 6.2): a calendar date written YYYYMMDD. Lenient reading also accepts the
/// ACR-NEMA form YYYY.MM.DD (PS3.5 6.2 note: "previous versions" allowed it; old files still carry it),
/// '-' or '/' separators, and padding at either end.
/// </summary>
public readonly struct DicomDate : IEquatable<DicomDate>, IComparable<DicomDate>
{
    public DicomDate(DateOnly date) => Date = date;

    public DicomDate(int year, int month, int day) => Date = new DateOnly(year, month, day);

    public DateOnly Date { get; }

    public int Year => Date.Year;

    public int Month => Date.Month;

    public int Day => Date.Day;

    public static DicomDate Parse(string text, DicomParseMode mode = DicomParseMode.Strict) =>
        TryParse(text, mode, out var value, out var error) ? value : throw new DicomException(error!);

    public static bool TryParse(ReadOnlySpan<char> text, out DicomDate value) =>
        TryParse(text, DicomParseMode.Strict, out value, out _);

    public static bool TryParse(ReadOnlySpan<char> text, DicomParseMode mode, out DicomDate value) =>
        TryParse(text, mode, out value, out _);

    /// <summary>Parses a DA value; on failure <paramref name="error"/> says what is wrong.</summary>
    public static bool TryParse(ReadOnlySpan<char> text, DicomParseMode mode, out DicomDate value, out string? error)
    {
        value = default;
        var original = text;
        if (mode == DicomParseMode.Lenient)
        {
            text = DicomValueText.TrimPadding(text);
            if (text.Length == 10 && text[4] is '.' or '-' or '/' && text[7] == text[4])
            {
                Span<char> digits = stackalloc char[8];
                text[..4].CopyTo(digits);
                text[5..7].CopyTo(digits[4..]);
                text[8..].CopyTo(digits[6..]);
                return TryParseDigits(digits, original, out value, out error);
            }
        }

        if (text.Length != 8)
        {
            error = $"DA {DicomValueText.Quote(original)} must be 8 characters YYYYMMDD";
            return false;
        }

        return TryParseDigits(text, original, out value, out error);
    }

    /// <summary>YYYYMMDD, the only form PS3.5 allows.</summary>
    public override string ToString() => Date.ToString("yyyyMMdd", CultureInfo.InvariantCulture);

    public bool Equals(DicomDate other) => Date == other.Date;

    public override bool Equals(object? obj) => obj is DicomDate other && Equals(other);

    public override int GetHashCode() => Date.GetHashCode();

    public int CompareTo(DicomDate other) => Date.CompareTo(other.Date);

    public static bool operator ==(DicomDate left, DicomDate right) => left.Equals(right);

    public static bool operator !=(DicomDate left, DicomDate right) => !left.Equals(right);

    public static bool operator <(DicomDate left, DicomDate right) => left.Date < right.Date;

    public static bool operator >(DicomDate left, DicomDate right) => left.Date > right.Date;

    public static bool operator <=(DicomDate left, DicomDate right) => left.Date <= right.Date;

    public static bool operator >=(DicomDate left, DicomDate right) => left.Date >= right.Date;

    internal static bool TryCreate(int year, int month, int day, out DateOnly date, out string? error)
    {
        date = default;
        if (year < 1)
        {
            error = "year 0000 does not exist";
            return false;
        }

        if (month is < 1 or > 12)
        {
            error = $"month {month:00} is not 01-12";
            return false;
        }

        if (day < 1 || day > DateTime.DaysInMonth(year, month))
        {
            error = $"day {day:00} does not exist in {year:0000}-{month:00}";
            return false;
        }

        date = new DateOnly(year, month, day);
        error = null;
        return true;
    }

    private static bool TryParseDigits(ReadOnlySpan<char> digits, ReadOnlySpan<char> original, out DicomDate value, out string? error)
    {
        value = default;
        if (!DicomValueText.AllDigits(digits))
        {
            error = $"DA {DicomValueText.Quote(original)} must contain only digits YYYYMMDD";
            return false;
        }

        if (!TryCreate(DicomValueText.ReadNumber(digits[..4]), DicomValueText.ReadNumber(digits[4..6]), DicomValueText.ReadNumber(digits[6..]), out var date, out var reason))
        {
            error = $"DA {DicomValueText.Quote(original)}: {reason}";
            return false;
        }

        value = new DicomDate(date);
        error = null;
        return true;
    }
}
