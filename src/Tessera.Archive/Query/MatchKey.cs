namespace Tessera.Archive.Query;

/// <summary>One matching key of a query: an indexed attribute and how it must match.</summary>
public sealed record MatchKey(IndexedAttribute Attribute, Matcher Matcher);
