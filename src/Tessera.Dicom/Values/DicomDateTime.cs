using System.Globalization;
using System.Text;

namespace Tessera.Dicom.Values;

/// <summary>
/// A DT value (PS3.5 6.2): YYYY[MM[DD[HH[MM[SS[.F{1-6}]]]]]][&amp;ZZXX], keeping which components
/// were given (so it formats back exactly and, in a query, stands for the whole period it implies:
/// "2024" is the whole year, PS3.4 C.2.2.2.5) and the optional offset from UTC (-1200 to +1400).
/// Without an offset the value is local time, which the dataset's Timezone Offset From UTC
/// (0008,0201) may pin down (PS3.5 6.2 DT; PS3.3 C.12.1.1.8).
/// </summary>
public readonly struct DicomDateTime : IEquatable<DicomDateTime>, IComparable<DicomDateTime>
{
    private const short NoOffset = short.MinValue;

    private readonly short _year;
    private readonly byte _month;
    private readonly byte _day;
    private readonly DicomTime _time;
    private readonly DicomDateTimePrecision _precision;
    private readonly short _offsetMinutes;

    /// <summary>A date-time with the components given; the precision follows from the last non-null one.</summary>
    public DicomDateTime(
        int year,
        int? month = null,
        int? day = null,
        int? hour = null,
        int? minute = null,
        int? second = null,
        int? microsecond = null,
        int fractionDigits = 6,
        TimeSpan? offset = null)
    {
        if (month is null && day is not null || day is null && hour is not null || hour is null && (minute is not null || second is not null || microsecond is not null))
        {
            throw new ArgumentException("Components may only be omitted from the right (PS3.5 6.2)");
        }

        if (!DicomDate.TryCreate(year, month ?? 1, day ?? 1, out _, out var error))
        {
            throw new ArgumentOutOfRangeException(nameof(year), error);
        }

        if (offset is { } o && !TryCheckOffset(o, out error))
        {
            throw new ArgumentOutOfRangeException(nameof(offset), error);
        }

        _year = (short)year;
        _month = (byte)(month ?? 1);
        _day = (byte)(day ?? 1);
        _time = hour is null ? default : new DicomTime(hour.Value, minute, second, microsecond, fractionDigits);
        _precision = hour is not null ? _time.Precision
            : day is not null ? DicomDateTimePrecision.Day
            : month is not null ? DicomDateTimePrecision.Month
            : DicomDateTimePrecision.Year;
        _offsetMinutes = offset is { } value ? (short)value.TotalMinutes : NoOffset;
    }

    private DicomDateTime(int year, int month, int day, DicomTime time, DicomDateTimePrecision precision, short offsetMinutes)
    {
        _year = (short)year;
        _month = (byte)month;
        _day = (byte)day;
        _time = time;
        _precision = precision;
        _offsetMinutes = offsetMinutes;
    }

    /// <summary>The year; a default instance is year 1.</summary>
    public int Year => Math.Max((int)_year, 1);

    /// <summary>The month, 1 when not given.</summary>
    public int Month => Math.Max((int)_month, 1);

    /// <summary>The day, 1 when not given.</summary>
    public int Day => Math.Max((int)_day, 1);

    public int Hour => _time.Hour;

    public int Minute => _time.Minute;

    public int Second => _time.Second;

    public int Microsecond => _time.Microsecond;

    public DicomDateTimePrecision Precision => _precision;

    /// <summary>Number of fraction digits written (1-6), 0 unless <see cref="Precision"/> is Fraction.</summary>
    public int FractionDigits => _time.FractionDigits;

    /// <summary>The offset from UTC written in the value (&amp;ZZXX), or null when the value is local time.</summary>
    public TimeSpan? Offset => _offsetMinutes == NoOffset ? null : TimeSpan.FromMinutes(_offsetMinutes);

    /// <summary>The date part.</summary>
    public DicomDate Date => new(Year, Month, Day);

    /// <summary>The time part as TM, or null when the value stops at the day or earlier.</summary>
    public DicomTime? Time => _precision >= DicomDateTimePrecision.Hour ? _time : null;

    /// <summary>
    /// Start of the implied period, in the value's own clock (Kind Unspecified). DateTime has no
    /// leap second: SS = 60 reads as the start of the next minute, or as the last microsecond of the
    /// day when it is 23:59:60, so a value never moves to another day.
    /// </summary>
    public DateTime LowerBound => new DateTime(Year, Month, Day).AddTicks(ClampedMicroseconds(_time.ToMicroseconds()) * TimeSpan.TicksPerMicrosecond);

    /// <summary>Last microsecond of the implied period: "2024" → 2024-12-31 23:59:59.999999, "202402" → 2024-02-29 23:59:59.999999.</summary>
    public DateTime UpperBound
    {
        get
        {
            const long lastMicrosecondOfDay = (TimeSpan.TicksPerDay / TimeSpan.TicksPerMicrosecond) - 1;
            return _precision switch
            {
                DicomDateTimePrecision.Year => new DateTime(Year, 12, 31).AddTicks(lastMicrosecondOfDay * TimeSpan.TicksPerMicrosecond),
                DicomDateTimePrecision.Month => new DateTime(Year, Month, DateTime.DaysInMonth(Year, Month)).AddTicks(lastMicrosecondOfDay * TimeSpan.TicksPerMicrosecond),
                DicomDateTimePrecision.Day => new DateTime(Year, Month, Day).AddTicks(lastMicrosecondOfDay * TimeSpan.TicksPerMicrosecond),
                _ => new DateTime(Year, Month, Day).AddTicks(
                    ClampedMicroseconds(_time.ToMicroseconds() + DicomTime.PeriodMicroseconds(_time.Precision, _time.FractionDigits) - 1) * TimeSpan.TicksPerMicrosecond),
            };
        }
    }

    /// <summary>A DT from a DA and an optional TM, as the combined DA/TM attributes (e.g. Study Date and Time) describe one instant.</summary>
    public static DicomDateTime FromDateAndTime(DicomDate date, DicomTime? time = null, TimeSpan? offset = null)
    {
        if (offset is { } o && !TryCheckOffset(o, out var error))
        {
            throw new ArgumentOutOfRangeException(nameof(offset), error);
        }

        var minutes = offset is { } value ? (short)value.TotalMinutes : NoOffset;
        return time is { } t
            ? new DicomDateTime(date.Year, date.Month, date.Day, t, t.Precision, minutes)
            : new DicomDateTime(date.Year, date.Month, date.Day, default, DicomDateTimePrecision.Day, minutes);
    }

    /// <summary>A full-precision DT (to the second, plus six fraction digits when there are microseconds), local time.</summary>
    public static DicomDateTime FromDateTime(DateTime value) =>
        FromDateAndTime(new DicomDate(DateOnly.FromDateTime(value)), DicomTime.FromTimeOnly(TimeOnly.FromDateTime(value)));

    /// <summary>A full-precision DT with its offset.</summary>
    public static DicomDateTime FromDateTimeOffset(DateTimeOffset value) =>
        FromDateAndTime(new DicomDate(DateOnly.FromDateTime(value.DateTime)), DicomTime.FromTimeOnly(TimeOnly.FromDateTime(value.DateTime)), value.Offset);

    /// <summary>
    /// The start of the implied period as an instant: with the value's own offset, else with
    /// <paramref name="fallbackOffset"/> (typically Timezone Offset From UTC), else null (the instant is not known, or
    /// falls outside the years 1 to 9999 that DateTimeOffset holds, as 0001-01-01 at +01:00 does).
    /// </summary>
    public DateTimeOffset? ToDateTimeOffset(TimeSpan? fallbackOffset = null)
    {
        if ((Offset ?? fallbackOffset) is not { } offset)
        {
            return null;
        }

        var utcTicks = LowerBound.Ticks - offset.Ticks;
        return utcTicks >= DateTime.MinValue.Ticks && utcTicks <= DateTime.MaxValue.Ticks ? new DateTimeOffset(LowerBound, offset) : null;
    }

    public static DicomDateTime Parse(string text, DicomParseMode mode = DicomParseMode.Strict) =>
        TryParse(text, mode, out var value, out var error) ? value : throw new DicomException(error!);

    public static bool TryParse(ReadOnlySpan<char> text, out DicomDateTime value) =>
        TryParse(text, DicomParseMode.Strict, out value, out _);

    public static bool TryParse(ReadOnlySpan<char> text, DicomParseMode mode, out DicomDateTime value) =>
        TryParse(text, mode, out value, out _);

    /// <summary>Parses a DT value; on failure <paramref name="error"/> says what is wrong.</summary>
    public static bool TryParse(ReadOnlySpan<char> text, DicomParseMode mode, out DicomDateTime value, out string? error)
    {
        value = default;
        var original = text;
        var lenient = mode == DicomParseMode.Lenient;
        if (lenient)
        {
            text = DicomValueText.TrimPadding(text);
        }

        var offsetMinutes = NoOffset;
        var sign = text.LastIndexOfAny('+', '-');
        if (sign >= 0)
        {
            if (!TryParseOffset(text[sign..], out offsetMinutes, out error))
            {
                error = $"DT {DicomValueText.Quote(original)}: {error}";
                return false;
            }

            text = text[..sign];
        }

        if (text.Length < 4 || !DicomValueText.AllDigits(text[..4]))
        {
            error = $"DT {DicomValueText.Quote(original)}: must start with a four-digit year YYYY";
            return false;
        }

        var year = DicomValueText.ReadNumber(text[..4]);
        int month = 1, day = 1;
        var precision = DicomDateTimePrecision.Year;
        var position = 4;
        if (TryTwoDigits(text, ref position, out var m))
        {
            month = m;
            precision = DicomDateTimePrecision.Month;
            if (TryTwoDigits(text, ref position, out var d))
            {
                day = d;
                precision = DicomDateTimePrecision.Day;
            }
        }

        if (!DicomDate.TryCreate(year, month, day, out _, out error))
        {
            error = $"DT {DicomValueText.Quote(original)}: {error}";
            return false;
        }

        DicomTime time = default;
        if (precision == DicomDateTimePrecision.Day && position < text.Length)
        {
            // The colon form is TM's ACR-NEMA legacy; DT never had it, so even lenient reading takes digits only here.
            if (!DicomTime.TryReadClock(text[position..], lenient, out var parts, out var consumed, out error)
                || !DicomTime.TryCheck(parts.Hour, parts.Minute, parts.Second, parts.Microsecond, parts.FractionDigits, out error))
            {
                error = $"DT {DicomValueText.Quote(original)}: {error}";
                return false;
            }

            time = parts.Precision switch
            {
                DicomDateTimePrecision.Hour => new DicomTime(parts.Hour),
                DicomDateTimePrecision.Minute => new DicomTime(parts.Hour, parts.Minute),
                DicomDateTimePrecision.Second => new DicomTime(parts.Hour, parts.Minute, parts.Second),
                _ => new DicomTime(parts.Hour, parts.Minute, parts.Second, parts.Microsecond, parts.FractionDigits),
            };
            precision = time.Precision;
            position += consumed;
        }

        if (position != text.Length)
        {
            error = $"DT {DicomValueText.Quote(original)}: unexpected {DicomValueText.Quote(text[position..])} after YYYY[MM[DD[HH[MM[SS[.F{{1-6}}]]]]]]";
            return false;
        }

        value = new DicomDateTime(year, month, day, time, precision, offsetMinutes);
        error = null;
        return true;
    }

    /// <summary>The value as DT, with exactly the components, fraction digits and offset it has.</summary>
    public override string ToString()
    {
        var builder = new StringBuilder(26);
        AppendTo(builder);
        return builder.ToString();
    }

    public bool Equals(DicomDateTime other) =>
        Year == other.Year && Month == other.Month && Day == other.Day && _precision == other._precision
        && _time.Equals(other._time) && _offsetMinutes == other._offsetMinutes;

    public override bool Equals(object? obj) => obj is DicomDateTime other && Equals(other);

    public override int GetHashCode() => HashCode.Combine(Year, Month, Day, _time, _precision, _offsetMinutes);

    /// <summary>
    /// Orders by start of the implied period: as instants when both carry an offset, else on the
    /// clock as written (two local times, or local against offset, cannot be placed on one time line).
    /// </summary>
    public int CompareTo(DicomDateTime other)
    {
        // Instants as UTC ticks, not DateTimeOffset: 0001-01-01 at +01:00 is an instant before year 1, which DT can hold
        // and DateTimeOffset refuses (found by ValuePropertyTests).
        var order = Offset is { } a && other.Offset is { } b
            ? (LowerBound.Ticks - a.Ticks).CompareTo(other.LowerBound.Ticks - b.Ticks)
            : LowerBound.CompareTo(other.LowerBound);
        return order != 0 ? order : (_precision, FractionDigits).CompareTo((other._precision, other.FractionDigits));
    }

    public static bool operator ==(DicomDateTime left, DicomDateTime right) => left.Equals(right);

    public static bool operator !=(DicomDateTime left, DicomDateTime right) => !left.Equals(right);

    public static bool operator <(DicomDateTime left, DicomDateTime right) => left.CompareTo(right) < 0;

    public static bool operator >(DicomDateTime left, DicomDateTime right) => left.CompareTo(right) > 0;

    public static bool operator <=(DicomDateTime left, DicomDateTime right) => left.CompareTo(right) <= 0;

    public static bool operator >=(DicomDateTime left, DicomDateTime right) => left.CompareTo(right) >= 0;

    /// <summary>Reads an offset written &amp;ZZXX (PS3.5 6.2), as in DT and Timezone Offset From UTC (0008,0201).</summary>
    internal static bool TryParseOffset(ReadOnlySpan<char> text, out short minutes, out string? error)
    {
        minutes = NoOffset;
        if (text.Length != 5 || text[0] is not ('+' or '-') || !DicomValueText.AllDigits(text[1..]))
        {
            error = $"offset {DicomValueText.Quote(text)} must be &ZZXX (+ or -, four digits)";
            return false;
        }

        var hours = DicomValueText.ReadNumber(text[1..3]);
        var mins = DicomValueText.ReadNumber(text[3..]);
        if (mins > 59)
        {
            error = $"offset {DicomValueText.Quote(text)}: minutes {mins:00} are not 00-59";
            return false;
        }

        var total = (hours * 60) + mins;
        var offset = TimeSpan.FromMinutes(text[0] == '-' ? -total : total);
        if (!TryCheckOffset(offset, out error))
        {
            error = $"offset {DicomValueText.Quote(text)}: {error}";
            return false;
        }

        minutes = (short)offset.TotalMinutes;
        return true;
    }

    internal static string FormatOffset(TimeSpan offset)
    {
        var minutes = (int)offset.TotalMinutes;
        var absolute = Math.Abs(minutes);
        return string.Create(CultureInfo.InvariantCulture, $"{(minutes < 0 ? '-' : '+')}{absolute / 60:00}{absolute % 60:00}");
    }

    private static bool TryCheckOffset(TimeSpan offset, out string? error)
    {
        // PS3.5 6.2 DT: "The offset shall be restricted to -1200 to +1400", whole minutes.
        error = offset.Ticks % TimeSpan.TicksPerMinute != 0 ? "offset must be whole minutes"
            : offset < TimeSpan.FromHours(-12) || offset > TimeSpan.FromHours(14) ? "offset must lie in -1200 to +1400"
            : null;
        return error is null;
    }

    private static long ClampedMicroseconds(long microseconds) =>
        Math.Min(microseconds, (TimeSpan.TicksPerDay / TimeSpan.TicksPerMicrosecond) - 1);

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

    private void AppendTo(StringBuilder builder)
    {
        var culture = CultureInfo.InvariantCulture;
        builder.Append(culture, $"{Year:0000}");
        if (_precision >= DicomDateTimePrecision.Month)
        {
            builder.Append(culture, $"{Month:00}");
        }

        if (_precision >= DicomDateTimePrecision.Day)
        {
            builder.Append(culture, $"{Day:00}");
        }

        if (_precision >= DicomDateTimePrecision.Hour)
        {
            _time.AppendTo(builder);
        }

        if (Offset is { } offset)
        {
            builder.Append(FormatOffset(offset));
        }
    }
}
