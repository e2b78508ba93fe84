using System.Collections.Frozen;
using System.Collections.Immutable;
using System.Numerics;

namespace Tessera.Dicom;

/// <summary>The lookup structures over the generated rows; built once, then only read.</summary>
internal sealed class DicomDictionaryIndex
{
    public DicomDictionaryIndex(ImmutableArray<DicomDictionaryEntry> entries)
    {
        Entries = entries;
        ByTag = entries.Where(e => !e.IsMasked).ToFrozenDictionary(e => e.Value);

        // Most specific mask first, so that a tag matched by two masks gets the narrower entry;
        // then by value for a stable order.
        Masked = [.. entries.Where(e => e.IsMasked)
            .OrderByDescending(e => BitOperations.PopCount(e.Mask))
            .ThenBy(e => e.Value)];
        ByKeyword = entries.Where(e => e.Keyword.Length > 0).ToFrozenDictionary(e => e.Keyword, StringComparer.Ordinal);
    }

    public ImmutableArray<DicomDictionaryEntry> Entries { get; }

    public FrozenDictionary<uint, DicomDictionaryEntry> ByTag { get; }

    public ImmutableArray<DicomDictionaryEntry> Masked { get; }

    public FrozenDictionary<string, DicomDictionaryEntry> ByKeyword { get; }
}
