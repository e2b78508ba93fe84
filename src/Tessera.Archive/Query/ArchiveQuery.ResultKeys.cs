namespace Tessera.Archive.Query;

/// <summary>What each result of a query carries, so that an index reads only that.</summary>
public sealed partial record ArchiveQuery
{
    /// <summary>
    /// The attributes of each result: the return keys in their order, then the unique key of each level from the
    /// root's top level down to the query's level when it was not asked for (PS3.4 C.4.1.1.3.2: a response carries the
    /// unique keys of its level and those above).
    /// </summary>
    public IReadOnlyList<DicomTag> ResultKeys()
    {
        var keys = new List<DicomTag>(ReturnKeys);
        var top = Root == QueryRoot.PatientRoot ? QueryLevel.Patient : QueryLevel.Study;
        for (var level = top; level <= Level; level++)
        {
            var unique = IndexedAttributes.UniqueKey(level);
            if (!keys.Contains(unique))
            {
                keys.Add(unique);
            }
        }

        return keys;
    }

    /// <summary>
    /// Whether results need the stored attributes of their instance: a return key the index has no column for at the level, or a
    /// key matched on them (<see cref="StoredKeys"/>). When not, an index may leave <see cref="IndexMatch.Attributes"/> empty.
    /// </summary>
    public bool NeedsStoredAttributes => StoredKeys is { Count: > 0 } || ReturnKeys.Any(tag => !IsIndexedAtLevel(tag));

    /// <summary>Whether the index has a column for <paramref name="tag"/> at this query's level (its level or one above).</summary>
    public bool IsIndexedAtLevel(DicomTag tag) => IndexedAttributes.Find(tag) is { } attribute && attribute.Level <= Level;
}
