using System.Collections;
using System.Runtime.InteropServices;
using Tessera.Dicom.Text;

namespace Tessera.Dicom;

/// <summary>
/// A dataset (PS3.5 7): elements kept sorted by tag, values decoded on first read.
/// Readers append in tag order, which is the O(1) path; out-of-order inserts fall back to a binary search.
/// </summary>
public sealed partial class DicomDataset : IEnumerable<DicomElement>
{
    private static readonly DicomTag SpecificCharacterSetTag = new(0x0008, 0x0005);

    private readonly List<DicomElement> _elements = [];
    private DicomCharacterSet? _characterSet;

    public DicomDataset()
    {
    }

    public DicomDataset(IEnumerable<DicomElement> elements)
    {
        foreach (var element in elements)
        {
            Add(element);
        }
    }

    /// <summary>The sequence this dataset is an item of, or null for a top-level dataset.</summary>
    public DicomSequence? Parent { get; internal set; }

    public int Count => _elements.Count;

    /// <summary>
    /// The character set in force for this dataset: its own Specific Character Set, else the one of
    /// the dataset enclosing its sequence (PS3.5 7.5.3: items inherit unless they say otherwise).
    /// </summary>
    public DicomCharacterSet CharacterSet
    {
        get
        {
            if (_characterSet is not null)
            {
                return _characterSet;
            }

            if (TryGetElement(SpecificCharacterSetTag, out var element) && element is DicomValueElement value)
            {
                return _characterSet = DicomCharacterSet.FromSpecificCharacterSet(
                    DicomCharacterSet.Default.Decode(value.Value.Load().Span, DicomVR.CS));
            }

            return Parent?.Owner?.CharacterSet ?? DicomCharacterSet.Default;
        }
    }

    public DicomElement? this[DicomTag tag] => TryGetElement(tag, out var element) ? element : null;

    public bool Contains(DicomTag tag) => IndexOf(tag) >= 0;

    public bool TryGetElement(DicomTag tag, out DicomElement element)
    {
        var index = IndexOf(tag);
        if (index >= 0)
        {
            element = _elements[index];
            return true;
        }

        element = null!;
        return false;
    }

    /// <summary>Adds the element, replacing any element with the same tag.</summary>
    public void Add(DicomElement element)
    {
        if (element is DicomSequence sequence)
        {
            sequence.Owner = this;
        }

        if (element.Tag == SpecificCharacterSetTag)
        {
            _characterSet = null;
        }

        var count = _elements.Count;
        if (count == 0 || _elements[count - 1].Tag < element.Tag)
        {
            _elements.Add(element);
            return;
        }

        var index = IndexOf(element.Tag);
        if (index >= 0)
        {
            _elements[index] = element;
        }
        else
        {
            _elements.Insert(~index, element);
        }
    }

    public bool Remove(DicomTag tag)
    {
        var index = IndexOf(tag);
        if (index < 0)
        {
            return false;
        }

        if (tag == SpecificCharacterSetTag)
        {
            _characterSet = null;
        }

        _elements.RemoveAt(index);
        return true;
    }

    /// <summary>Removes every element for which <paramref name="predicate"/> holds.</summary>
    public int RemoveAll(Predicate<DicomElement> predicate)
    {
        _characterSet = null;
        return _elements.RemoveAll(predicate);
    }

    public IEnumerator<DicomElement> GetEnumerator() => _elements.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>The elements as a span, in tag order, for hot loops (writer, indexer).</summary>
    public ReadOnlySpan<DicomElement> AsSpan() => CollectionsMarshal.AsSpan(_elements);

    private int IndexOf(DicomTag tag)
    {
        var span = CollectionsMarshal.AsSpan(_elements);
        int low = 0, high = span.Length - 1;
        while (low <= high)
        {
            var middle = (int)((uint)(low + high) >> 1);
            var value = span[middle].Tag.Value;
            if (value == tag.Value)
            {
                return middle;
            }

            if (value < tag.Value)
            {
                low = middle + 1;
            }
            else
            {
                high = middle - 1;
            }
        }

        return ~low;
    }
}
