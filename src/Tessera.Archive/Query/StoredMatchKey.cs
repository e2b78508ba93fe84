namespace Tessera.Archive.Query;

/// <summary>
/// A matching key on an attribute the index has no column for: matched on the stored attributes of the entity's
/// instance (at IMAGE level its own; above, the representative instance the index keeps), after the indexed keys
/// narrowed the candidates (<see cref="StoredAttributeMatching"/>).
/// </summary>
public sealed record StoredMatchKey(DicomTag Tag, DicomVR VR, Matcher Matcher);
