using System.Buffers.Binary;
using System.Text;

namespace Tessera.Dimse.Pdus;

/// <summary>Bounds-checked big-endian reader over one PDU or item; every overrun becomes a <see cref="PduDecodeException"/>, never an index exception.</summary>
internal ref struct PduSpanReader(ReadOnlySpan<byte> source)
{
    private readonly ReadOnlySpan<byte> _source = source;

    public int Position { get; private set; }

    public readonly int Remaining => _source.Length - Position;

    public byte ReadByte()
    {
        Need(1, "byte");
        return _source[Position++];
    }

    public ushort ReadUInt16(string field)
    {
        Need(2, field);
        var value = BinaryPrimitives.ReadUInt16BigEndian(_source[Position..]);
        Position += 2;
        return value;
    }

    public uint ReadUInt32(string field)
    {
        Need(4, field);
        var value = BinaryPrimitives.ReadUInt32BigEndian(_source[Position..]);
        Position += 4;
        return value;
    }

    public ReadOnlySpan<byte> ReadBytes(int count, string field)
    {
        Need(count, field);
        var value = _source.Slice(Position, count);
        Position += count;
        return value;
    }

    public void Skip(int count, string field) => ReadBytes(count, field);

    /// <summary>A UID or name: ASCII, trailing NUL padding and surrounding spaces removed (lenient in: some peers pad UIDs to even length).</summary>
    public string ReadAscii(int count, string field) => DecodeAscii(ReadBytes(count, field));

    public static string DecodeAscii(ReadOnlySpan<byte> bytes)
    {
        var text = Encoding.ASCII.GetString(bytes);
        return text.Trim().TrimEnd('\0').Trim();
    }

    private readonly void Need(int count, string field)
    {
        if (count < 0 || count > Remaining)
        {
            throw new PduDecodeException(AbortReason.InvalidPduParameterValue, $"{field}: needs {count} bytes at offset {Position}, {Remaining} remain");
        }
    }
}
