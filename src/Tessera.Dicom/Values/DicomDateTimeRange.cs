namespace Tessera.Dicom.Values;

/// <summary>
/// A DT range for query matching (PS3.4 C.2.2.2.5): "A-B", "A-", "-B" or "A". A reduced-precision
/// end covers the whole period it implies ("2024-2025" runs from 2024-01-01 00:00 to 2025-12-31 23:59:59.999999).
/// Also the combined Study Date / Study Time range of PS3.4 C.2.2.2.5.4 (see <see cref="FromDateAndTime"/>).
/// </summary>
public readonly record struct DicomDateTimeRange(DicomDateTime? Start, DicomDateTime? End)
{
    /// <summary>Whether the range is a single value (no '-').</summary>
    public bool IsSingleValue => Start is not null && Start == End;

    public static DicomDateTimeRange Parse(string text, DicomParseMode mode = DicomParseMode.Strict) =>
        TryParse(text, mode, out var value, out var error) ? value : throw new DicomException(error!);

    public static bool TryParse(ReadOnlySpan<char> text, DicomParseMode mode, out DicomDateTimeRange value) =>
        TryParse(text, mode, out value, out _);

    public static bool TryParse(ReadOnlySpan<char> text, DicomParseMode mode, out DicomDateTimeRange value, out string? error)
    {
        var ok = DicomRangeText.TryParse<DicomDateTime>(text, mode, "DT", DicomDateTime.TryParse, out var start, out var end, out error);
        value = new DicomDateTimeRange(start, end);
        return ok;
    }

    /// <summary>
    /// The combined range PS3.4 C.2.2.2.5.4 defines for a DA attribute paired with a TM attribute
    /// (Study Date and Study Time...) when combined date and time matching was negotiated:
    /// "date1-date2" with "time1-time2" means from date1 time1 through date2 time2, not time1-time2 on each day.
    /// An open or absent time end is the start (or end) of its day; an open date end stays open.
    /// </summary>
    public static DicomDateTimeRange FromDateAndTime(DicomDateRange date, DicomTimeRange? time = null)
    {
        DicomDateTime? start = date.Start is { } startDate
            ? DicomDateTime.FromDateAndTime(startDate, time?.Start)
            : null;
        DicomDateTime? end = date.End is { } endDate
            ? DicomDateTime.FromDateAndTime(endDate, time?.End)
            : null;
        return new DicomDateTimeRange(start, end);
    }

    /// <summary>
    /// Parses the query values of a DA attribute and its TM companion as one combined range
    /// (PS3.4 C.2.2.2.5.4), e.g. "20240101-20240102" with "2300-0100". The TM range may run backwards
    /// here, since it is read together with the dates; the combined range may not. An empty
    /// <paramref name="timeRange"/> means no time constraint.
    /// </summary>
    public static bool TryParseDateAndTime(
        ReadOnlySpan<char> dateRange,
        ReadOnlySpan<char> timeRange,
        DicomParseMode mode,
        out DicomDateTimeRange value,
        out string? error)
    {
        value = default;
        if (!DicomDateRange.TryParse(dateRange, mode, out var date, out error))
        {
            return false;
        }

        DicomTimeRange? time = null;
        if (!DicomValueText.TrimPadding(timeRange).IsEmpty)
        {
            if (!DicomTimeRange.TryParse(timeRange, mode, allowReversed: true, out var parsed, out error))
            {
                return false;
            }

            time = parsed;
        }

        value = FromDateAndTime(date, time);
        if (mode == DicomParseMode.Strict && value.Start is { } start && value.End is { } end && start.LowerBound > end.UpperBound)
        {
            error = $"combined range {value} starts after it ends";
            value = default;
            return false;
        }

        return true;
    }

    /// <summary>
    /// Whether the value's start instant lies in the range. Values and ends without an offset take
    /// <paramref name="localOffset"/> (the Timezone Offset From UTC in force); when an offset is still
    /// missing on either side the clocks are compared as written.
    /// </summary>
    public bool Contains(DicomDateTime value, TimeSpan? localOffset = null)
    {
        var valueOffset = value.Offset ?? localOffset;
        var instant = value.LowerBound;
        if (Start is { } start)
        {
            var bound = start.LowerBound;
            if (Compare(instant, valueOffset, bound, start.Offset ?? localOffset) < 0)
            {
                return false;
            }
        }

        if (End is { } end)
        {
            var bound = end.UpperBound;
            if (Compare(instant, valueOffset, bound, end.Offset ?? localOffset) > 0)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The range as a query value: "A", "A-B", "A-" or "-B".</summary>
    public override string ToString() => IsSingleValue ? Start!.Value.ToString() : $"{Start}-{End}";

    private static int Compare(DateTime a, TimeSpan? aOffset, DateTime b, TimeSpan? bOffset) =>
        aOffset is { } x && bOffset is { } y
            ? (a.Ticks - x.Ticks).CompareTo(b.Ticks - y.Ticks) // UTC ticks: DateTimeOffset refuses instants before year 1
            : a.CompareTo(b);
}
