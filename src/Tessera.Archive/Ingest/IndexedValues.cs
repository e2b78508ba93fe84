using System.Globalization;
using Tessera.Archive.Query;
using Tessera.Dicom.Values;

namespace Tessera.Archive.Ingest;

/// <summary>
/// Extracts the <see cref="IndexedAttributes"/> from a parsed data set in the form every index
/// stores them: decoded text without padding; DA as YYYYMMDD and TM as HHMMSS.FFFFFF (lower bound
/// of its precision), so ranges compare as text; multi-valued text joined by backslash.
/// </summary>
public static class IndexedValues
{
    public static Dictionary<DicomTag, string> Extract(DicomDataset dataset)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        var values = new Dictionary<DicomTag, string>();
        foreach (var attribute in IndexedAttributes.All)
        {
            if (attribute.Kind == IndexedKind.Computed
                || dataset[attribute.Tag] is not DicomValueElement { Value.IsBulkData: false } element
                || element.Length == 0)
            {
                continue;
            }

            string? text;
            try
            {
                text = dataset.GetString(attribute.Tag);
            }
            catch (DicomException)
            {
                continue;
            }

            if (string.IsNullOrEmpty(text) || Normalize(attribute.Kind, text) is not { Length: > 0 } normalized)
            {
                continue;
            }

            values[attribute.Tag] = normalized;
        }

        return values;
    }

    /// <summary>The stored form of a value of <paramref name="kind"/> (also applied to single-value query keys).</summary>
    public static string Normalize(IndexedKind kind, string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        switch (kind)
        {
            case IndexedKind.Date:
                var first = text.Split('\\')[0].Trim();
                return DicomDate.TryParse(first, DicomParseMode.Lenient, out var date) ? date.ToString() : first;
            case IndexedKind.Time:
                var firstTime = text.Split('\\')[0].Trim();
                return DicomTime.TryParse(firstTime, DicomParseMode.Lenient, out var time) ? FormatTime(time.LowerBound) : firstTime;
            case IndexedKind.Uid:
                return text.Trim(' ', '\0');
            default:
                return text.Trim();
        }
    }

    /// <summary>HHMMSS.FFFFFF: every stored time with the same precision, so text order is time order.</summary>
    public static string FormatTime(TimeSpan sinceMidnight) =>
        string.Create(CultureInfo.InvariantCulture, $"{sinceMidnight.Hours:00}{sinceMidnight.Minutes:00}{sinceMidnight.Seconds:00}.{sinceMidnight.Ticks % TimeSpan.TicksPerSecond / 10:000000}");
}
