namespace Tessera.Dicom.Values;

/// <summary>
/// A TM range for query matching (PS3.4 C.2.2.2.5): "A-B", "A-", "-B" or "A". A reduced-precision
/// end covers the whole period it implies, so "1200-1300" runs from 12:00:00.000000 to 13:00:59.999999
/// and "12" from 12:00:00.000000 to 12:59:59.999999. Ranges do not wrap past midnight: a range whose
/// start is later than its end matches nothing (query across midnight with a combined DA/TM range instead).
/// </summary>
public readonly record struct DicomTimeRange(DicomTime? Start, DicomTime? End)
{
    /// <summary>Whether the range is a single value (no '-').</summary>
    public bool IsSingleValue => Start is not null && Start == End;

    /// <summary>First instant matched, as time since midnight; null when open.</summary>
    public TimeSpan? LowerBound => Start?.LowerBound;

    /// <summary>Last instant matched, as time since midnight; null when open.</summary>
    public TimeSpan? UpperBound => End?.UpperBound;

    public static DicomTimeRange Parse(string text, DicomParseMode mode = DicomParseMode.Strict) =>
        TryParse(text, mode, out var value, out var error) ? value : throw new DicomException(error!);

    public static bool TryParse(ReadOnlySpan<char> text, DicomParseMode mode, out DicomTimeRange value) =>
        TryParse(text, mode, out value, out _);

    public static bool TryParse(ReadOnlySpan<char> text, DicomParseMode mode, out DicomTimeRange value, out string? error)
    {
        var ok = DicomRangeText.TryParse<DicomTime>(text, mode, "TM", DicomTime.TryParse, out var start, out var end, out error);
        value = new DicomTimeRange(start, end);
        return ok;
    }

    /// <summary>Whether the value's start instant (a reduced-precision value is taken at its start) lies in the range.</summary>
    public bool Contains(DicomTime value) => Contains(value.LowerBound);

    public bool Contains(TimeOnly value) => Contains(value.ToTimeSpan());

    public bool Contains(TimeSpan sinceMidnight) =>
        (LowerBound is null || sinceMidnight >= LowerBound.Value) && (UpperBound is null || sinceMidnight <= UpperBound.Value);

    /// <summary>The range as a query value: "A", "A-B", "A-" or "-B".</summary>
    public override string ToString() => IsSingleValue ? Start!.Value.ToString() : $"{Start}-{End}";
}
