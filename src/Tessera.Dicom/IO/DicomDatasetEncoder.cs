namespace Tessera.Dicom.IO;

/// <summary>
/// One write of one dataset: the element, sequence and fragment encodings of PS3.5 7 and A.4 over a
/// <see cref="DicomOutputBuffer"/>. Everything here is shared by the sync and async entry points.
/// </summary>
internal sealed partial class DicomDatasetEncoder
{
    /// <summary>Undefined length (PS3.5 7.1.1): sequences, items and encapsulated pixel data.</summary>
    internal const uint UndefinedLength = 0xFFFFFFFF;

    /// <summary>Largest even value that fits a 16-bit length field (PS3.5 6.2.2, CP-1066).</summary>
    internal const int MaximumShortLength = 0xFFFE;

    /// <summary>Largest even value that fits a 32-bit length field other than the undefined length.</summary>
    internal const long MaximumLongLength = 0xFFFFFFFE;

    private readonly DicomEncoding _encoding;
    private readonly DicomWriteOptions _options;
    private readonly bool _resolveUnknown;
    private readonly Dictionary<object, long>? _lengths;
    private int _depth;

    public DicomDatasetEncoder(DicomEncoding encoding, DicomWriteOptions options)
    {
        _encoding = encoding;
        _options = options;
        _resolveUnknown = encoding.ExplicitVR && options.ResolveUnknownVRs && !options.UnknownValuesAreBigEndian;
        if (options.DefinedLengthSequences || options.KeepGroupLengths)
        {
            _lengths = new Dictionary<object, long>(ReferenceEqualityComparer.Instance);
        }
    }

    /// <summary>Writes the elements of a top-level dataset; file meta elements (group 0002) are not part of it (PS3.10 7.1).</summary>
    public async ValueTask WriteAsync(DicomOutputBuffer output, DicomDataset dataset)
    {
        if (_lengths is not null)
        {
            MeasureDataset(dataset, topLevel: true);
        }

        await WriteDatasetAsync(output, dataset, topLevel: true).ConfigureAwait(false);
        await output.FlushAsync().ConfigureAwait(false);
    }

    /// <summary>Writes the elements of the file meta group as they are, (0002,0000) included.</summary>
    public async ValueTask WriteMetaAsync(DicomOutputBuffer output, DicomDataset meta)
    {
        for (var i = 0; i < meta.Count; i++)
        {
            await WriteElementAsync(output, meta.AsSpan()[i]).ConfigureAwait(false);
        }
    }

    /// <summary>Whether an element of a dataset is written at all (strict out, STYLE 11).</summary>
    private static bool IsWritten(DicomElement element, bool topLevel) =>
        !element.Tag.IsDelimiter
        && !element.Tag.IsGroupLength
        && !(topLevel && element.Tag.Group == 0x0002);

    private async ValueTask WriteDatasetAsync(DicomOutputBuffer output, DicomDataset dataset, bool topLevel)
    {
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
                var groupLengthTag = new DicomTag(element.Tag.Group, 0x0000);
                if (dataset.Contains(groupLengthTag))
                {
                    await WriteGroupLengthAsync(output, groupLengthTag, MeasureGroup(dataset, i, topLevel)).ConfigureAwait(false);
                }
            }

            await WriteElementAsync(output, element).ConfigureAwait(false);
        }
    }

    private async ValueTask WriteElementAsync(DicomOutputBuffer output, DicomElement element)
    {
        switch (element)
        {
            case DicomValueElement value:
                await WriteValueElementAsync(output, value).ConfigureAwait(false);
                break;
            case DicomSequence sequence:
                await WriteSequenceAsync(output, sequence).ConfigureAwait(false);
                break;
            case DicomFragmentSequence fragments:
                await WriteFragmentsAsync(output, fragments).ConfigureAwait(false);
                break;
            default:
                throw new DicomException($"cannot write element of type {element.GetType().Name}", output.Position, element.Tag);
        }
    }

    private async ValueTask WriteGroupLengthAsync(DicomOutputBuffer output, DicomTag tag, long length)
    {
        if (length > uint.MaxValue)
        {
            throw new DicomException($"group of {length} bytes does not fit a group length", output.Position, tag);
        }

        await WriteHeaderAsync(output, tag, DicomVR.UL, 4).ConfigureAwait(false);
        await output.EnsureAsync(4).ConfigureAwait(false);
        output.UInt32((uint)length);
    }

    private async ValueTask WriteValueElementAsync(DicomOutputBuffer output, DicomValueElement element)
    {
        if (_encoding.Encapsulated && element.Tag == DicomTags.PixelData && element.Value.Length > 0 && _depth == 0)
        {
            throw new DicomException(
                $"native Pixel Data cannot be written in {_encoding.Name}: compressing it is a codec job (Tessera.Dicom.Codecs), not the writer's",
                output.Position,
                element.Tag);
        }

        var vr = OutputVR(element);
        var length = element.Value.Length;
        var padded = length + (length & 1);
        if (padded > MaximumLongLength)
        {
            throw new DicomException($"value of {length} bytes does not fit a 32-bit length", output.Position, element.Tag);
        }

        await WriteHeaderAsync(output, element.Tag, vr, (uint)padded).ConfigureAwait(false);
        var swapUnit = vr.ByteSwapUnit();
        if (element.Value.BulkData is { } bulk)
        {
            var source = bulk.OpenRead();
            await using (source.ConfigureAwait(false))
            {
                await output.CopyFromAsync(source, length, swapUnit, element.Tag).ConfigureAwait(false);
            }
        }
        else
        {
            await output.WriteAsync(element.Value.Memory, swapUnit).ConfigureAwait(false);
        }

        if (padded != length)
        {
            // Padding follows the VR the value was made as: a long text written as UN keeps its space.
            await output.FillAsync(element.VR.IsKnown() ? element.VR.PaddingByte() : (byte)0, 1).ConfigureAwait(false);
        }
    }

    private async ValueTask WriteSequenceAsync(DicomOutputBuffer output, DicomSequence sequence)
    {
        var length = SequenceLength(sequence);
        await WriteHeaderAsync(output, sequence.Tag, DicomVR.SQ, length).ConfigureAwait(false);
        _depth++;
        foreach (var item in sequence.Items)
        {
            var itemLength = ItemLength(item);
            await WriteItemHeaderAsync(output, DicomTag.Item, itemLength).ConfigureAwait(false);
            await WriteDatasetAsync(output, item, topLevel: false).ConfigureAwait(false);
            if (itemLength == UndefinedLength)
            {
                await WriteItemHeaderAsync(output, DicomTag.ItemDelimitationItem, 0).ConfigureAwait(false);
            }
        }

        _depth--;
        if (length == UndefinedLength)
        {
            await WriteItemHeaderAsync(output, DicomTag.SequenceDelimitationItem, 0).ConfigureAwait(false);
        }
    }

    /// <summary>Encapsulated Pixel Data (PS3.5 A.4): OB, undefined length, the offset table item, one item per fragment, a sequence delimiter.</summary>
    private async ValueTask WriteFragmentsAsync(DicomOutputBuffer output, DicomFragmentSequence fragments)
    {
        if (!_encoding.Encapsulated)
        {
            throw new DicomException(
                $"encapsulated Pixel Data cannot be written in {_encoding.Name}: decompressing it is a codec job (Tessera.Dicom.Codecs), not the writer's",
                output.Position,
                fragments.Tag);
        }

        // PS3.5 A.4: the encapsulated Pixel Data element has VR OB whatever the source said (some write OW).
        await WriteHeaderAsync(output, fragments.Tag, DicomVR.OB, UndefinedLength).ConfigureAwait(false);
        await WriteFragmentAsync(output, fragments.Tag, fragments.BasicOffsetTable).ConfigureAwait(false);
        foreach (var fragment in fragments.Fragments)
        {
            await WriteFragmentAsync(output, fragments.Tag, fragment).ConfigureAwait(false);
        }

        await WriteItemHeaderAsync(output, DicomTag.SequenceDelimitationItem, 0).ConfigureAwait(false);
    }

    private async ValueTask WriteFragmentAsync(DicomOutputBuffer output, DicomTag tag, DicomValue fragment)
    {
        var length = fragment.Length;
        var padded = length + (length & 1);
        if (padded > MaximumLongLength)
        {
            throw new DicomException($"fragment of {length} bytes does not fit a 32-bit length", output.Position, tag);
        }

        await WriteItemHeaderAsync(output, DicomTag.Item, (uint)padded).ConfigureAwait(false);
        if (fragment.BulkData is { } bulk)
        {
            var source = bulk.OpenRead();
            await using (source.ConfigureAwait(false))
            {
                await output.CopyFromAsync(source, length, 1, tag).ConfigureAwait(false);
            }
        }
        else
        {
            await output.WriteAsync(fragment.Memory, 1).ConfigureAwait(false);
        }

        if (padded != length)
        {
            // PS3.5 A.4: fragments have even length; a trailing NUL is the conventional pad (JPEG ignores bytes after EOI).
            await output.FillAsync(0, 1).ConfigureAwait(false);
        }
    }

    /// <summary>Tag, VR and length of PS3.5 7.1.1-7.1.3: implicit 8 bytes; explicit 8, or 12 for the VRs of Table 7.1-1.</summary>
    private async ValueTask WriteHeaderAsync(DicomOutputBuffer output, DicomTag tag, DicomVR vr, uint length)
    {
        await output.EnsureAsync(12).ConfigureAwait(false);
        output.Tag(tag);
        if (!_encoding.ExplicitVR)
        {
            output.UInt32(length);
            return;
        }

        output.Bytes((byte)((ushort)vr >> 8), (byte)vr);
        if (vr.HasLongLength())
        {
            output.Bytes(0, 0);
            output.UInt32(length);
        }
        else
        {
            output.UInt16((ushort)length);
        }
    }

    /// <summary>Item and delimitation items carry no VR in any transfer syntax (PS3.5 7.5).</summary>
    private static async ValueTask WriteItemHeaderAsync(DicomOutputBuffer output, DicomTag tag, uint length)
    {
        await output.EnsureAsync(8).ConfigureAwait(false);
        output.Tag(tag);
        output.UInt32(length);
    }

    /// <summary>
    /// The VR that goes into an explicit-VR header, which the standard sometimes makes differ from
    /// the VR held (ignored in implicit VR, where there is no VR field).
    /// </summary>
    private DicomVR OutputVR(DicomValueElement element)
    {
        var vr = element.VR;
        if (!_encoding.ExplicitVR)
        {
            return vr;
        }

        if (!vr.IsKnown() || vr == DicomVR.SQ)
        {
            // An unknown code read leniently (or SQ without items structure) has no defined encoding; UN keeps the bytes.
            return DicomVR.UN;
        }

        var padded = element.Value.Length + (element.Value.Length & 1);
        if (vr == DicomVR.UN && _resolveUnknown && DicomWriterDictionary.ReinterpretedVR(element.Tag) is { } known)
        {
            var size = known.ValueSize();
            if ((size == 0 || element.Value.Length % size == 0) && (known.HasLongLength() || padded <= MaximumShortLength))
            {
                vr = known;
            }
        }

        if (!vr.HasLongLength() && padded > MaximumShortLength)
        {
            // PS3.5 6.2.2 (CP-1066): a value too long for the 16-bit length of its VR is encoded as
            // UN, which has a 32-bit length; the reader restores the VR from the dictionary.
            return DicomVR.UN;
        }

        return vr;
    }
}
