using System.Runtime.CompilerServices;
using Tessera.Archive.Index;
using Tessera.Archive.Ingest;

namespace Tessera.Archive.Query;

/// <summary>
/// Answers C-FIND-style queries: the index runs one query; each match becomes a data set holding
/// the requested return keys (PS3.4 C.4.1.1.3.2), from index columns when they are indexed and
/// from the stored attribute blob otherwise, plus the unique keys of the level and those above.
/// Text is returned in the query's character set when it can hold every value of the result, else in UTF-8
/// (ISO_IR 192), whatever character set each instance used (<see cref="ResultCharacterSet"/>).
/// Keys the index has no column for (<see cref="ArchiveQuery.StoredKeys"/>) are matched on each candidate's stored
/// attributes as the index streams them, so the indexed keys narrow first and memory stays one candidate.
/// </summary>
/// <param name="index">The index.</param>
/// <param name="maxFilteredCandidates">
/// Most candidates examined for a query with stored keys: past it the query fails (the caller answers Unable to
/// Process with the message) rather than walk a whole table or return a silently truncated answer.
/// </param>
public sealed class QueryService(IIndexStore index, int maxFilteredCandidates = 100_000)
{
    public async IAsyncEnumerable<DicomDataset> FindAsync(ArchiveQuery query, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var keys = query.ResultKeys();
        var storedKeys = query.StoredKeys ?? [];
        if (storedKeys.Count == 0)
        {
            await foreach (var match in index.QueryAsync(query, cancellationToken).ConfigureAwait(false))
            {
                yield return ResultCharacterSet.Choose(BuildResult(query, keys, match, stored: null), query.CharacterSet ?? ResultCharacterSet.Utf8);
            }

            yield break;
        }

        // The index cannot count what the filter will drop: it streams candidates up to the cap, the limit applies after.
        var returned = 0;
        var examined = 0;
        await foreach (var match in index.QueryAsync(query with { Limit = maxFilteredCandidates + 1 }, cancellationToken).ConfigureAwait(false))
        {
            if (++examined > maxFilteredCandidates)
            {
                throw new InvalidOperationException(
                    $"more than {maxFilteredCandidates} candidates to match on attributes the index does not store ({string.Join(", ", storedKeys.Select(k => DicomDictionary.Find(k.Tag)?.Keyword ?? k.Tag.ToString()))}): add indexed keys to narrow the query");
            }

            var stored = Decode(match);
            if (!StoredAttributeMatching.Matches(stored, storedKeys, query.CaseInsensitivePersonNames))
            {
                continue;
            }

            yield return ResultCharacterSet.Choose(BuildResult(query, keys, match, stored), query.CharacterSet ?? ResultCharacterSet.Utf8);
            if (++returned >= query.Limit)
            {
                yield break;
            }
        }
    }

    private static DicomDataset Decode(IndexMatch match) => match.Attributes.IsEmpty ? new DicomDataset() : AttributeBlob.Decode(match.Attributes);

    /// <summary>
    /// The items of a sequence key (C.2.2.2.6): with matching keys in the request's item only the stored items that
    /// match them, and with keys in the request's item only those attributes of each (zero-length when absent,
    /// C.4.1.1.3.2); an empty request item returns the items whole.
    /// </summary>
    private static IEnumerable<DicomDataset> ReturnedItems(ArchiveQuery query, DicomSequence sequence)
    {
        var matcher = (query.StoredKeys ?? []).FirstOrDefault(k => k.Tag == sequence.Tag)?.Matcher as Matcher.Sequence;
        var requested = query.ItemReturnKeys?.GetValueOrDefault(sequence.Tag);
        foreach (var item in sequence.Items)
        {
            if (matcher is not null && !StoredAttributeMatching.Matches(item, matcher.ItemKeys, query.CaseInsensitivePersonNames))
            {
                continue;
            }

            var copy = ResultCharacterSet.Transcode(item, ResultCharacterSet.Utf8, topLevel: false);
            if (requested is null)
            {
                yield return copy;
                continue;
            }

            var projected = new DicomDataset();
            foreach (var tag in requested)
            {
                projected.Add(copy[tag] ?? Empty(tag));
            }

            yield return projected;
        }
    }

    private static DicomElement Empty(DicomTag tag)
    {
        var vr = DicomDictionary.Find(tag)?.DefaultVR ?? DicomVR.UN;
        return vr == DicomVR.SQ ? new DicomSequence(tag) : new DicomValueElement(tag, vr, ReadOnlyMemory<byte>.Empty);
    }

    private static DicomDataset BuildResult(ArchiveQuery query, IReadOnlyList<DicomTag> keys, IndexMatch match, DicomDataset? stored)
    {
        var result = new DicomDataset();
        result.AddOrUpdate(DicomTags.SpecificCharacterSet, DicomVR.CS, "ISO_IR 192");
        result.AddOrUpdate(DicomTags.QueryRetrieveLevel, DicomVR.CS, query.Level.ToString().ToUpperInvariant());
        foreach (var tag in keys)
        {
            if (query.IsIndexedAtLevel(tag) && IndexedAttributes.Find(tag) is { } attribute)
            {
                result.AddOrUpdate(tag, attribute.VR, match.Values.GetValueOrDefault(tag) ?? string.Empty);
                continue;
            }

            stored ??= Decode(match);
            var vr = DicomDictionary.Find(tag)?.DefaultVR ?? DicomVR.UN;
            switch (stored[tag])
            {
                case DicomValueElement value when value.VR.IsString():
                    result.AddOrUpdate(tag, value.VR, stored.GetString(tag) ?? string.Empty);
                    break;
                case DicomValueElement value:
                    result.Add(value);
                    break;
                case DicomSequence sequence:
                    result.Add(new DicomSequence(tag, [.. ReturnedItems(query, sequence)]));
                    break;
                default:
                    // PS3.4 C.4.1.1.3.2: a requested key without a value is returned zero-length.
                    result.Add(vr == DicomVR.SQ ? new DicomSequence(tag) : new DicomValueElement(tag, vr, ReadOnlyMemory<byte>.Empty));
                    break;
            }
        }

        return result;
    }
}
