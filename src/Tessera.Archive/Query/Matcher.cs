using Tessera.Dicom.Values;

namespace Tessera.Archive.Query;

/// <summary>The kinds of attribute matching of PS3.4 C.2.2.2.</summary>
public abstract record Matcher
{
    private Matcher()
    {
    }

    /// <summary>C.2.2.2.1: the value equals (for PN optionally ignoring case).</summary>
    public sealed record Single(string Value) : Matcher;

    /// <summary>C.2.2.2.2: the UID is one of the listed ones.</summary>
    public sealed record UidList(IReadOnlyList<string> Uids) : Matcher;

    /// <summary>C.2.2.2.4: '*' any run of characters, '?' one character.</summary>
    public sealed record Wildcard(string Pattern) : Matcher
    {
        /// <summary>Whether <paramref name="value"/> matches, case sensitive (the caller folds case where it applies).</summary>
        public bool Matches(string value) => StoredAttributeMatching.Wildcard(Pattern, value);
    }

    /// <summary>C.2.2.2.5: date range, either end open.</summary>
    public sealed record DateRange(DicomDateRange Range) : Matcher;

    /// <summary>C.2.2.2.5: time range, either end open.</summary>
    public sealed record TimeRange(DicomTimeRange Range) : Matcher;

    /// <summary>
    /// C.2.2.2.5, combined date-time matching (negotiated): a date key and its time key as one range
    /// (<see cref="DicomDateTimeRange.FromDateAndTime"/>). On the date key's attribute; the time key is in it.
    /// </summary>
    public sealed record DateTimeRange(DicomDateTimeRange Range) : Matcher;

    /// <summary>
    /// Empty value matching (negotiated, PS3.4 C.5.1.1 byte 6): the key "" (two QUOTATION MARKs) matches entities whose
    /// attribute is absent or has no value.
    /// </summary>
    public sealed record Empty : Matcher;

    /// <summary>Multiple value matching (negotiated, PS3.4 C.5.1.1 byte 7): a key of several values matches when any one does.</summary>
    public sealed record AnyOf(IReadOnlyList<Matcher> Matchers) : Matcher;

    /// <summary>Single value matching of a binary number (US, SS, UL, SL, FL, FD, ...): the stored value equals it.</summary>
    public sealed record Number(double Value) : Matcher;

    /// <summary>
    /// C.2.2.2.6: an item of keys; the stored sequence matches when one of its items matches every key. Only for
    /// stored keys (<see cref="StoredMatchKey"/>): the index has no sequence columns.
    /// </summary>
    public sealed record Sequence(IReadOnlyList<StoredMatchKey> ItemKeys) : Matcher;
}
