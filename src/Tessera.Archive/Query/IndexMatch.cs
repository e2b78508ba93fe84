namespace Tessera.Archive.Query;

/// <summary>
/// One entity an index found: the indexed (and computed) values of its level and the levels above that the query's
/// results carry (<see cref="ArchiveQuery.ResultKeys"/>; an index may return more), and the stored attributes of an
/// instance representing it (its own, or for a patient, study or series the first instance stored), for return keys
/// that have no column: empty when the query does not need them (<see cref="ArchiveQuery.NeedsStoredAttributes"/>).
/// </summary>
public sealed record IndexMatch(IReadOnlyDictionary<DicomTag, string> Values, ReadOnlyMemory<byte> Attributes);
