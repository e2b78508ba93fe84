using System.Collections.Frozen;

namespace Tessera.Dicom;

/// <summary>PS3.6 Table A-1 (edition <see cref="DicomEdition.Name"/>): UID to name, keyword and type.</summary>
public static partial class DicomUidRegistry
{
    private static readonly Lazy<FrozenDictionary<string, DicomUidInfo>> Index =
        new(() => GeneratedUids().ToFrozenDictionary(u => u.Uid, StringComparer.Ordinal));

    /// <summary>Every UID of Table A-1 (order unspecified).</summary>
    public static IReadOnlyCollection<DicomUidInfo> All => Index.Value.Values;

    /// <summary>
    /// The registry row for <paramref name="uid"/>, or null. Trailing NUL and space padding (PS3.5
    /// 9.1 pads UIDs to even length with NUL; some writers use a space) is ignored without allocating.
    /// </summary>
    public static DicomUidInfo? Find(string uid)
    {
        ArgumentNullException.ThrowIfNull(uid);
        return Index.Value.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(uid.AsSpan().TrimEnd("\0 "), out var info) ? info : null;
    }
}
