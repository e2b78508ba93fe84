using System.Buffers;

namespace Tessera.Archive.Storage;

/// <summary>
/// Where each frame's bytes are in a stored file, recorded at ingest so a frame request is a range
/// read (STYLE 9). Native pixel data: one range per frame. Encapsulated (PS3.5 A.4): the fragment
/// values (without item headers) of each frame, in order; a frame may span several fragments.
/// Encoded compactly as unsigned LEB128 varints: frame count, then per frame its range count and
/// (offset delta from the previous range's end, length) pairs. A 1,000-frame file costs ~4 KB.
/// </summary>
public sealed class FrameIndex
{
    private readonly ByteRange[][] _frames;

    public FrameIndex(IEnumerable<IReadOnlyList<ByteRange>> frames) => _frames = [.. frames.Select(f => f.ToArray())];

    public static FrameIndex Empty { get; } = new([]);

    public int Count => _frames.Length;

    /// <summary>The ranges of frame <paramref name="index"/> (from 0).</summary>
    public IReadOnlyList<ByteRange> this[int index] => _frames[index];

    /// <summary>Total bytes of frame <paramref name="index"/>.</summary>
    public long FrameLength(int index) => _frames[index].Sum(r => r.Length);

    /// <summary>The same frames with every offset moved by <paramref name="delta"/> (data set offsets to file offsets).</summary>
    public FrameIndex Shift(long delta) => new(_frames.Select(f => (IReadOnlyList<ByteRange>)[.. f.Select(r => r with { Offset = r.Offset + delta })]));

    public byte[] Encode()
    {
        var buffer = new ArrayBufferWriter<byte>();
        WriteVarint(buffer, (ulong)_frames.Length);
        long previousEnd = 0;
        foreach (var frame in _frames)
        {
            WriteVarint(buffer, (ulong)frame.Length);
            foreach (var range in frame)
            {
                // Deltas are non-negative for ranges in file order, which is how ingest records them;
                // zig-zag keeps the rare out-of-order case (a BOT pointing backwards) representable.
                WriteVarint(buffer, ZigZag(range.Offset - previousEnd));
                WriteVarint(buffer, (ulong)range.Length);
                previousEnd = range.Offset + range.Length;
            }
        }

        return buffer.WrittenSpan.ToArray();
    }

    public static FrameIndex Decode(ReadOnlySpan<byte> bytes)
    {
        if (bytes.IsEmpty)
        {
            return Empty;
        }

        var position = 0;
        var count = checked((int)ReadVarint(bytes, ref position));
        var frames = new List<ByteRange[]>(count);
        long previousEnd = 0;
        for (var i = 0; i < count; i++)
        {
            var ranges = new ByteRange[checked((int)ReadVarint(bytes, ref position))];
            for (var j = 0; j < ranges.Length; j++)
            {
                var offset = previousEnd + UnZigZag(ReadVarint(bytes, ref position));
                var length = (long)ReadVarint(bytes, ref position);
                ranges[j] = new ByteRange(offset, length);
                previousEnd = offset + length;
            }

            frames.Add(ranges);
        }

        return new FrameIndex(frames);
    }

    private static ulong ZigZag(long value) => (ulong)((value << 1) ^ (value >> 63));

    private static long UnZigZag(ulong value) => (long)(value >> 1) ^ -(long)(value & 1);

    private static void WriteVarint(ArrayBufferWriter<byte> buffer, ulong value)
    {
        var span = buffer.GetSpan(10);
        var written = 0;
        while (value >= 0x80)
        {
            span[written++] = (byte)(value | 0x80);
            value >>= 7;
        }

        span[written++] = (byte)value;
        buffer.Advance(written);
    }

    private static ulong ReadVarint(ReadOnlySpan<byte> bytes, ref int position)
    {
        ulong value = 0;
        for (var shift = 0; shift < 64; shift += 7)
        {
            var b = bytes[position++];
            value |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                return value;
            }
        }

        throw new InvalidDataException("frame index varint longer than 64 bits");
    }
}
