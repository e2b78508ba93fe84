namespace Tessera.Dicom.IO;

/// <summary>
/// The measuring pass: encoded lengths of elements, items and sequences computed from the model
/// without producing bytes, once per write. Defined-length sequences and recomputed group lengths
/// need it; each sequence and item is measured once and its length remembered, so nesting costs
/// O(elements), not O(elements × depth), and nothing is encoded twice.
/// </summary>
internal sealed partial class DicomDatasetEncoder
{
    /// <summary>Encoded length of a dataset's elements (a top-level dataset or an item's content).</summary>
    public long MeasureDataset(DicomDataset dataset, bool topLevel)
    {
        long total = 0;
        var group = -1;
        for (var i = 0; i < dataset.Count; i++)
        {
            var element = dataset.AsSpan()[i];
            if (!IsWritten(element, topLevel))
            {
                continue;
            }

            if (_options.KeepGroupLengths && element.Tag.Group != group)
            {
                group = element.Tag.Group;
                if (dataset.Contains(new DicomTag(element.Tag.Group, 0x0000)))
                {
                    total += 12;
                }
            }

            total += MeasureElement(element);
        }

        return total;
    }

    /// <summary>Encoded length of the elements of one group from <paramref name="start"/> on, the value of its group length element.</summary>
    private long MeasureGroup(DicomDataset dataset, int start, bool topLevel)
    {
        long total = 0;
        var group = dataset.AsSpan()[start].Tag.Group;
        for (var i = start; i < dataset.Count; i++)
        {
            var element = dataset.AsSpan()[i];
            if (element.Tag.Group != group)
            {
                break;
            }

            if (IsWritten(element, topLevel))
            {
                total += MeasureElement(element);
            }
        }

        return total;
    }

    private long MeasureElement(DicomElement element)
    {
        switch (element)
        {
            case DicomValueElement value:
                return HeaderLength(OutputVR(value)) + Padded(value.Value.Length);
            case DicomSequence sequence:
                var content = MeasureSequenceContent(sequence);
                return HeaderLength(DicomVR.SQ) + content + (IsUndefined(content) ? 8 : 0);
            case DicomFragmentSequence fragments:
                // Header (12), offset table item, fragment items, sequence delimiter (8).
                var total = 12L + 8 + Padded(fragments.BasicOffsetTable.Length) + 8;
                foreach (var fragment in fragments.Fragments)
                {
                    total += 8 + Padded(fragment.Length);
                }

                return total;
            default:
                throw new DicomException($"cannot write element of type {element.GetType().Name}", tag: element.Tag);
        }
    }

    /// <summary>Length of a sequence's items as encoded (item headers and delimiters included, the sequence delimiter not).</summary>
    private long MeasureSequenceContent(DicomSequence sequence)
    {
        if (_lengths is not null && _lengths.TryGetValue(sequence, out var known))
        {
            return known;
        }

        long content = 0;
        foreach (var item in sequence.Items)
        {
            var length = MeasureItem(item);
            content += 8 + length + (IsUndefined(length) ? 8 : 0);
        }

        _lengths?.Add(sequence, content);
        return content;
    }

    private long MeasureItem(DicomDataset item)
    {
        if (_lengths is not null && _lengths.TryGetValue(item, out var known))
        {
            return known;
        }

        var length = MeasureDataset(item, topLevel: false);
        _lengths?.Add(item, length);
        return length;
    }

    /// <summary>The length field of a sequence header: its measured content, or undefined.</summary>
    private uint SequenceLength(DicomSequence sequence)
    {
        if (!_options.DefinedLengthSequences)
        {
            return UndefinedLength;
        }

        var content = MeasureSequenceContent(sequence);
        return IsUndefined(content) ? UndefinedLength : (uint)content;
    }

    /// <summary>The length field of an item header.</summary>
    private uint ItemLength(DicomDataset item)
    {
        if (!_options.DefinedLengthSequences)
        {
            return UndefinedLength;
        }

        var length = MeasureItem(item);
        return IsUndefined(length) ? UndefinedLength : (uint)length;
    }

    /// <summary>
    /// Whether a sequence or item of this content length is written with undefined length: always
    /// by default, and when its length would not fit the 32-bit field (PS3.5 7.5.1).
    /// </summary>
    private bool IsUndefined(long contentLength) => !_options.DefinedLengthSequences || contentLength > MaximumLongLength;

    private int HeaderLength(DicomVR vr) => _encoding.ExplicitVR && vr.HasLongLength() ? 12 : 8;

    private static long Padded(long length) => length + (length & 1);
}
