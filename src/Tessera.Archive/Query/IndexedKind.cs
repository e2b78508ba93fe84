namespace Tessera.Archive.Query;

/// <summary>How an indexed attribute matches (PS3.4 C.2.2.2) and how it is stored.</summary>
public enum IndexedKind
{
    /// <summary>Single value and wildcard matching on the value as stored (LO, SH, CS, IS).</summary>
    Text,

    /// <summary>PN: like text, plus an upper-case copy so case-insensitive matching can use an index.</summary>
    PersonName,

    /// <summary>UI: single value or list of UIDs (C.2.2.2.2); no wildcards.</summary>
    Uid,

    /// <summary>DA: single value and range (C.2.2.2.5), stored as YYYYMMDD so ranges compare as text.</summary>
    Date,

    /// <summary>TM: single value and range, stored as HHMMSS.FFFFFF (padded) so ranges compare as text.</summary>
    Time,

    /// <summary>IS: matched as text (single value), stored also as an integer for ordering.</summary>
    Integer,

    /// <summary>Not stored but computed by the index (counts, Modalities in Study): return keys, and matching where said.</summary>
    Computed,
}
