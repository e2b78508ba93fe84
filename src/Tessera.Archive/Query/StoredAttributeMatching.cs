using System.Globalization;
using Tessera.Dicom.Values;

namespace Tessera.Archive.Query;

/// <summary>
/// PS3.4 C.2.2.2 attribute matching on a decoded data set, for the keys the index cannot match
/// (<see cref="StoredMatchKey"/>). An attribute that is absent or empty matches no key with a value (C.2.2.2.1); a
/// multi-valued attribute matches when any of its values does.
/// </summary>
public static class StoredAttributeMatching
{
    public static bool Matches(DicomDataset stored, IReadOnlyList<StoredMatchKey> keys, bool caseInsensitivePersonNames)
    {
        ArgumentNullException.ThrowIfNull(stored);
        ArgumentNullException.ThrowIfNull(keys);
        foreach (var key in keys)
        {
            if (!Matches(stored, key, caseInsensitivePersonNames))
            {
                return false;
            }
        }

        return true;
    }

    private static bool Matches(DicomDataset stored, StoredMatchKey key, bool caseInsensitive)
    {
        switch (key.Matcher)
        {
            case Matcher.Empty:
                return stored[key.Tag] switch
                {
                    null => true,
                    DicomSequence items => items.Items.Count == 0,
                    DicomValueElement { Length: 0 } => true,
                    DicomValueElement { VR: var textVR } when textVR.IsString() => stored.GetStrings(key.Tag).All(v => v.Length == 0),
                    _ => false,
                };
            case Matcher.AnyOf any:
                return any.Matchers.Any(one => Matches(stored, key with { Matcher = one }, caseInsensitive));
        }

        if (key.Matcher is Matcher.Sequence sequence)
        {
            return stored[key.Tag] is DicomSequence items && items.Items.Any(item => Matches(item, sequence.ItemKeys, caseInsensitive));
        }

        if (key.Matcher is Matcher.Number number)
        {
            return stored[key.Tag] is DicomValueElement element && Numbers(stored, element).Contains(number.Value);
        }

        var values = stored[key.Tag] is DicomValueElement { VR: var vr } && vr.IsString() ? stored.GetStrings(key.Tag) : [];
        var folded = caseInsensitive && key.VR == DicomVR.PN;
        var numeric = key.VR is DicomVR.IS or DicomVR.DS && key.Matcher is Matcher.Single { Value: var text } && decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var wanted)
            ? wanted
            : (decimal?)null;
        foreach (var value in values)
        {
            if (numeric is { } n && decimal.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var storedNumber) && storedNumber == n)
            {
                // C.2.2.2.1 (CP-2305): IS and DS match by value, so 7 finds "007" and "+7.0".
                return true;
            }

            if (value.Length > 0 && MatchesValue(key.Matcher, value, folded))
            {
                return true;
            }
        }

        return false;
    }

    private static bool MatchesValue(Matcher matcher, string value, bool folded) => matcher switch
    {
        Matcher.Single single when folded => PersonNameMatching.Key(single.Value) == PersonNameMatching.Key(value),
        Matcher.Single single => string.Equals(single.Value, value, StringComparison.Ordinal),
        Matcher.UidList list => list.Uids.Contains(value, StringComparer.Ordinal),
        Matcher.Wildcard wildcard => Wildcard(folded ? wildcard.Pattern.ToUpperInvariant() : wildcard.Pattern, folded ? value.ToUpperInvariant() : value),
        Matcher.DateRange dates => DicomDate.TryParse(value, DicomParseMode.Lenient, out var date) && dates.Range.Contains(date),
        Matcher.TimeRange times => DicomTime.TryParse(value, DicomParseMode.Lenient, out var time) && times.Range.Contains(time),
        Matcher.DateTimeRange dateTimes => DicomDateTime.TryParse(value, DicomParseMode.Lenient, out var dateTime) && dateTimes.Range.Contains(dateTime),
        _ => throw new NotSupportedException(string.Create(CultureInfo.InvariantCulture, $"matcher {matcher.GetType().Name} on a stored attribute")),
    };

    /// <summary>The values of a binary number element (its own VR decides the width), as double; empty for other VRs.</summary>
    internal static double[] Numbers(DicomDataset dataset, DicomValueElement element) => element.VR switch
    {
        DicomVR.US => Array.ConvertAll(dataset.GetValues<ushort>(element.Tag), v => (double)v),
        DicomVR.SS => Array.ConvertAll(dataset.GetValues<short>(element.Tag), v => (double)v),
        DicomVR.UL => Array.ConvertAll(dataset.GetValues<uint>(element.Tag), v => (double)v),
        DicomVR.SL => Array.ConvertAll(dataset.GetValues<int>(element.Tag), v => (double)v),
        DicomVR.UV => Array.ConvertAll(dataset.GetValues<ulong>(element.Tag), v => (double)v),
        DicomVR.SV => Array.ConvertAll(dataset.GetValues<long>(element.Tag), v => (double)v),
        DicomVR.FL => Array.ConvertAll(dataset.GetValues<float>(element.Tag), v => (double)v),
        DicomVR.FD => dataset.GetValues<double>(element.Tag),
        _ => [],
    };

    /// <summary>C.2.2.2.4: '*' any run of characters (none included), '?' exactly one; everything else literal.</summary>
    internal static bool Wildcard(string pattern, string value)
    {
        int p = 0, v = 0, star = -1, resume = 0;
        while (v < value.Length)
        {
            if (p < pattern.Length && (pattern[p] == '?' || pattern[p] == value[v]))
            {
                p++;
                v++;
            }
            else if (p < pattern.Length && pattern[p] == '*')
            {
                star = p++;
                resume = v;
            }
            else if (star >= 0)
            {
                p = star + 1;
                v = ++resume;
            }
            else
            {
                return false;
            }
        }

        while (p < pattern.Length && pattern[p] == '*')
        {
            p++;
        }

        return p == pattern.Length;
    }
}
