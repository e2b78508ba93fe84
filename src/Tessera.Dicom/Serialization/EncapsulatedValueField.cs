using System.Buffers.Binary;

namespace Tessera.Dicom.Serialization;

/// <summary>
/// The Value Field of encapsulated Pixel Data as PS3.5 A.4 encodes it with undefined length:
/// an Item holding the Basic Offset Table, one Item per fragment, then a Sequence Delimitation
/// Item. PS3.18 F.2.7 defines InlineBinary as the base64 of "the Value Field", and has no other
/// way to carry fragments, so this is what an inlined encapsulated Pixel Data holds.
/// </summary>
internal static class EncapsulatedValueField
{
    /// <summary>Item tag (4 bytes) and 32-bit length (PS3.5 7.5).</summary>
    public const int HeaderLength = 8;

    /// <summary>Writes an item header, little endian, as every encapsulated transfer syntax is (PS3.5 A.4).</summary>
    public static void WriteHeader(Span<byte> destination, DicomTag tag, uint length)
    {
        BinaryPrimitives.WriteUInt16LittleEndian(destination, tag.Group);
        BinaryPrimitives.WriteUInt16LittleEndian(destination[2..], tag.Element);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[4..], length);
    }

    /// <summary>The total length of the encoded field, header bytes included.</summary>
    public static long EncodedLength(DicomFragmentSequence fragments)
    {
        var total = HeaderLength + fragments.BasicOffsetTable.Length + HeaderLength;
        foreach (var fragment in fragments.Fragments)
        {
            total += HeaderLength + fragment.Length;
        }

        return total;
    }

    /// <summary>
    /// Splits an encoded field back into offset table and fragments. False unless the bytes are
    /// items from first to last (with or without the closing delimiter), so native pixel bytes
    /// that merely start like an item tag are left alone.
    /// </summary>
    public static bool TryParse(ReadOnlyMemory<byte> field, out DicomValue basicOffsetTable, out List<DicomValue> fragments)
    {
        basicOffsetTable = DicomValue.Empty;
        fragments = [];
        var span = field.Span;
        var position = 0;
        var first = true;
        while (position < span.Length)
        {
            if (span.Length - position < HeaderLength)
            {
                return false;
            }

            var tag = new DicomTag(
                BinaryPrimitives.ReadUInt16LittleEndian(span[position..]),
                BinaryPrimitives.ReadUInt16LittleEndian(span[(position + 2)..]));
            var length = BinaryPrimitives.ReadUInt32LittleEndian(span[(position + 4)..]);
            position += HeaderLength;
            if (tag == DicomTag.SequenceDelimitationItem)
            {
                return !first && length == 0 && position == span.Length;
            }

            if (tag != DicomTag.Item || length > (uint)(span.Length - position))
            {
                return false;
            }

            var value = new DicomValue(field.Slice(position, (int)length));
            if (first)
            {
                basicOffsetTable = value;
                first = false;
            }
            else
            {
                fragments.Add(value);
            }

            position += (int)length;
        }

        return !first;
    }

    /// <summary>
    /// Inline bytes as an element; encapsulated Pixel Data comes back as fragments when the bytes
    /// are its item-encoded value field.
    /// </summary>
    public static DicomElement ToElement(DicomTag tag, DicomVR vr, byte[] bytes)
    {
        if (tag == DicomSerializationRules.PixelData && vr is DicomVR.OB or DicomVR.OW
            && TryParse(bytes, out var basicOffsetTable, out var fragments))
        {
            return new DicomFragmentSequence(tag, DicomVR.OB, basicOffsetTable, fragments);
        }

        return new DicomValueElement(tag, vr, bytes);
    }
}
