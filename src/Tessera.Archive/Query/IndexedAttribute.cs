namespace Tessera.Archive.Query;

/// <summary>An attribute the index stores in its own column (or computes) at <paramref name="Level"/>.</summary>
public sealed record IndexedAttribute(DicomTag Tag, string Keyword, QueryLevel Level, IndexedKind Kind, DicomVR VR);
