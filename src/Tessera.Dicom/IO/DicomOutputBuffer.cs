using System.Buffers;
using System.Buffers.Binary;

namespace Tessera.Dicom.IO;

/// <summary>
/// A pooled buffer in front of the output stream: headers and small values are gathered and
/// reach the stream in large chunks; big values and bulk data pass through in buffer-sized
/// chunks, byte-swapped on the way when the output is big endian. One code path serves the
/// synchronous and asynchronous writers: with <c>sync</c> set every method completes
/// synchronously, so the ValueTasks cost nothing.
/// </summary>
internal sealed class DicomOutputBuffer : IDisposable
{
    private readonly Stream _stream;
    private readonly bool _sync;
    private readonly CancellationToken _cancellationToken;
    private byte[] _buffer;
    private int _count;

    public DicomOutputBuffer(Stream stream, bool bigEndian, int bufferSize, bool sync, CancellationToken cancellationToken)
    {
        _stream = stream;
        BigEndian = bigEndian;
        _sync = sync;
        _cancellationToken = cancellationToken;
        _buffer = ArrayPool<byte>.Shared.Rent(bufferSize);
        Capacity = bufferSize;
    }

    public bool BigEndian { get; }

    /// <summary>Bytes written through this buffer so far.</summary>
    public long Position { get; private set; }

    private int Capacity { get; }

    /// <summary>Room for a header of <paramref name="size"/> bytes, flushing first when needed.</summary>
    public ValueTask EnsureAsync(int size) => Capacity - _count >= size ? default : FlushAsync();

    /// <summary>Writes a 16-bit value in the output byte order; call <see cref="EnsureAsync"/> first.</summary>
    public void UInt16(ushort value)
    {
        var span = _buffer.AsSpan(_count, 2);
        if (BigEndian)
        {
            BinaryPrimitives.WriteUInt16BigEndian(span, value);
        }
        else
        {
            BinaryPrimitives.WriteUInt16LittleEndian(span, value);
        }

        Advance(2);
    }

    /// <summary>Writes a 32-bit value in the output byte order; call <see cref="EnsureAsync"/> first.</summary>
    public void UInt32(uint value)
    {
        var span = _buffer.AsSpan(_count, 4);
        if (BigEndian)
        {
            BinaryPrimitives.WriteUInt32BigEndian(span, value);
        }
        else
        {
            BinaryPrimitives.WriteUInt32LittleEndian(span, value);
        }

        Advance(4);
    }

    /// <summary>A tag: group then element, each in the output byte order (PS3.5 7.1.1).</summary>
    public void Tag(DicomTag tag)
    {
        UInt16(tag.Group);
        UInt16(tag.Element);
    }

    /// <summary>Two bytes as they are (a VR code, or the reserved 0000); call <see cref="EnsureAsync"/> first.</summary>
    public void Bytes(byte first, byte second)
    {
        _buffer[_count] = first;
        _buffer[_count + 1] = second;
        Advance(2);
    }

    /// <summary>Writes little-endian <paramref name="bytes"/>, swapped in units of <paramref name="swapUnit"/> when the output is big endian.</summary>
    public async ValueTask WriteAsync(ReadOnlyMemory<byte> bytes, int swapUnit)
    {
        var swap = BigEndian && swapUnit > 1;
        if (!swap && bytes.Length >= Capacity)
        {
            // A large value goes straight to the stream: copying it into the buffer gains nothing.
            await FlushAsync().ConfigureAwait(false);
            await WriteToStreamAsync(bytes).ConfigureAwait(false);
            Position += bytes.Length;
            return;
        }

        while (!bytes.IsEmpty)
        {
            if (_count == Capacity)
            {
                await FlushAsync().ConfigureAwait(false);
            }

            // Keep chunks whole units so a value never swaps across two chunks: Capacity and the
            // start of every value are multiples of 8 away from a unit boundary only through
            // headers, hence the rounding of the room, not of the offset.
            var room = Capacity - _count;
            var take = Math.Min(room, bytes.Length);
            if (swap && take < bytes.Length)
            {
                take -= take % swapUnit;
                if (take == 0)
                {
                    await FlushAsync().ConfigureAwait(false);
                    continue;
                }
            }

            var target = _buffer.AsSpan(_count, take);
            bytes.Span[..take].CopyTo(target);
            if (swap)
            {
                Swap(target, swapUnit);
            }

            Advance(take);
            bytes = bytes[take..];
        }
    }

    /// <summary>
    /// Copies exactly <paramref name="length"/> little-endian bytes from <paramref name="source"/>
    /// through the pooled buffer: a bulk value of any size costs one buffer, never an array of its size.
    /// </summary>
    public async ValueTask CopyFromAsync(Stream source, long length, int swapUnit, DicomTag tag)
    {
        var swap = BigEndian && swapUnit > 1;
        var remaining = length;
        while (remaining > 0)
        {
            var room = Capacity - _count;
            if (room < Math.Min(remaining, 8))
            {
                await FlushAsync().ConfigureAwait(false);
                room = Capacity;
            }

            var want = (int)Math.Min(room, remaining);
            if (swap && want < remaining)
            {
                want -= want % swapUnit;
                if (want == 0)
                {
                    await FlushAsync().ConfigureAwait(false);
                    continue;
                }
            }

            var target = _buffer.AsMemory(_count, want);
            var read = _sync
                ? source.ReadAtLeast(target.Span, want, throwOnEndOfStream: false)
                : await source.ReadAtLeastAsync(target, want, throwOnEndOfStream: false, _cancellationToken).ConfigureAwait(false);
            if (read < want)
            {
                throw new DicomException($"bulk data source ended after {length - remaining + read} of {length} bytes", Position, tag);
            }

            if (swap)
            {
                Swap(target.Span, swapUnit);
            }

            Advance(want);
            remaining -= want;
        }
    }

    /// <summary>Writes <paramref name="count"/> copies of <paramref name="value"/> (padding).</summary>
    public async ValueTask FillAsync(byte value, int count)
    {
        await EnsureAsync(count).ConfigureAwait(false);
        _buffer.AsSpan(_count, count).Fill(value);
        Advance(count);
    }

    public async ValueTask FlushAsync()
    {
        if (_count == 0)
        {
            return;
        }

        var chunk = _buffer.AsMemory(0, _count);
        _count = 0;
        await WriteToStreamAsync(chunk).ConfigureAwait(false);
    }

    public void Dispose()
    {
        var buffer = _buffer;
        _buffer = [];
        if (buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Reverses the bytes of each <paramref name="unit"/>-byte value in place (a trailing partial unit is left alone).</summary>
    internal static void Swap(Span<byte> bytes, int unit)
    {
        var whole = bytes.Length - (bytes.Length % unit);
        switch (unit)
        {
            case 2:
                var shorts = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, ushort>(bytes[..whole]);
                BinaryPrimitives.ReverseEndianness(shorts, shorts);
                break;
            case 4:
                var ints = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, uint>(bytes[..whole]);
                BinaryPrimitives.ReverseEndianness(ints, ints);
                break;
            case 8:
                var longs = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, ulong>(bytes[..whole]);
                BinaryPrimitives.ReverseEndianness(longs, longs);
                break;
            default:
                break;
        }
    }

    private void Advance(int count)
    {
        _count += count;
        Position += count;
    }

    private ValueTask WriteToStreamAsync(ReadOnlyMemory<byte> bytes)
    {
        if (_sync)
        {
            _stream.Write(bytes.Span);
            return default;
        }

        return _stream.WriteAsync(bytes, _cancellationToken);
    }
}
