namespace Tessera.Dicom.Serialization;

/// <summary>Choices for <see cref="DicomJsonWriter"/>; the defaults write conformant PS3.18 Annex F JSON with every value inline.</summary>
public sealed class DicomJsonWriterOptions
{
    public static DicomJsonWriterOptions Default { get; } = new();

    /// <summary>
    /// Names the bulk data of an element (PS3.18 F.2.6): called for encapsulated Pixel Data and for
    /// every value longer than <see cref="InlineBinaryThreshold"/> whose VR PS3.18 F.2.2 allows as
    /// a BulkDataURI; returning null writes the value inline. Null (the default) inlines everything.
    /// </summary>
    public Func<DicomElementPath, string?>? BulkDataUriFactory { get; init; }

    /// <summary>
    /// Values up to this many bytes are always written inline, whatever the factory would say.
    /// 1 KiB keeps small binary values (version bytes, short private blobs) in the metadata, where
    /// one more HTTP round trip would cost more than the bytes; LUTs, overlays and pixels are larger.
    /// </summary>
    public long InlineBinaryThreshold { get; init; } = 1024;

    /// <summary>
    /// Adds a non-standard "keyword" member (PS3.6 keyword) to each attribute object. Off by
    /// default: PS3.18 F.2.2 defines only vr, Value, BulkDataURI and InlineBinary.
    /// </summary>
    public bool WriteKeyword { get; init; }

    /// <summary>
    /// Looks up the keyword written when <see cref="WriteKeyword"/> is on (a null result writes none);
    /// by default the PS3.6 dictionary, which has no keywords for private elements.
    /// </summary>
    public Func<DicomTag, string?>? KeywordLookup { get; init; }

    /// <summary>Pretty-prints with indentation (for people and tests; services leave it off).</summary>
    public bool Indented { get; init; }
}
