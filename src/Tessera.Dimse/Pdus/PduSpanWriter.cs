using System.Buffers;
using System.Buffers.Binary;
using System.Text;

namespace Tessera.Dimse.Pdus;

/// <summary>Writes big-endian PDU fields (PS3.8 9.3.1: all multi-byte integers are big endian) into a span sized in advance.</summary>
internal ref struct PduSpanWriter(Span<byte> destination)
{
    private readonly Span<byte> _destination = destination;

    public int Position { get; private set; }

    public void WriteByte(byte value) => _destination[Position++] = value;

    public void WriteUInt16(int value)
    {
        BinaryPrimitives.WriteUInt16BigEndian(_destination[Position..], checked((ushort)value));
        Position += 2;
    }

    public void WriteUInt32(uint value)
    {
        BinaryPrimitives.WriteUInt32BigEndian(_destination[Position..], value);
        Position += 4;
    }

    public void WriteZeros(int count)
    {
        _destination.Slice(Position, count).Clear();
        Position += count;
    }

    public void WriteAscii(string value) => Position += Encoding.ASCII.GetBytes(value, _destination[Position..]);

    /// <summary>An AE title field: 16 bytes, padded with trailing spaces (PS3.8 Table 9-11).</summary>
    public void WriteAETitle(string value)
    {
        var field = _destination.Slice(Position, 16);
        field.Fill((byte)' ');
        Encoding.ASCII.GetBytes(value, field);
        Position += 16;
    }

    public void WriteBytes(ReadOnlySpan<byte> value)
    {
        value.CopyTo(_destination[Position..]);
        Position += value.Length;
    }

    public void WriteBytes(in ReadOnlySequence<byte> value)
    {
        value.CopyTo(_destination[Position..]);
        Position += checked((int)value.Length);
    }

    /// <summary>Item header: type (1), reserved (1), length (2) — PS3.8 9.3.2.</summary>
    public void WriteItemHeader(ItemType type, int length)
    {
        WriteByte((byte)type);
        WriteByte(0);
        WriteUInt16(length);
    }
}
