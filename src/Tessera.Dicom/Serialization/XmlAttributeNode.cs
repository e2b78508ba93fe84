namespace Tessera.Dicom.Serialization;

/// <summary>
/// One DicomAttribute as read from PS3.19 XML, before it becomes an element. Private elements
/// name their creator instead of their block (PS3.19 A.1.5) and come before the creator in tag
/// order, so a dataset's attributes are all read before any tag can be resolved.
/// </summary>
internal sealed class XmlAttributeNode(DicomTag tag, DicomVR vr, string? privateCreator, long line)
{
    public DicomTag Tag { get; set; } = tag;

    public DicomVR VR { get; } = vr;

    public string? PrivateCreator { get; } = privateCreator;

    /// <summary>Line in the document, for deviations and errors (XML has no byte offsets to give).</summary>
    public long Line { get; } = line;

    /// <summary>Value and PersonName texts by their number - 1; gaps are empty values.</summary>
    public List<string?> Values { get; } = [];

    public List<List<XmlAttributeNode>>? Items { get; set; }

    public byte[]? InlineBinary { get; set; }

    public string? BulkDataUri { get; set; }

    public void SetValue(int number, string? text)
    {
        while (Values.Count < number)
        {
            Values.Add(null);
        }

        Values[number - 1] = text;
    }
}
