namespace Tessera.Dicom.IO;

/// <summary>
/// How lenient and how bounded the reader is. Immutable: one instance may be shared by every
/// reader of an application (STYLE 12: options are passed in, never global).
/// </summary>
public sealed record DicomReadOptions
{
    /// <summary>The defaults: 64 KiB bulk threshold, depth 64, no stop before pixel data.</summary>
    public static DicomReadOptions Default { get; } = new();

    /// <summary>
    /// Values longer than this (in bytes) are left in their source as a
    /// <see cref="DicomBulkDataReference"/> when the reader has one (STYLE 4: 64 KiB by default,
    /// the size above which pydicom and dcm4che also defer values).
    /// </summary>
    public long BulkDataThreshold { get; init; } = 65_536;

    /// <summary>
    /// The longest defined value length accepted, in bytes. The default, 0xFFFFFFFE, is the largest
    /// a 32-bit length field can say (0xFFFFFFFF means undefined length, PS3.5 7.1.1).
    /// </summary>
    public long MaxValueLength { get; init; } = 0xFFFF_FFFE;

    /// <summary>
    /// The longest value kept in memory (values that cannot be left in a source: big endian,
    /// deflated, non-seekable streams). Longer values are an error, not an out-of-memory crash.
    /// </summary>
    public long MaxInMemoryValueLength { get; init; } = Array.MaxLength;

    /// <summary>
    /// Deepest nesting of sequences accepted (PS3.5 7.5 sets no limit; real SR trees reach about
    /// 10). Bounds the reader's stack, so hostile input cannot exhaust memory by nesting.
    /// </summary>
    public int MaxSequenceDepth { get; init; } = 64;

    /// <summary>Stop at the top-level Pixel Data, Float Pixel Data or Double Float Pixel Data element, unread.</summary>
    public bool StopBeforePixelData { get; init; }
}
