namespace Tessera.Dicom;

/// <summary>A sequence of items (VR SQ, PS3.5 7.5); each item is a dataset whose parent is the enclosing dataset.</summary>
public sealed class DicomSequence : DicomElement
{
    private readonly List<DicomDataset> _items = [];

    public DicomSequence(DicomTag tag, IEnumerable<DicomDataset>? items = null)
        : base(tag, DicomVR.SQ)
    {
        if (items is not null)
        {
            foreach (var item in items)
            {
                Add(item);
            }
        }
    }

    public IReadOnlyList<DicomDataset> Items => _items;

    /// <summary>The dataset holding this sequence; items inherit its character set.</summary>
    public DicomDataset? Owner { get; internal set; }

    public void Add(DicomDataset item)
    {
        item.Parent = this;
        _items.Add(item);
    }

    public override string ToString() => $"{Tag} SQ ({_items.Count} items)";
}
