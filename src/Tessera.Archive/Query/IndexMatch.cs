namespace Tessera.Archive.Query;

/// <summary>
/// One entity an index found: the indexed (and computed) values of its level and the levels above,
/// and the stored attributes of an instance representing it (its own, or for a patient, study or
/// series the first instance stored), for return keys that have no column.
/// </summary>
public sealed record IndexMatch(IReadOnlyDictionary<DicomTag, string> Values, ReadOnlyMemory<byte> Attributes);
