using System.Buffers.Binary;

namespace Tessera.Dicom.Tests.IO;

/// <summary>
/// A deliberately tiny encoder for reader tests (the real writer lives on the writer branch):
/// element and item headers in explicit or implicit VR, either byte order, defined or undefined lengths.
/// </summary>
internal sealed class TestEncoder(bool explicitVR = true, bool bigEndian = false)
{
    private readonly MemoryStream _stream = new();

    public bool ExplicitVR => explicitVR;

    public bool BigEndian => bigEndian;

    public long Length => _stream.Length;

    public byte[] ToArray() => _stream.ToArray();

    public TestEncoder Tag(DicomTag tag)
    {
        U16(tag.Group);
        U16(tag.Element);
        return this;
    }

    public TestEncoder U16(ushort value)
    {
        Span<byte> bytes = stackalloc byte[2];
        if (bigEndian)
        {
            BinaryPrimitives.WriteUInt16BigEndian(bytes, value);
        }
        else
        {
            BinaryPrimitives.WriteUInt16LittleEndian(bytes, value);
        }

        _stream.Write(bytes);
        return this;
    }

    public TestEncoder U32(uint value)
    {
        Span<byte> bytes = stackalloc byte[4];
        if (bigEndian)
        {
            BinaryPrimitives.WriteUInt32BigEndian(bytes, value);
        }
        else
        {
            BinaryPrimitives.WriteUInt32LittleEndian(bytes, value);
        }

        _stream.Write(bytes);
        return this;
    }

    public TestEncoder Raw(ReadOnlySpan<byte> bytes)
    {
        _stream.Write(bytes);
        return this;
    }

    /// <summary>An element header (PS3.5 7.1.2 explicit, 7.1.3 implicit).</summary>
    public TestEncoder Header(DicomTag tag, DicomVR vr, uint length)
    {
        Tag(tag);
        if (!explicitVR)
        {
            return U32(length);
        }

        _stream.WriteByte((byte)((ushort)vr >> 8));
        _stream.WriteByte((byte)vr);
        if (vr.HasLongLength())
        {
            return U16(0).U32(length);
        }

        return U16(checked((ushort)length));
    }

    /// <summary>An element whose value is given little endian (swapped here for big endian).</summary>
    public TestEncoder Element(DicomTag tag, DicomVR vr, ReadOnlySpan<byte> littleEndianValue)
    {
        Header(tag, vr, (uint)littleEndianValue.Length);
        var value = littleEndianValue.ToArray();
        if (bigEndian && vr.ByteSwapUnit() > 1)
        {
            var unit = vr.ByteSwapUnit();
            for (var i = 0; i + unit <= value.Length; i += unit)
            {
                Array.Reverse(value, i, unit);
            }
        }

        return Raw(value);
    }

    public TestEncoder Item(uint length = 0xFFFF_FFFF) => Tag(DicomTag.Item).U32(length);

    public TestEncoder ItemDelimiter() => Tag(DicomTag.ItemDelimitationItem).U32(0);

    public TestEncoder SequenceDelimiter() => Tag(DicomTag.SequenceDelimitationItem).U32(0);
}
