using System.Buffers;
using System.Buffers.Binary;

namespace Tessera.Dicom.IO;

/// <summary>Element, item and fragment headers (PS3.5 7.1, 7.5, A.4).</summary>
public sealed partial class DicomDatasetReader
{
    private static DicomTag ReadTag(ReadOnlySpan<byte> header, bool bigEndian) => bigEndian
        ? new DicomTag(BinaryPrimitives.ReadUInt16BigEndian(header), BinaryPrimitives.ReadUInt16BigEndian(header[2..]))
        : new DicomTag(BinaryPrimitives.ReadUInt16LittleEndian(header), BinaryPrimitives.ReadUInt16LittleEndian(header[2..]));

    private static uint ReadUInt32(ReadOnlySpan<byte> bytes, bool bigEndian) =>
        bigEndian ? BinaryPrimitives.ReadUInt32BigEndian(bytes) : BinaryPrimitives.ReadUInt32LittleEndian(bytes);

    private static ushort ReadUInt16(ReadOnlySpan<byte> bytes, bool bigEndian) =>
        bigEndian ? BinaryPrimitives.ReadUInt16BigEndian(bytes) : BinaryPrimitives.ReadUInt16LittleEndian(bytes);

    private static bool IsPixelData(DicomTag tag) => tag == PixelDataTag || tag == FloatPixelDataTag || tag == DoubleFloatPixelDataTag;

    /// <summary>Reads one element header in a data set frame; false when the header is not fully buffered.</summary>
    private bool ReadElement(ref SequenceReader<byte> reader)
    {
        Span<byte> header = stackalloc byte[12];
        if (!reader.TryCopyTo(header[..8]))
        {
            return false;
        }

        ref var frame = ref Top;
        var tag = ReadTag(header, frame.BigEndian);
        if (tag.Group == 0xFFFE)
        {
            ReadDelimiterInDataset(ref reader, tag, ReadUInt32(header[4..], frame.BigEndian));
            return true;
        }

        if (_frames.Count == 1)
        {
            if (OnlyGroup is { } group && tag.Group != group)
            {
                IsCompleted = true;
                return false;
            }

            if (_options.StopBeforePixelData && IsPixelData(tag))
            {
                IsCompleted = true;
                StoppedBeforePixelData = true;
                return false;
            }
        }

        DicomVR vr;
        uint length;
        int headerLength;
        if (frame.ExplicitVR)
        {
            if (DicomVRExtensions.TryParse(header[4], header[5], out vr))
            {
                if (vr.HasLongLength())
                {
                    if (!reader.TryCopyTo(header))
                    {
                        return false;
                    }

                    length = ReadUInt32(header[8..], frame.BigEndian);
                    headerLength = 12;
                }
                else
                {
                    length = ReadUInt16(header[6..], frame.BigEndian);
                    headerLength = 8;
                }
            }
            else
            {
                // Not a VR: most often a writer that switched to implicit VR mid-file (a sequence
                // copied from an implicit data set). Read this element as implicit VR, as DCMTK and
                // pydicom do, and say so. Big endian has no implicit form, so take the byte order as is.
                vr = ImplicitVR(tag);
                length = ReadUInt32(header[4..], frame.BigEndian);
                headerLength = 8;
                Report(tag, $"bytes {header[4]:X2} {header[5]:X2} are not a VR; element read as implicit VR {vr.Code()}");
            }
        }
        else
        {
            vr = ImplicitVR(tag);
            length = ReadUInt32(header[4..], frame.BigEndian);
            headerLength = 8;
        }

        var headerOffset = _position;
        var valueStart = headerOffset + headerLength;
        if (tag.Group is 0x0001 or 0x0003 or 0x0005 or 0x0007 or 0xFFFF)
        {
            // PS3.5 7.1 reserves these groups; the element is kept (the writer refuses it: strict out).
            Report(headerOffset, tag, $"group {tag.Group:X4} is not allowed in a data set (PS3.5 7.1)");
        }

        if (length == UndefinedLength)
        {
            Advance(ref reader, headerLength);
            NoteOrder(ref Top, tag, headerOffset);
            BeginUndefinedLength(tag, vr, headerOffset);
            return true;
        }

        CheckLength(tag, length, valueStart, headerOffset);
        Advance(ref reader, headerLength);
        NoteOrder(ref Top, tag, headerOffset);
        if (vr == DicomVR.SQ)
        {
            PushSequence(tag, valueStart + length, Top.ExplicitVR, Top.BigEndian, headerOffset);
            return true;
        }

        if ((length & 1) != 0)
        {
            Report(headerOffset, tag, $"odd value length {length}");
        }

        BeginValue(ref reader, PendingKind.Element, tag, vr, length, valueStart, Top.BigEndian);
        return true;
    }

    /// <summary>An undefined-length element (PS3.5 7.1.1): a sequence, or encapsulated pixel data.</summary>
    private void BeginUndefinedLength(DicomTag tag, DicomVR vr, long headerOffset)
    {
        ref var frame = ref Top;
        if (vr == DicomVR.SQ)
        {
            PushSequence(tag, -1, frame.ExplicitVR, frame.BigEndian, headerOffset);
        }
        else if (tag == PixelDataTag && vr is DicomVR.OB or DicomVR.OW or DicomVR.UN)
        {
            // PS3.5 A.4: encapsulated Pixel Data is OB. Some writers say OW (or UN); the fragments
            // are byte streams whatever the header says, so read them as OB, as DCMTK does.
            if (vr != DicomVR.OB)
            {
                Report(headerOffset, tag, $"encapsulated Pixel Data with VR {vr.Code()} read as OB (PS3.5 A.4)");
            }

            PushFragments(tag, DicomVR.OB, headerOffset);
        }
        else if (vr == DicomVR.UN)
        {
            // PS3.5 6.2.2 (CP-246): UN of undefined length is a sequence encoded in Implicit VR Little Endian.
            if (frame.ExplicitVR)
            {
                Report(headerOffset, tag, "UN with undefined length read as a sequence in Implicit VR Little Endian (CP-246)");
            }

            PushSequence(tag, -1, explicitVR: false, bigEndian: false, headerOffset);
        }
        else if (vr is DicomVR.OB or DicomVR.OW)
        {
            Report(headerOffset, tag, $"undefined length {vr.Code()} outside Pixel Data read as encapsulated fragments");
            PushFragments(tag, vr, headerOffset);
        }
        else if (!frame.ExplicitVR)
        {
            // Implicit VR: only the length tells that this is a sequence; the dictionary may not know the tag.
            Report(headerOffset, tag, $"undefined length with dictionary VR {vr.Code()} read as a sequence");
            PushSequence(tag, -1, false, frame.BigEndian, headerOffset);
        }
        else
        {
            throw new DicomException($"undefined length is not allowed for VR {vr.Code()}", headerOffset, tag);
        }
    }

    /// <summary>Item and delimitation tags met where a data element was expected.</summary>
    private void ReadDelimiterInDataset(ref SequenceReader<byte> reader, DicomTag tag, uint length)
    {
        ref var frame = ref Top;
        var isItem = _frames.Count > 1;
        if (tag == DicomTag.ItemDelimitationItem)
        {
            if (isItem && frame.End < 0)
            {
                WarnNonZeroDelimiterLength(tag, length);
                Advance(ref reader, 8);
                CloseFrame();
                return;
            }

            Report(tag, isItem ? "Item Delimitation Item inside a defined-length item ignored" : "Item Delimitation Item outside any item ignored");
            Advance(ref reader, 8);
            return;
        }

        if (tag == DicomTag.SequenceDelimitationItem)
        {
            if (isItem && frame.End < 0)
            {
                // The item lacks its delimiter: end it here and let the sequence take the delimiter.
                Report(tag, "item ended by a Sequence Delimitation Item without an Item Delimitation Item");
                CloseFrame();
                return;
            }

            Report(tag, "Sequence Delimitation Item where no sequence is open ignored");
            Advance(ref reader, 8);
            return;
        }

        throw new DicomException(tag == DicomTag.Item ? "Item outside a sequence" : "invalid tag in group FFFE", _position, tag);
    }

    /// <summary>Reads an Item or Sequence Delimitation Item header in a sequence frame.</summary>
    private bool ReadItem(ref SequenceReader<byte> reader)
    {
        Span<byte> header = stackalloc byte[8];
        if (!reader.TryCopyTo(header))
        {
            return false;
        }

        ref var frame = ref Top;
        var tag = ReadTag(header, frame.BigEndian);
        var length = ReadUInt32(header[4..], frame.BigEndian);
        if (tag == DicomTag.Item)
        {
            var headerOffset = _position;
            long end = -1;
            if (length != UndefinedLength)
            {
                CheckLength(tag, length, headerOffset + 8, headerOffset);
                end = headerOffset + 8 + length;
            }

            Advance(ref reader, 8);
            var item = new DicomDataset();
            frame.Sequence!.Add(item);
            var parent = frame;
            _frames.Add(new Frame
            {
                Kind = FrameKind.Dataset,
                ExplicitVR = parent.ExplicitVR,
                BigEndian = parent.BigEndian,
                End = end,
                Limit = end >= 0 ? Math.Min(end, parent.Limit) : parent.Limit,
                Start = headerOffset,
                Tag = DicomTag.Item,
                Dataset = item,
            });
            return true;
        }

        if (tag == DicomTag.SequenceDelimitationItem)
        {
            if (frame.End >= 0)
            {
                Report(tag, "Sequence Delimitation Item inside a defined-length sequence");
            }

            WarnNonZeroDelimiterLength(tag, length);
            Advance(ref reader, 8);
            CloseFrame();
            return true;
        }

        if (tag == DicomTag.ItemDelimitationItem)
        {
            Report(tag, "Item Delimitation Item between items ignored");
            Advance(ref reader, 8);
            return true;
        }

        throw new DicomException($"expected an Item in sequence {frame.Tag}", _position, tag);
    }

    /// <summary>Reads the header of the offset table or of a fragment (PS3.5 A.4).</summary>
    private bool ReadFragment(ref SequenceReader<byte> reader)
    {
        Span<byte> header = stackalloc byte[8];
        if (!reader.TryCopyTo(header))
        {
            return false;
        }

        ref var frame = ref Top;
        var tag = ReadTag(header, frame.BigEndian);
        var length = ReadUInt32(header[4..], frame.BigEndian);
        if (tag == DicomTag.Item)
        {
            if (length == UndefinedLength)
            {
                throw new DicomException("fragment item of undefined length in encapsulated pixel data", _position, frame.Tag);
            }

            var headerOffset = _position;
            CheckLength(frame.Tag, length, headerOffset + 8, headerOffset);
            Advance(ref reader, 8);
            if ((length & 1) != 0)
            {
                Report(headerOffset, frame.Tag, $"odd fragment length {length}");
            }

            var kind = Top.Fragments is null ? PendingKind.OffsetTable : PendingKind.Fragment;
            BeginValue(ref reader, kind, Top.Tag, Top.VR, length, headerOffset + 8, bigEndian: false);
            return true;
        }

        if (tag == DicomTag.SequenceDelimitationItem)
        {
            WarnNonZeroDelimiterLength(tag, length);
            Advance(ref reader, 8);
            CloseFrame();
            return true;
        }

        throw new DicomException("expected a fragment Item or Sequence Delimitation Item in encapsulated pixel data", _position, tag);
    }

    private void WarnNonZeroDelimiterLength(DicomTag tag, uint length)
    {
        if (length != 0)
        {
            Report(tag, $"delimitation item with length {length} instead of 0");
        }
    }

    /// <summary>
    /// A value must fit in what encloses it and in the input: checked before anything is allocated,
    /// so a corrupt length fails at once with its offset instead of allocating or waiting forever.
    /// </summary>
    private void CheckLength(DicomTag tag, uint length, long valueStart, long headerOffset)
    {
        if (length > _options.MaxValueLength)
        {
            throw new DicomException($"value length {length} exceeds the limit of {_options.MaxValueLength} bytes", headerOffset, tag);
        }

        var limit = Top.Limit;
        if (valueStart + length > limit)
        {
            var what = limit == _inputEnd ? "the input" : $"the enclosing {Describe(Top.Kind)}";
            throw new DicomException(
                $"value length {length} exceeds the {Math.Max(0, limit - valueStart)} bytes remaining in {what}",
                headerOffset,
                tag);
        }
    }

    /// <summary>Elements in a data set shall be in ascending tag order, each once (PS3.5 7.1).</summary>
    private void NoteOrder(ref Frame frame, DicomTag tag, long headerOffset)
    {
        if (frame.HasElements && tag.Value <= frame.LastTag)
        {
            Report(
                headerOffset,
                tag,
                tag.Value == frame.LastTag || frame.Dataset.Contains(tag) ? "duplicate element; the last one is kept" : "element out of ascending tag order");
        }
        else
        {
            frame.LastTag = tag.Value;
            frame.HasElements = true;
        }
    }

    private void PushSequence(DicomTag tag, long end, bool explicitVR, bool bigEndian, long headerOffset)
    {
        if (++_sequenceDepth > _options.MaxSequenceDepth)
        {
            throw new DicomException($"sequences nested deeper than {_options.MaxSequenceDepth}", headerOffset, tag);
        }

        ref var parent = ref Top;
        var sequence = new DicomSequence(tag);
        parent.Dataset.Add(sequence);
        _frames.Add(new Frame
        {
            Kind = FrameKind.Sequence,
            ExplicitVR = explicitVR,
            BigEndian = bigEndian,
            End = end,
            Limit = end >= 0 ? Math.Min(end, parent.Limit) : parent.Limit,
            Start = headerOffset,
            Tag = tag,
            VR = DicomVR.SQ,
            Dataset = parent.Dataset,
            Sequence = sequence,
        });
    }

    private void PushFragments(DicomTag tag, DicomVR vr, long headerOffset)
    {
        if (++_sequenceDepth > _options.MaxSequenceDepth)
        {
            throw new DicomException($"sequences nested deeper than {_options.MaxSequenceDepth}", headerOffset, tag);
        }

        ref var parent = ref Top;
        _frames.Add(new Frame
        {
            Kind = FrameKind.Fragments,
            ExplicitVR = parent.ExplicitVR,
            BigEndian = parent.BigEndian,
            End = -1,
            Limit = parent.Limit,
            Start = headerOffset,
            Tag = tag,
            VR = vr,
            Dataset = parent.Dataset,
        });
    }

    private void CloseFrame()
    {
        var frame = _frames[^1];
        _frames.RemoveAt(_frames.Count - 1);
        if (frame.Kind != FrameKind.Dataset)
        {
            _sequenceDepth--;
        }

        if (frame.Kind == FrameKind.Fragments && frame.Fragments is null)
        {
            Report(frame.Start, frame.Tag, "encapsulated pixel data without a Basic Offset Table item");
            frame.Dataset.Add(new DicomFragmentSequence(frame.Tag, frame.VR, DicomValue.Empty, []));
        }
    }

    /// <summary>
    /// The VR of an element in implicit VR (PS3.5 Annex A.1): from the dictionary, with the
    /// multi-VR entries resolved as PS3.5 A.1 c and PS3.3 C.7.6.3.1.5 say: "US or SS" by Pixel
    /// Representation, "OB or OW" as OW.
    /// </summary>
    private DicomVR ImplicitVR(DicomTag tag)
    {
        if (tag.IsPrivate)
        {
            // PS3.5 7.8.1: private creators are LO; other private elements are unknown without a private dictionary.
            return tag.IsPrivateCreator ? DicomVR.LO : DicomVR.UN;
        }

        if (tag.IsGroupLength)
        {
            return DicomVR.UL;
        }

        var entry = DicomDictionary.Find(tag);
        if (entry is null)
        {
            return DicomVR.UN;
        }

        var vrs = entry.ValueRepresentations;
        if (vrs.Length <= 1)
        {
            return vrs.Length == 1 ? vrs[0] : DicomVR.UN;
        }

        if (vrs.Contains(DicomVR.SS) && vrs.Contains(DicomVR.US))
        {
            return PixelRepresentation() == 1 ? DicomVR.SS : DicomVR.US;
        }

        if (vrs.Contains(DicomVR.OW))
        {
            return DicomVR.OW;
        }

        return vrs[0];
    }

    /// <summary>Pixel Representation of the innermost data set that has one, read so far.</summary>
    private ushort? PixelRepresentation()
    {
        for (var i = _frames.Count - 1; i >= 0; i--)
        {
            var frame = _frames[i];
            if (frame.Kind == FrameKind.Dataset && frame.Dataset.GetValue<ushort>(PixelRepresentationTag) is { } value)
            {
                return value;
            }
        }

        return null;
    }
}
