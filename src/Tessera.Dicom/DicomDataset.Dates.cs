using Tessera.Dicom.Values;

namespace Tessera.Dicom;

/// <summary>
/// Typed access to DA, TM and DT elements (PS3.5 6.2). Reading is lenient (STYLE 11): what real
/// files contain parses; a value that cannot be read even leniently makes Get* throw a
/// <see cref="DicomException"/> naming the element and TryGet* return false. Writing is strict.
/// </summary>
public sealed partial class DicomDataset
{
    private static readonly DicomTag TimezoneOffsetFromUTCTag = new(0x0008, 0x0201);

    public bool TryGetDate(DicomTag tag, out DicomDate value) => TryGetFirst(tag, DicomDate.TryParse, out value);

    /// <summary>The first DA value, or null when the element is absent or empty.</summary>
    public DicomDate? GetDate(DicomTag tag) => GetFirst<DicomDate>(tag, DicomDate.TryParse);

    public DicomDate[] GetDates(DicomTag tag) => GetAll<DicomDate>(tag, DicomDate.TryParse);

    public bool TryGetTime(DicomTag tag, out DicomTime value) => TryGetFirst(tag, DicomTime.TryParse, out value);

    /// <summary>The first TM value, or null when the element is absent or empty.</summary>
    public DicomTime? GetTime(DicomTag tag) => GetFirst<DicomTime>(tag, DicomTime.TryParse);

    public DicomTime[] GetTimes(DicomTag tag) => GetAll<DicomTime>(tag, DicomTime.TryParse);

    public bool TryGetDateTime(DicomTag tag, out DicomDateTime value) => TryGetFirst(tag, DicomDateTime.TryParse, out value);

    /// <summary>The first DT value, or null when the element is absent or empty.</summary>
    public DicomDateTime? GetDateTime(DicomTag tag) => GetFirst<DicomDateTime>(tag, DicomDateTime.TryParse);

    public DicomDateTime[] GetDateTimes(DicomTag tag) => GetAll<DicomDateTime>(tag, DicomDateTime.TryParse);

    /// <summary>
    /// A DA element and its TM companion (Study Date and Study Time, Content Date and Content Time...)
    /// as one DT, carrying Timezone Offset From UTC (0008,0201) when the dataset has it. Null when the date
    /// is absent; a missing time gives a DT to the day.
    /// </summary>
    public DicomDateTime? GetDateTime(DicomTag dateTag, DicomTag timeTag)
    {
        if (GetDate(dateTag) is not { } date)
        {
            return null;
        }

        return DicomDateTime.FromDateAndTime(date, GetTime(timeTag), GetTimezoneOffsetFromUTC());
    }

    /// <summary>
    /// The start of the instant a DA/TM pair describes. The offset is Timezone Offset From UTC when
    /// present, else <paramref name="assumedOffset"/>; null when the date is absent or no offset is known
    /// (a local time without a zone is not an instant).
    /// </summary>
    public DateTimeOffset? GetDateTimeOffset(DicomTag dateTag, DicomTag timeTag, TimeSpan? assumedOffset = null) =>
        GetDateTime(dateTag, timeTag)?.ToDateTimeOffset(assumedOffset);

    /// <summary>
    /// The start of the instant a DT element describes: with the value's own offset, else Timezone
    /// Offset From UTC, else <paramref name="assumedOffset"/>; null when absent or no offset is known.
    /// </summary>
    public DateTimeOffset? GetDateTimeOffset(DicomTag dateTimeTag, TimeSpan? assumedOffset = null) =>
        GetDateTime(dateTimeTag)?.ToDateTimeOffset(GetTimezoneOffsetFromUTC() ?? assumedOffset);

    /// <summary>
    /// Timezone Offset From UTC (0008,0201), "&amp;ZZXX" (PS3.3 C.12.1.1.8), from this dataset or the
    /// datasets enclosing it (it applies to the whole SOP Instance). Null when absent or malformed: it only
    /// qualifies other values, so a bad one is ignored rather than making every date unreadable.
    /// </summary>
    public TimeSpan? GetTimezoneOffsetFromUTC()
    {
        for (var dataset = this; dataset is not null; dataset = dataset.Parent?.Owner)
        {
            if (dataset.GetString(TimezoneOffsetFromUTCTag) is { Length: > 0 } text)
            {
                return DicomDateTime.TryParseOffset(text.AsSpan().Trim(' '), out var minutes, out _)
                    ? TimeSpan.FromMinutes(minutes)
                    : null;
            }
        }

        return null;
    }

    public void AddOrUpdate(DicomTag tag, params DicomDate[] values) =>
        AddOrUpdate(tag, DicomVR.DA, Array.ConvertAll(values, v => v.ToString()));

    public void AddOrUpdate(DicomTag tag, params DicomTime[] values) =>
        AddOrUpdate(tag, DicomVR.TM, Array.ConvertAll(values, v => v.ToString()));

    public void AddOrUpdate(DicomTag tag, params DicomDateTime[] values) =>
        AddOrUpdate(tag, DicomVR.DT, Array.ConvertAll(values, v => v.ToString()));

    private bool TryGetFirst<T>(DicomTag tag, ValueParser<T> parse, out T value)
        where T : struct
    {
        var strings = GetStrings(tag);
        if (strings.Length == 0 || strings[0].Length == 0)
        {
            value = default;
            return false;
        }

        return parse(strings[0], DicomParseMode.Lenient, out value, out _);
    }

    private T? GetFirst<T>(DicomTag tag, ValueParser<T> parse)
        where T : struct
    {
        var strings = GetStrings(tag);
        if (strings.Length == 0 || strings[0].Length == 0)
        {
            return null;
        }

        return parse(strings[0], DicomParseMode.Lenient, out var value, out var error)
            ? value
            : throw new DicomException(error!, tag: tag);
    }

    private T[] GetAll<T>(DicomTag tag, ValueParser<T> parse)
    {
        var strings = GetStrings(tag);
        if (strings.Length == 1 && strings[0].Length == 0)
        {
            return [];
        }

        var values = new T[strings.Length];
        for (var i = 0; i < strings.Length; i++)
        {
            if (!parse(strings[i], DicomParseMode.Lenient, out values[i], out var error))
            {
                throw new DicomException($"value {i + 1}: {error}", tag: tag);
            }
        }

        return values;
    }

    private delegate bool ValueParser<T>(ReadOnlySpan<char> text, DicomParseMode mode, out T value, out string? error);
}
