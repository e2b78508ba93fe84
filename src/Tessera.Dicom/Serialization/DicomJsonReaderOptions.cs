namespace Tessera.Dicom.Serialization;

/// <summary>Choices for <see cref="DicomJsonReader"/>.</summary>
public sealed class DicomJsonReaderOptions
{
    public static DicomJsonReaderOptions Default { get; } = new();

    /// <summary>
    /// Turns a BulkDataURI (PS3.18 F.2.6) into the element's value: fetched bytes, or a
    /// <see cref="IO.DicomBulkDataReference"/> to a local copy. Without a resolver the element
    /// is kept with an empty value and a deviation is reported, so metadata-only uses (indexing a
    /// WADO-RS metadata response) need not fetch anything.
    /// </summary>
    public Func<string, DicomValue>? BulkDataUriResolver { get; init; }

    /// <summary>
    /// Deepest sequence nesting accepted. Real datasets nest fewer than 10 levels (SR trees,
    /// segmentations); 64 bounds the recursion well inside the stack yet far beyond real data.
    /// </summary>
    public int MaxSequenceDepth { get; init; } = 64;

    /// <summary>Receives what the lenient reader accepted but the standard does not allow (STYLE 11).</summary>
    public Action<DicomDeviation>? OnDeviation { get; init; }
}
