using System.Globalization;
using System.Text;

namespace Tessera.Dicom.Values;

/// <summary>
/// A TM value (PS3.5 6.2): HH[MM[SS[.F{1-6}]]], keeping which components were given so it
/// formats back exactly and, in a query, stands for the whole period it implies
/// (TM "12" = 12:00:00.000000 to 12:59:59.999999, PS3.4 C.2.2.2.5).
/// SS may be 60 for a leap second (PS3.5 6.2, TM: "00 ≤ SS ≤ 60").
/// Lenient reading also accepts HH:MM[:SS[.F]] (the ACR-NEMA form PS3.5 6.2 notes), more than six fraction
/// digits (truncated), a trailing '.', and padding at either end.
/// </summary>
public readonly struct DicomTime : IEquatable<DicomTime>, IComparable<DicomTime>
{
    private readonly byte _hour;
    private readonly byte _minute;
    private readonly byte _second;
    private readonly int _microsecond;
    private readonly DicomDateTimePrecision _precision;
    private readonly byte _fractionDigits;

    /// <summary>A time with the components given; the precision follows from the last non-null one.</summary>
    public DicomTime(int hour, int? minute = null, int? second = null, int? microsecond = null, int fractionDigits = 6)
    {
        if (minute is null && (second is not null || microsecond is not null) || second is null && microsecond is not null)
        {
            throw new ArgumentException("Components may only be omitted from the right (PS3.5 6.2)");
        }

        var precision = microsecond is not null ? DicomDateTimePrecision.Fraction
            : second is not null ? DicomDateTimePrecision.Second
            : minute is not null ? DicomDateTimePrecision.Minute
            : DicomDateTimePrecision.Hour;
        if (!TryCheck(hour, minute ?? 0, second ?? 0, microsecond ?? 0, precision == DicomDateTimePrecision.Fraction ? fractionDigits : 0, out var error))
        {
            throw new ArgumentOutOfRangeException(nameof(hour), error);
        }

        _hour = (byte)hour;
        _minute = (byte)(minute ?? 0);
        _second = (byte)(second ?? 0);
        _microsecond = microsecond ?? 0;
        _precision = precision;
        _fractionDigits = (byte)(precision == DicomDateTimePrecision.Fraction ? fractionDigits : 0);
    }

    private DicomTime(int hour, int minute, int second, int microsecond, DicomDateTimePrecision precision, int fractionDigits)
    {
        _hour = (byte)hour;
        _minute = (byte)minute;
        _second = (byte)second;
        _microsecond = microsecond;
        _precision = precision;
        _fractionDigits = (byte)fractionDigits;
    }

    public int Hour => _hour;

    /// <summary>The minute, 0 when not given.</summary>
    public int Minute => _minute;

    /// <summary>The second (0-60), 0 when not given.</summary>
    public int Second => _second;

    /// <summary>Microseconds of the second, 0 when not given.</summary>
    public int Microsecond => _microsecond;

    /// <summary>The last component given: Hour, Minute, Second or Fraction. A default instance is "00" (Hour).</summary>
    public DicomDateTimePrecision Precision => _precision < DicomDateTimePrecision.Hour ? DicomDateTimePrecision.Hour : _precision;

    /// <summary>Number of fraction digits written (1-6), 0 unless <see cref="Precision"/> is Fraction.</summary>
    public int FractionDigits => _fractionDigits;

    /// <summary>Start of the implied period, as time since midnight (a leap second makes it reach 24:00:00).</summary>
    public TimeSpan LowerBound => TimeSpan.FromTicks(ToMicroseconds() * TimeSpan.TicksPerMicrosecond);

    /// <summary>Last microsecond of the implied period: "1230" → 12:30:59.999999.</summary>
    public TimeSpan UpperBound => TimeSpan.FromTicks((ToMicroseconds() + PeriodMicroseconds(Precision, FractionDigits) - 1) * TimeSpan.TicksPerMicrosecond);

    /// <summary>A full-precision time (seconds, plus six fraction digits when there are microseconds).</summary>
    public static DicomTime FromTimeOnly(TimeOnly time)
    {
        var microsecond = (int)(time.Ticks % TimeSpan.TicksPerSecond / TimeSpan.TicksPerMicrosecond);
        return microsecond == 0
            ? new DicomTime(time.Hour, time.Minute, time.Second)
            : new DicomTime(time.Hour, time.Minute, time.Second, microsecond);
    }

    /// <summary>The start of the implied period. TimeOnly has no leap second: SS = 60 becomes the last microsecond of its minute (HH:MM:59.999999).</summary>
    public TimeOnly ToTimeOnly() => _second == 60
        ? new TimeOnly(_hour, _minute, 59).Add(TimeSpan.FromTicks(TimeSpan.TicksPerSecond - TimeSpan.TicksPerMicrosecond))
        : new TimeOnly(_hour, _minute, _second).Add(TimeSpan.FromTicks(_microsecond * TimeSpan.TicksPerMicrosecond));

    public static DicomTime Parse(string text, DicomParseMode mode = DicomParseMode.Strict) =>
        TryParse(text, mode, out var value, out var error) ? value : throw new DicomException(error!);

    public static bool TryParse(ReadOnlySpan<char> text, out DicomTime value) =>
        TryParse(text, DicomParseMode.Strict, out value, out _);

    public static bool TryParse(ReadOnlySpan<char> text, DicomParseMode mode, out DicomTime value) =>
        TryParse(text, mode, out value, out _);

    /// <summary>Parses a TM value; on failure <paramref name="error"/> says what is wrong.</summary>
    public static bool TryParse(ReadOnlySpan<char> text, DicomParseMode mode, out DicomTime value, out string? error)
    {
        value = default;
        var lenient = mode == DicomParseMode.Lenient;
        var original = text;
        if (lenient)
        {
            text = DicomValueText.TrimPadding(text);
        }

        if (!TryReadClock(text, lenient, out var parts, out var consumed, out error))
        {
            error = $"TM {DicomValueText.Quote(original)}: {error}";
            return false;
        }

        if (consumed != text.Length)
        {
            error = $"TM {DicomValueText.Quote(original)}: unexpected {DicomValueText.Quote(text[consumed..])} after HH[MM[SS[.F{{1-6}}]]]";
            return false;
        }

        if (!TryCheck(parts.Hour, parts.Minute, parts.Second, parts.Microsecond, parts.FractionDigits, out error))
        {
            error = $"TM {DicomValueText.Quote(original)}: {error}";
            return false;
        }

        value = new DicomTime(parts.Hour, parts.Minute, parts.Second, parts.Microsecond, parts.Precision, parts.FractionDigits);
        return true;
    }

    /// <summary>HH[MM[SS[.F{1-6}]]] with exactly the components and fraction digits the value has.</summary>
    public override string ToString()
    {
        var builder = new StringBuilder(13);
        AppendTo(builder);
        return builder.ToString();
    }

    public bool Equals(DicomTime other) =>
        _hour == other._hour && _minute == other._minute && _second == other._second && _microsecond == other._microsecond
        && Precision == other.Precision && _fractionDigits == other._fractionDigits;

    public override bool Equals(object? obj) => obj is DicomTime other && Equals(other);

    public override int GetHashCode() => HashCode.Combine(ToMicroseconds(), Precision, _fractionDigits);

    /// <summary>Orders by start of the implied period, then coarser before finer.</summary>
    public int CompareTo(DicomTime other)
    {
        var order = ToMicroseconds().CompareTo(other.ToMicroseconds());
        return order != 0 ? order : (Precision, _fractionDigits).CompareTo((other.Precision, other._fractionDigits));
    }

    public static bool operator ==(DicomTime left, DicomTime right) => left.Equals(right);

    public static bool operator !=(DicomTime left, DicomTime right) => !left.Equals(right);

    public static bool operator <(DicomTime left, DicomTime right) => left.CompareTo(right) < 0;

    public static bool operator >(DicomTime left, DicomTime right) => left.CompareTo(right) > 0;

    public static bool operator <=(DicomTime left, DicomTime right) => left.CompareTo(right) <= 0;

    public static bool operator >=(DicomTime left, DicomTime right) => left.CompareTo(right) >= 0;

    internal void AppendTo(StringBuilder builder)
    {
        var culture = CultureInfo.InvariantCulture;
        builder.Append(culture, $"{_hour:00}");
        if (Precision >= DicomDateTimePrecision.Minute)
        {
            builder.Append(culture, $"{_minute:00}");
        }

        if (Precision >= DicomDateTimePrecision.Second)
        {
            builder.Append(culture, $"{_second:00}");
        }

        if (Precision == DicomDateTimePrecision.Fraction)
        {
            builder.Append('.').Append(_microsecond.ToString("000000", culture).AsSpan(0, _fractionDigits));
        }
    }

    internal long ToMicroseconds() => (((((long)_hour * 60) + _minute) * 60) + _second) * 1_000_000 + _microsecond;

    /// <summary>Length of the period a value of this precision stands for, in microseconds.</summary>
    internal static long PeriodMicroseconds(DicomDateTimePrecision precision, int fractionDigits) => precision switch
    {
        DicomDateTimePrecision.Hour => 3_600_000_000,
        DicomDateTimePrecision.Minute => 60_000_000,
        DicomDateTimePrecision.Second => 1_000_000,
        DicomDateTimePrecision.Fraction => DicomValueText.Pow10(6 - fractionDigits),
        _ => throw new ArgumentOutOfRangeException(nameof(precision)),
    };

    internal static bool TryCheck(int hour, int minute, int second, int microsecond, int fractionDigits, out string? error)
    {
        error = hour is < 0 or > 23 ? $"hour {hour:00} is not 00-23"
            : minute is < 0 or > 59 ? $"minute {minute:00} is not 00-59"
            : second is < 0 or > 60 ? $"second {second:00} is not 00-60"
            : microsecond is < 0 or > 999_999 ? $"microsecond {microsecond} is not 0-999999"
            : fractionDigits is < 0 or > 6 ? $"{fractionDigits} fraction digits: at most 6"
            : fractionDigits > 0 && microsecond % DicomValueText.Pow10(6 - fractionDigits) != 0 ? $"microsecond {microsecond} needs more than {fractionDigits} fraction digits"
            : null;
        return error is null;
    }

    /// <summary>
    /// Reads HH[MM[SS[.F]]] from the start of <paramref name="text"/> (also the time part of DT);
    /// lenient reading takes ':' separators and drops fraction digits beyond six.
    /// </summary>
    internal static bool TryReadClock(ReadOnlySpan<char> text, bool lenient, out ClockParts parts, out int consumed, out string? error)
    {
        parts = default;
        consumed = 0;
        error = null;
        var colons = lenient && text.Length > 2 && text[2] == ':';
        if (!TryTwoDigits(text, ref consumed, out var hour))
        {
            error = "hour must be two digits HH";
            return false;
        }

        parts.Hour = hour;
        parts.Precision = DicomDateTimePrecision.Hour;
        if (colons && consumed < text.Length && text[consumed] == ':')
        {
            consumed++;
        }

        if (consumed == text.Length || !DicomValueText.IsDigit(text[consumed]))
        {
            return true;
        }

        if (!TryTwoDigits(text, ref consumed, out var minute))
        {
            error = "minute must be two digits MM";
            return false;
        }

        parts.Minute = minute;
        parts.Precision = DicomDateTimePrecision.Minute;
        if (colons && consumed < text.Length && text[consumed] == ':')
        {
            consumed++;
        }

        if (consumed == text.Length || !DicomValueText.IsDigit(text[consumed]))
        {
            return true;
        }

        if (!TryTwoDigits(text, ref consumed, out var second))
        {
            error = "second must be two digits SS";
            return false;
        }

        parts.Second = second;
        parts.Precision = DicomDateTimePrecision.Second;
        if (consumed == text.Length || text[consumed] != '.')
        {
            return true;
        }

        var start = ++consumed;
        while (consumed < text.Length && DicomValueText.IsDigit(text[consumed]))
        {
            consumed++;
        }

        var digits = text[start..consumed];
        if (digits.Length == 0)
        {
            if (lenient)
            {
                return true;
            }

            error = "'.' must be followed by 1 to 6 fraction digits";
            return false;
        }

        if (digits.Length > 6 && !lenient)
        {
            error = $"{digits.Length} fraction digits: at most 6";
            return false;
        }

        parts.Microsecond = DicomValueText.ReadFraction(digits, out var count);
        parts.FractionDigits = count;
        parts.Precision = DicomDateTimePrecision.Fraction;
        return true;
    }

    private static bool TryTwoDigits(ReadOnlySpan<char> text, ref int position, out int value)
    {
        value = 0;
        if (position + 2 > text.Length || !DicomValueText.IsDigit(text[position]) || !DicomValueText.IsDigit(text[position + 1]))
        {
            return false;
        }

        value = ((text[position] - '0') * 10) + (text[position + 1] - '0');
        position += 2;
        return true;
    }

    internal struct ClockParts
    {
        public int Hour;
        public int Minute;
        public int Second;
        public int Microsecond;
        public int FractionDigits;
        public DicomDateTimePrecision Precision;
    }
}
