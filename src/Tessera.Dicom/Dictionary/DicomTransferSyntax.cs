using System.Collections.Frozen;
using System.Collections.ObjectModel;

namespace Tessera.Dicom;

/// <summary>
/// A transfer syntax (PS3.5 Section 10 and Annex A): its UID and the properties a reader and a
/// writer need. Identity is the UID: two instances with the same UID are equal.
/// </summary>
public sealed partial class DicomTransferSyntax : IEquatable<DicomTransferSyntax>
{
    // Lazy: the generated fields are initialised by the type's static initialiser, whose order
    // across partial files is unspecified; reading them on first use instead avoids seeing nulls.
    private static readonly Lazy<(ReadOnlyCollection<DicomTransferSyntax> All, FrozenDictionary<string, DicomTransferSyntax> ByUid)> Registry =
        new(() =>
        {
            var all = GeneratedAll();
            return (Array.AsReadOnly(all), all.ToFrozenDictionary(t => t.Uid, StringComparer.Ordinal));
        });

    private DicomTransferSyntax(
        string uid,
        string keyword,
        string name,
        bool isExplicitVR,
        bool isBigEndian,
        bool isDeflated,
        bool isEncapsulated,
        bool isLossy,
        bool isRetired)
    {
        Uid = uid;
        Keyword = keyword;
        Name = name;
        IsExplicitVR = isExplicitVR;
        IsBigEndian = isBigEndian;
        IsDeflated = isDeflated;
        IsEncapsulated = isEncapsulated;
        IsLossy = isLossy;
        IsRetired = isRetired;
    }

    /// <summary>Every transfer syntax of PS3.6 Table A-1, in UID order.</summary>
    public static IReadOnlyList<DicomTransferSyntax> All => Registry.Value.All;

    public string Uid { get; }

    /// <summary>The PS3.6 keyword; empty for a UID not in the registry.</summary>
    public string Keyword { get; }

    /// <summary>The PS3.6 name; the UID itself for a UID not in the registry.</summary>
    public string Name { get; }

    /// <summary>Data elements carry their VR (PS3.5 7.1.2); false only for the implicit VR syntaxes.</summary>
    public bool IsExplicitVR { get; }

    /// <summary>Only the retired Explicit VR Big Endian (PS3.5 A.3).</summary>
    public bool IsBigEndian { get; }

    /// <summary>The whole data set after the File Meta Information is deflated (PS3.5 A.5, A.7); not per-frame deflate.</summary>
    public bool IsDeflated { get; }

    /// <summary>Pixel Data is encapsulated: undefined length, an offset table item, then fragments (PS3.5 A.4).</summary>
    public bool IsEncapsulated { get; }

    /// <summary>The syntax allows irreversible compression, so pixel data may not be the original.</summary>
    public bool IsLossy { get; }

    public bool IsRetired { get; }

    /// <summary>
    /// The transfer syntax for <paramref name="uid"/>, ignoring trailing NUL and space padding. A UID
    /// not in the registry gives a new instance read as Explicit VR Little Endian with encapsulated
    /// Pixel Data: PS3.5 A.4 requires every transfer syntax not defined as native to use explicit VR
    /// little endian with encapsulation, so that is the only way such a data set can be parsed at
    /// all (its fragments then stay opaque).
    /// </summary>
    public static DicomTransferSyntax Lookup(string uid)
    {
        ArgumentNullException.ThrowIfNull(uid);
        var trimmed = uid.AsSpan().TrimEnd("\0 ");
        if (Registry.Value.ByUid.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(trimmed, out var known))
        {
            return known;
        }

        var text = trimmed.ToString();
        return new DicomTransferSyntax(
            text,
            keyword: string.Empty,
            name: text,
            isExplicitVR: true,
            isBigEndian: false,
            isDeflated: false,
            isEncapsulated: true,
            isLossy: false,
            isRetired: false);
    }

    public bool Equals(DicomTransferSyntax? other) => other is not null && string.Equals(Uid, other.Uid, StringComparison.Ordinal);

    public override bool Equals(object? obj) => Equals(obj as DicomTransferSyntax);

    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Uid);

    /// <summary>The PS3.6 name, e.g. "Explicit VR Little Endian".</summary>
    public override string ToString() => Name;

    public static bool operator ==(DicomTransferSyntax? left, DicomTransferSyntax? right) =>
        left is null ? right is null : left.Equals(right);

    public static bool operator !=(DicomTransferSyntax? left, DicomTransferSyntax? right) => !(left == right);
}
