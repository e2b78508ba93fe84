using Tessera.Dicom;

namespace Tessera.Cli.Network;

/// <summary>
/// The storage SOP classes of PS3.4 Annex B (Table B.5-1) and the transfer syntaxes a receiver
/// accepts, taken from the generated PS3.6 registry rather than a hand-kept list.
/// </summary>
internal static class StorageSopClasses
{
    /// <summary>
    /// Every SOP class, current or retired, whose PS3.6 keyword says Storage and that lives under the
    /// storage branch 1.2.840.10008.5.1.4 (Storage Commitment and Media Storage Directory are not stored objects).
    /// </summary>
    public static IReadOnlyList<string> All { get; } = DicomUidRegistry.All
        .Where(u => u.Type == DicomUidType.SOPClass
            && u.Uid.StartsWith("1.2.840.10008.5.1.4.", StringComparison.Ordinal)
            && u.Keyword.Contains("Storage", StringComparison.Ordinal)
            && !u.Keyword.Contains("StorageCommitment", StringComparison.Ordinal))
        .Select(u => u.Uid)
        .Order(StringComparer.Ordinal)
        .ToArray();

    /// <summary>
    /// Transfer syntaxes a receiver accepts, most preferred first (the acceptor's preference wins, PS3.8
    /// Table 9-18). Encapsulated syntaxes come first so that a requestor proposing its file's compressed
    /// syntax together with an uncompressed one sends the file as it is instead of decompressing it;
    /// then Explicit VR LE, Implicit VR LE (the default every SCP must accept, PS3.5 10.1), deflated and
    /// big endian last, since they cost both sides a conversion.
    /// </summary>
    public static IReadOnlyList<string> ReceiverTransferSyntaxes { get; } = DicomTransferSyntax.All.Where(ts => ts.IsEncapsulated)
        .Append(DicomTransferSyntax.ExplicitVRLittleEndian)
        .Append(DicomTransferSyntax.ImplicitVRLittleEndian)
        .Concat(DicomTransferSyntax.All.Where(ts => !ts.IsEncapsulated && ts.IsDeflated))
        .Append(DicomTransferSyntax.ExplicitVRBigEndian)
        .Select(ts => ts.Uid)
        .Distinct(StringComparer.Ordinal)
        .ToArray();
}
