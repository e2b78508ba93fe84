namespace Tessera.Dicom.Tests.Corpus;

/// <summary>One line of a dcmdump listing: an element, or an item (tag FFFE,E000) with its elements.</summary>
internal sealed record DumpElement(DicomTag Tag, string VR, string Value, long? Length, string Keyword, int Line)
{
    /// <summary>Sequence items or pixel items of this element.</summary>
    public List<DumpElement> Items { get; } = [];

    /// <summary>For an item: its elements.</summary>
    public List<DumpElement> Elements { get; } = [];

    public bool IsSequence => Value.StartsWith("(Sequence", StringComparison.Ordinal);

    public bool IsPixelSequence => Value.StartsWith("(PixelSequence", StringComparison.Ordinal);
}
