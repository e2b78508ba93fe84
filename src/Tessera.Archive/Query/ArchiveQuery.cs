using Tessera.Dicom.Text;
using Tessera.Dicom.Values;

namespace Tessera.Archive.Query;

/// <summary>
/// A C-FIND-style query (PS3.4 C.4.1), independent of protocol: DIMSE builds it from the
/// identifier, QIDO-RS from its query parameters. Each index adapter translates it into one query.
/// </summary>
/// <param name="Root">Patient Root or Study Root (which levels exist and what a STUDY row carries).</param>
/// <param name="Level">The level of the entities returned.</param>
/// <param name="Keys">Matching keys (every one must match: C.2.2.1, AND semantics).</param>
/// <param name="ReturnKeys">Attributes each result carries (matching keys included), in this order.</param>
/// <param name="Limit">Most results returned (the DIMSE and QIDO layers bound responses with it).</param>
/// <param name="CaseInsensitivePersonNames">PN keys ignore case (C.2.2.2.1 allows it for PN; most users expect it).</param>
/// <param name="CombinedDateTimeMatching">
/// Whether Study Date and Study Time keys were combined into one date-time range (PS3.4 C.2.2.2.5, negotiated by
/// byte 2 of the Query/Retrieve SOP Class Extended Negotiation, C.5.1.1); the keys then hold a <see cref="Matcher.DateTimeRange"/>.
/// </param>
/// <param name="StoredKeys">
/// Matching keys on attributes the index has no column for, matched on the stored attributes after the index query
/// (<see cref="StoredAttributeMatching"/>); null or empty: none.
/// </param>
/// <param name="UnmatchedKeys">Keys with a value the archive cannot match (counts, binary data): return keys only.</param>
/// <param name="ItemReturnKeys">
/// For a sequence key whose request item lists attributes, those attributes: each returned item carries only them
/// (C.2.2.2.6, C.4.1.1.3.2); a sequence not listed returns its items whole.
/// </param>
/// <param name="CharacterSet">
/// The query's character set (its Specific Character Set, the default repertoire when it has none): results use it
/// when it holds their values (<see cref="ResultCharacterSet"/>); null: UTF-8.
/// </param>
public sealed partial record ArchiveQuery(
    QueryRoot Root,
    QueryLevel Level,
    IReadOnlyList<MatchKey> Keys,
    IReadOnlyList<DicomTag> ReturnKeys,
    int Limit = 1000,
    bool CaseInsensitivePersonNames = true,
    bool CombinedDateTimeMatching = false,
    IReadOnlyList<StoredMatchKey>? StoredKeys = null,
    IReadOnlyList<DicomTag>? UnmatchedKeys = null,
    DicomCharacterSet? CharacterSet = null,
    IReadOnlyDictionary<DicomTag, IReadOnlyList<DicomTag>>? ItemReturnKeys = null)
{
    /// <summary>
    /// Builds a query from a C-FIND identifier: (0008,0052) gives the level; each other attribute is
    /// a return key, and a matching key when it has a value that is not universal ("" or "*").
    /// The unique keys of levels below the query level are refused (C.4.1.2.2.1); attributes not indexed, or indexed at
    /// a lower level, are answered from the stored attributes and, with a value, matched on them (<see cref="StoredKeys"/>:
    /// above the image level, those of the entity's representative instance); Modality in a study query is Modalities in Study.
    /// </summary>
    public static bool TryFromIdentifier(
        DicomDataset identifier,
        QueryRoot root,
        out ArchiveQuery? query,
        out string? error,
        int limit = 1000,
        bool caseInsensitivePersonNames = true,
        bool combinedDateTimeMatching = false,
        bool emptyValueMatching = false,
        bool multipleValueMatching = false)
    {
        ArgumentNullException.ThrowIfNull(identifier);
        query = null;
        var levelText = identifier.GetString(DicomTags.QueryRetrieveLevel);
        QueryLevel? level = levelText switch
        {
            "PATIENT" when root == QueryRoot.PatientRoot => QueryLevel.Patient,
            "STUDY" => QueryLevel.Study,
            "SERIES" => QueryLevel.Series,
            "IMAGE" => QueryLevel.Image,
            _ => null,
        };
        if (level is null)
        {
            error = $"Query/Retrieve Level '{levelText}' is not a level of the {root} information model (PS3.4 C.6)";
            return false;
        }

        var keys = new List<MatchKey>();
        var storedKeys = new List<StoredMatchKey>();
        var unmatched = new List<DicomTag>();
        var returnKeys = new List<DicomTag>();
        var extended = new ExtendedMatching(emptyValueMatching, multipleValueMatching);
        var itemReturnKeys = new Dictionary<DicomTag, IReadOnlyList<DicomTag>>();
        foreach (var element in identifier)
        {
            var tag = element.Tag;
            if (tag == DicomTags.QueryRetrieveLevel || tag == DicomTags.SpecificCharacterSet || tag.Group == 0x0002)
            {
                continue;
            }

            returnKeys.Add(tag);
            if (element is DicomSequence { Items: [var item] } && item.Any(e => e.Tag != DicomTags.SpecificCharacterSet))
            {
                itemReturnKeys[tag] = [.. item.Where(e => e.Tag != DicomTags.SpecificCharacterSet).Select(e => e.Tag)];
            }

            var attribute = IndexedAttributes.Find(tag);
            if (attribute is not null && attribute.Level > level && element is DicomValueElement)
            {
                // A key of a lower level. Its unique key names an entity the level does not have (C.4.1.2.2.1): refused with
                // a value, not answered without. Any other is what viewers send anyway (Modality or Institution Name in a
                // study query), matched as below.
                if (attribute.Tag == IndexedAttributes.UniqueKey(attribute.Level))
                {
                    if (!IsUniversal((identifier.GetString(tag) ?? string.Empty).Trim(' ', '\0')))
                    {
                        error = $"{attribute.Keyword} is a {attribute.Level} attribute: not a key of a {level} query (PS3.4 C.4.1.2.2.1)";
                        return false;
                    }

                    returnKeys.Remove(tag);
                    continue;
                }

                if (tag == DicomTags.Modality && level == QueryLevel.Study)
                {
                    // Modality in a study query is Modalities in Study, as old viewers mean it: a series of that modality.
                    var modalitiesInStudy = IndexedAttributes.Find(DicomTags.ModalitiesInStudy)!;
                    if (!ParseMatcher(modalitiesInStudy, identifier.GetString(tag) ?? string.Empty, out var modalities, out error))
                    {
                        return false;
                    }

                    if (modalities is not null)
                    {
                        keys.Add(new MatchKey(modalitiesInStudy, modalities));
                    }

                    continue;
                }

                // Others are answered and matched from the stored header, as the keys the index has no column for.
                attribute = null;
            }

            if (attribute is null)
            {
                if (!TryParseStoredKey(identifier, element, extended, out var storedKey, out var unmatchable, out error))
                {
                    return false;
                }

                if (storedKey is not null)
                {
                    storedKeys.Add(storedKey);
                }
                else if (unmatchable)
                {
                    unmatched.Add(tag);
                }

                continue;
            }

            if (element is not DicomValueElement)
            {
                continue;
            }

            var value = identifier.GetString(tag) ?? string.Empty;
            if (ParseMatcher(attribute, value, extended, out var matcher, out error) is false)
            {
                return false;
            }

            if (matcher is null && attribute.Kind == IndexedKind.Computed && !IsUniversal(value))
            {
                // Counts are return keys; PS3.4 C.6.1.1.2 makes matching on them optional and we do not.
                unmatched.Add(tag);
            }

            if (matcher is not null)
            {
                keys.Add(new MatchKey(attribute, matcher));
            }
        }

        if (combinedDateTimeMatching)
        {
            CombineDateAndTime(keys);
        }

        error = null;
        query = new ArchiveQuery(root, level.Value, keys, returnKeys, limit, caseInsensitivePersonNames, combinedDateTimeMatching, storedKeys, unmatched, identifier.CharacterSet, itemReturnKeys);
        return true;
    }

    /// <summary>
    /// PS3.4 C.2.2.2.5 with combined date-time matching: a Study Date and a Study Time key, one of them a range, are one
    /// range from (start date, start time) to (end date, end time), so 20240101-20240102 with 2200-0600 is the night
    /// between. Two single values mean the same either way and are left alone.
    /// </summary>
    private static void CombineDateAndTime(List<MatchKey> keys)
    {
        var date = keys.FindIndex(k => k.Attribute.Tag == DicomTags.StudyDate && k.Matcher is Matcher.DateRange);
        var time = keys.FindIndex(k => k.Attribute.Tag == DicomTags.StudyTime && k.Matcher is Matcher.TimeRange);
        if (date < 0 || time < 0)
        {
            return;
        }

        var dates = ((Matcher.DateRange)keys[date].Matcher).Range;
        var times = ((Matcher.TimeRange)keys[time].Matcher).Range;
        if (dates.IsSingleValue && times.IsSingleValue)
        {
            return;
        }

        keys[date] = keys[date] with { Matcher = new Matcher.DateTimeRange(DicomDateTimeRange.FromDateAndTime(dates, times)) };
        keys.RemoveAt(time);
    }

    /// <summary>
    /// The matcher for a key's value with the negotiated extended matching (empty value "", several values as any of
    /// them); counts and Modalities in Study keep their own rules, UIDs are lists anyway.
    /// </summary>
    private static bool ParseMatcher(IndexedAttribute attribute, string value, ExtendedMatching extended, out Matcher? matcher, out string? error)
    {
        if (attribute.Kind is IndexedKind.Computed or IndexedKind.Uid)
        {
            return ParseMatcher(attribute, value, out matcher, out error);
        }

        if (extended.EmptyValue && IsEmptyValueKey(value))
        {
            matcher = new Matcher.Empty();
            error = null;
            return true;
        }

        if (extended.MultipleValue && value.Contains('\\', StringComparison.Ordinal))
        {
            return ParseAnyOf(value, (string part, out Matcher? one, out string? e) => ParseMatcher(attribute, part, out one, out e), out matcher, out error);
        }

        return ParseMatcher(attribute, value, out matcher, out error);
    }

    /// <summary>The matcher for a key's value; null (and true) for universal matching (C.2.2.2.3).</summary>
    public static bool ParseMatcher(IndexedAttribute attribute, string value, out Matcher? matcher, out string? error)
    {
        ArgumentNullException.ThrowIfNull(attribute);
        ArgumentNullException.ThrowIfNull(value);
        matcher = null;
        error = null;
        value = value.Trim(' ', '\0');
        if (IsUniversal(value))
        {
            return true;
        }

        switch (attribute.Kind)
        {
            case IndexedKind.Uid:
                return TryParseUids(attribute.Keyword, value, out matcher, out error);
            case IndexedKind.Date:
                if (!DicomDateRange.TryParse(value, DicomParseMode.Lenient, out var dates, out error))
                {
                    error = $"{attribute.Keyword} '{value}': {error}";
                    return false;
                }

                matcher = new Matcher.DateRange(dates);
                return true;
            case IndexedKind.Time:
                if (!DicomTimeRange.TryParse(value, DicomParseMode.Lenient, out var times, out error))
                {
                    error = $"{attribute.Keyword} '{value}': {error}";
                    return false;
                }

                matcher = new Matcher.TimeRange(times);
                return true;
            case IndexedKind.Computed when attribute.Tag == DicomTags.ModalitiesInStudy || attribute.Tag == DicomTags.SOPClassesInStudy:
                // C.6.2.1.2: matches studies with a series of any of the listed modalities, or an instance of any of the classes.
                matcher = new Matcher.UidList([.. value.Split('\\').Select(v => v.Trim()).Where(v => v.Length > 0)]);
                return true;
            case IndexedKind.Computed:
                // Counts: see UnmatchedKeys.
                return true;
            default:
                matcher = value.Contains('*', StringComparison.Ordinal) || value.Contains('?', StringComparison.Ordinal)
                    ? new Matcher.Wildcard(value)
                    : new Matcher.Single(value);
                return true;
        }
    }
}
