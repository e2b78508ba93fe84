using System.IO.Compression;

namespace Tessera.Dicom.IO;

/// <summary>
/// How <see cref="DicomWriter"/> encodes what the standard leaves open. Immutable: share one
/// instance freely.
/// </summary>
public sealed record DicomWriteOptions
{
    /// <summary>Undefined-length sequences and items, no group lengths, UN resolved from the dictionary.</summary>
    public static DicomWriteOptions Default { get; } = new();

    /// <summary>
    /// Write sequences and items with explicit lengths (computed by a measuring pass over the
    /// dataset before writing) instead of undefined lengths with delimitation items (PS3.5 7.5.1).
    /// Off by default: undefined lengths need no measuring and every reader must accept them.
    /// A sequence whose encoded length would not fit 32 bits is written with undefined length anyway.
    /// </summary>
    public bool DefinedLengthSequences { get; init; }

    /// <summary>
    /// Keep the retired group length elements (gggg,0000) that the dataset holds, with their value
    /// recomputed for the encoding written (PS3.5 7.2; a stale length copied from the source would
    /// be wrong as soon as the transfer syntax or a value changes). Off by default: they are
    /// dropped. File meta (0002,0000) is always written and is not governed by this option.
    /// </summary>
    public bool KeepGroupLengths { get; init; }

    /// <summary>
    /// In explicit-VR output, write an element held as UN with the VR the data dictionary gives its
    /// tag when its bytes can be reinterpreted: a single VR that is neither SQ nor ambiguous, the
    /// value length a multiple of the VR's value size and within its length field (PS3.5 6.2.2,
    /// the reverse of the UN conversion). Assumes, as the reader guarantees, that UN bytes came from
    /// a little-endian source; see <see cref="UnknownValuesAreBigEndian"/>.
    /// </summary>
    public bool ResolveUnknownVRs { get; init; } = true;

    /// <summary>
    /// Set when the dataset was read from Explicit VR Big Endian: its UN bytes are then big endian
    /// and can be reinterpreted as nothing, so <see cref="ResolveUnknownVRs"/> is not applied.
    /// </summary>
    public bool UnknownValuesAreBigEndian { get; init; }

    /// <summary>Compression level of the Deflated Explicit VR Little Endian syntax (PS3.5 A.5).</summary>
    public CompressionLevel DeflateLevel { get; init; } = CompressionLevel.Optimal;

    /// <summary>
    /// Size of the pooled output buffer: headers and small values gather there and reach the
    /// stream in chunks of this size; bulk data is copied through it. 64 KiB amortises the
    /// per-call cost of a FileStream or a socket while staying out of the large object heap.
    /// </summary>
    public int BufferSize
    {
        get;
        init
        {
            // 16 bytes is the longest fixed header (explicit VR long form 12, item 8) plus room to
            // keep every chunk a multiple of the largest swap unit (8).
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 16);
            field = value - (value % 8);
        }
    } = 64 * 1024;
}
