using Tessera.Dicom.Values;

namespace Tessera.Archive.Query;

/// <summary>Parsing of the keys the index has no column for, and the value rules shared with the indexed ones.</summary>
public sealed partial record ArchiveQuery
{
    /// <summary>C.2.2.2.3: a zero-length value, or only '*' (C.2.2.2.4), matches everything.</summary>
    public static bool IsUniversal(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var trimmed = value.AsSpan().Trim(" \0");
        return trimmed.IsEmpty || !trimmed.ContainsAnyExcept('*');
    }

    /// <summary>The extended matching negotiated for the association (PS3.4 C.5.1.1 bytes 6 and 7).</summary>
    private readonly record struct ExtendedMatching(bool EmptyValue, bool MultipleValue);

    private delegate bool PartParser(string part, out Matcher? matcher, out string? error);

    /// <summary>Empty value matching's key: exactly two QUOTATION MARKs.</summary>
    private static bool IsEmptyValueKey(string value) => value.AsSpan().Trim(" \0") is "\"\"";

    /// <summary>Several values: any one matches; a universal one makes the whole key universal.</summary>
    private static bool ParseAnyOf(string value, PartParser parse, out Matcher? matcher, out string? error)
    {
        matcher = null;
        var parts = new List<Matcher>();
        foreach (var part in value.Split('\\'))
        {
            if (!parse(part, out var one, out error))
            {
                return false;
            }

            if (one is null)
            {
                return true;
            }

            parts.Add(one);
        }

        error = null;
        matcher = new Matcher.AnyOf(parts);
        return true;
    }

    /// <summary>C.2.2.2.2: a list of UIDs; wildcards are not defined for UI (C.2.2.2.4), so '*' or '?' in a UID is refused.</summary>
    private static bool TryParseUids(string keyword, string value, out Matcher? matcher, out string? error)
    {
        matcher = null;
        var uids = value.Split('\\').Select(v => v.Trim(' ', '\0')).Where(v => v.Length > 0).ToList();
        if (uids.Find(u => u.AsSpan().ContainsAny('*', '?')) is { } wild)
        {
            error = $"{keyword} '{wild}': wildcards are not allowed in a UID (PS3.4 C.2.2.2.4 excludes UI)";
            return false;
        }

        error = null;
        matcher = new Matcher.UidList(uids);
        return true;
    }

    /// <summary>
    /// A key on an attribute the index does not store: null (and <paramref name="unmatchable"/> false) when universal,
    /// null and true when it has a value of a VR that has no matching (OB, UN, AT...).
    /// </summary>
    private static bool TryParseStoredKey(DicomDataset owner, DicomElement element, ExtendedMatching extended, out StoredMatchKey? key, out bool unmatchable, out string? error)
    {
        key = null;
        unmatchable = false;
        error = null;
        var tag = element.Tag;
        var keyword = DicomDictionary.Find(tag)?.Keyword ?? tag.ToString();
        switch (element)
        {
            case DicomSequence sequence:
                return TryParseSequenceKey(keyword, sequence, extended, out key, out unmatchable, out error);
            case DicomValueElement { Length: 0 }:
                return true;
            case DicomValueElement value when value.VR.IsString():
                var text = (owner.GetString(tag) ?? string.Empty).Trim(' ', '\0');
                if (IsUniversal(text))
                {
                    return true;
                }

                Matcher? matcher;
                if (extended.EmptyValue && IsEmptyValueKey(text))
                {
                    matcher = new Matcher.Empty();
                }
                else if (extended.MultipleValue && value.VR != DicomVR.UI && text.Contains('\\', StringComparison.Ordinal))
                {
                    var vr = value.VR;
                    if (!ParseAnyOf(text, (string part, out Matcher? one, out string? e) => TryParseTextOrUniversal(keyword, vr, part, out one, out e), out matcher, out error))
                    {
                        return false;
                    }

                    if (matcher is null)
                    {
                        return true;
                    }
                }
                else if (!TryParseText(keyword, value.VR, text, out var single, out error))
                {
                    return false;
                }
                else
                {
                    matcher = single;
                }

                key = new StoredMatchKey(tag, value.VR, matcher);
                return true;
            case DicomValueElement { VR: DicomVR.US or DicomVR.SS or DicomVR.UL or DicomVR.SL or DicomVR.FL or DicomVR.FD or DicomVR.UV or DicomVR.SV } number:
                if (StoredAttributeMatching.Numbers(owner, number) is not [var first])
                {
                    error = $"{keyword}: single value matching takes one value (PS3.4 C.2.2.2.1)";
                    return false;
                }

                key = new StoredMatchKey(tag, number.VR, new Matcher.Number(first));
                return true;
            default:
                unmatchable = true;
                return true;
        }
    }

    /// <summary>C.2.2.2.6: one item of keys; an empty sequence or an item without values is universal.</summary>
    private static bool TryParseSequenceKey(string keyword, DicomSequence sequence, ExtendedMatching extended, out StoredMatchKey? key, out bool unmatchable, out string? error)
    {
        key = null;
        unmatchable = false;
        error = null;
        if (sequence.Items.Count == 0)
        {
            return true;
        }

        if (sequence.Items.Count > 1)
        {
            error = $"{keyword}: a sequence matching key has a single item (PS3.4 C.2.2.2.6), not {sequence.Items.Count}";
            return false;
        }

        var item = sequence.Items[0];
        var itemKeys = new List<StoredMatchKey>();
        foreach (var element in item)
        {
            if (element.Tag == DicomTags.SpecificCharacterSet)
            {
                continue;
            }

            if (!TryParseStoredKey(item, element, extended, out var itemKey, out var itemUnmatchable, out error))
            {
                return false;
            }

            unmatchable |= itemUnmatchable;
            if (itemKey is not null)
            {
                itemKeys.Add(itemKey);
            }
        }

        if (itemKeys.Count > 0)
        {
            key = new StoredMatchKey(sequence.Tag, DicomVR.SQ, new Matcher.Sequence(itemKeys));
        }

        return true;
    }

    private static bool TryParseTextOrUniversal(string keyword, DicomVR vr, string value, out Matcher? matcher, out string? error)
    {
        matcher = null;
        error = null;
        value = value.Trim(' ', '\0');
        if (IsUniversal(value))
        {
            return true;
        }

        var ok = TryParseText(keyword, vr, value, out var one, out error);
        matcher = ok ? one : null;
        return ok;
    }

    private static bool TryParseText(string keyword, DicomVR vr, string value, out Matcher matcher, out string? error)
    {
        matcher = null!;
        error = null;
        switch (vr)
        {
            case DicomVR.UI:
                if (!TryParseUids(keyword, value, out var uids, out error))
                {
                    return false;
                }

                matcher = uids!;
                return true;
            case DicomVR.DA:
                if (!DicomDateRange.TryParse(value, DicomParseMode.Lenient, out var dates, out error))
                {
                    error = $"{keyword} '{value}': {error}";
                    return false;
                }

                matcher = new Matcher.DateRange(dates);
                return true;
            case DicomVR.TM:
                if (!DicomTimeRange.TryParse(value, DicomParseMode.Lenient, out var times, out error))
                {
                    error = $"{keyword} '{value}': {error}";
                    return false;
                }

                matcher = new Matcher.TimeRange(times);
                return true;
            case DicomVR.DT:
                if (!DicomDateTimeRange.TryParse(value, DicomParseMode.Lenient, out var dateTimes, out error))
                {
                    error = $"{keyword} '{value}': {error}";
                    return false;
                }

                matcher = new Matcher.DateTimeRange(dateTimes);
                return true;
            case DicomVR.AE or DicomVR.CS or DicomVR.LO or DicomVR.LT or DicomVR.PN or DicomVR.SH or DicomVR.ST or DicomVR.UC or DicomVR.UR or DicomVR.UT
                when value.AsSpan().ContainsAny('*', '?'):
                // C.2.2.2.4 lists the VRs wildcards apply to; elsewhere '*' and '?' are literal.
                matcher = new Matcher.Wildcard(value);
                return true;
            default:
                matcher = new Matcher.Single(value);
                return true;
        }
    }
}
