namespace Tessera.Dicom.Values;

/// <summary>
/// A DA range for query matching (PS3.4 C.2.2.2.5): "A-B", "A-" (on or after), "-B" (on or
/// before) or a single date "A"; both ends inclusive, a null end is open.
/// </summary>
public readonly record struct DicomDateRange(DicomDate? Start, DicomDate? End)
{
    /// <summary>Whether the range is a single date (no '-').</summary>
    public bool IsSingleValue => Start is not null && Start == End;

    public static DicomDateRange Parse(string text, DicomParseMode mode = DicomParseMode.Strict) =>
        TryParse(text, mode, out var value, out var error) ? value : throw new DicomException(error!);

    public static bool TryParse(ReadOnlySpan<char> text, DicomParseMode mode, out DicomDateRange value) =>
        TryParse(text, mode, out value, out _);

    public static bool TryParse(ReadOnlySpan<char> text, DicomParseMode mode, out DicomDateRange value, out string? error)
    {
        var ok = DicomRangeText.TryParse<DicomDate>(text, mode, "DA", DicomDate.TryParse, out var start, out var end, out error);
        value = new DicomDateRange(start, end);
        return ok;
    }

    public bool Contains(DicomDate value) => (Start is null || value >= Start.Value) && (End is null || value <= End.Value);

    public bool Contains(DateOnly value) => Contains(new DicomDate(value));

    /// <summary>The range as a query value: "A", "A-B", "A-" or "-B".</summary>
    public override string ToString() => IsSingleValue ? Start!.Value.ToString() : $"{Start}-{End}";
}
