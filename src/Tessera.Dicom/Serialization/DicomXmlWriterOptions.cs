namespace Tessera.Dicom.Serialization;

/// <summary>Choices for <see cref="DicomXmlWriter"/>; the defaults write the PS3.19 Native DICOM Model with every value inline.</summary>
public sealed class DicomXmlWriterOptions
{
    public static DicomXmlWriterOptions Default { get; } = new();

    /// <summary>
    /// Names the bulk data of an element, written as &lt;BulkData uri="..."/&gt; (PS3.19 A.1.5):
    /// called for encapsulated Pixel Data and for octet-stream values (OB, OD, OF, OL, OV, OW, UN)
    /// longer than <see cref="InlineBinaryThreshold"/>; null writes the value inline.
    /// </summary>
    public Func<DicomElementPath, string?>? BulkDataUriFactory { get; init; }

    /// <summary>Values up to this many bytes are always inline (1 KiB, as for JSON: see <see cref="DicomJsonWriterOptions.InlineBinaryThreshold"/>).</summary>
    public long InlineBinaryThreshold { get; init; } = 1024;

    /// <summary>Writes the keyword attribute PS3.19 A.1.5 defines for standard attributes (on by default, as DCMTK does).</summary>
    public bool WriteKeyword { get; init; } = true;

    /// <summary>Keyword lookup; by default the PS3.6 dictionary, which has none for private elements.</summary>
    public Func<DicomTag, string?>? KeywordLookup { get; init; }

    /// <summary>Declares the PS3.19 namespace http://dicom.nema.org/PS3.19/models/NativeDICOM on the root element.</summary>
    public bool WriteNamespace { get; init; } = true;

    /// <summary>One element per line, indented (for people and diffs).</summary>
    public bool Indented { get; init; }
}
