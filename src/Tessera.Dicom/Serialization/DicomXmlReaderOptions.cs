namespace Tessera.Dicom.Serialization;

/// <summary>Choices for <see cref="DicomXmlReader"/>.</summary>
public sealed class DicomXmlReaderOptions
{
    public static DicomXmlReaderOptions Default { get; } = new();

    /// <summary>
    /// Turns a &lt;BulkData uri="..."/&gt; (or uuid="...", which DCMTK writes) into the element's
    /// value. Without a resolver the element is kept empty and a deviation is reported.
    /// </summary>
    public Func<string, DicomValue>? BulkDataUriResolver { get; init; }

    /// <summary>Deepest sequence nesting accepted (64, as for JSON: see <see cref="DicomJsonReaderOptions.MaxSequenceDepth"/>).</summary>
    public int MaxSequenceDepth { get; init; } = 64;

    /// <summary>Receives what the lenient reader accepted but the standard does not allow.</summary>
    public Action<DicomDeviation>? OnDeviation { get; init; }
}
