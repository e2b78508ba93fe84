using System.Buffers.Binary;
using System.Globalization;
using Tessera.Archive.Storage;

namespace Tessera.Archive.Ingest;

/// <summary>
/// Walks the top-level pixel data element as it streams past (the parser stopped before it) and
/// records where each frame is, so a frame request is a range read. Native data: frame i is at
/// value offset + i × frame size. Encapsulated (PS3.5 A.4): the item headers are read and the
/// fragment values skipped; fragments are grouped into frames by the Extended Offset Table, the
/// Basic Offset Table, one fragment per frame, or one frame for all fragments.
/// </summary>
internal static class PixelDataScanner
{
    /// <summary>A Basic Offset Table larger than this (a million frames) is not trusted and not kept.</summary>
    private const int MaxOffsetTableLength = 4 * 1024 * 1024;

    private const uint ItemTag = 0xFFFEE000;
    private const uint SequenceDelimitationTag = 0xFFFEE0DD;

    /// <summary>
    /// Scans from <paramref name="input"/> (at the element header); returns frame ranges relative to <paramref name="input"/>'s
    /// numbering, and whether the element deviates as the toolkit's reader would report it: an odd length of the value or a
    /// fragment (PS3.5 7.1, A.4), encapsulated data whose VR is not OB or that has no item at all (PS3.5 A.4).
    /// </summary>
    public static async ValueTask<PixelDataScan> ScanAsync(ChunkReader input, DicomDataset dataset, DicomTransferSyntax syntax, CancellationToken cancellationToken)
    {
        if (syntax.IsBigEndian || syntax.IsDeflated)
        {
            // Big endian native frames are byte-swapped on retrieval and deflated ones are not addressable: no index.
            return new PixelDataScan(FrameIndex.Empty, null);
        }

        var explicitVR = syntax.IsExplicitVR;
        var headerLength = explicitVR ? 12 : 8;
        if (!await input.EnsureAsync(headerLength, cancellationToken).ConfigureAwait(false))
        {
            return new PixelDataScan(FrameIndex.Empty, null);
        }

        var header = input.Span;
        var tag = (uint)(BinaryPrimitives.ReadUInt16LittleEndian(header) << 16 | BinaryPrimitives.ReadUInt16LittleEndian(header[2..]));
        var vr = DicomVR.OB;
        if (explicitVR && !(DicomVRExtensions.TryParse(header[4], header[5], out vr) && vr.HasLongLength()))
        {
            return new PixelDataScan(FrameIndex.Empty, null);
        }

        var length = BinaryPrimitives.ReadUInt32LittleEndian(header[(headerLength - 4)..]);
        input.Consume(headerLength);
        var valueOffset = input.Position;
        var frames = NumberOfFrames(dataset);
        if (length != 0xFFFF_FFFF)
        {
            if (!await input.SkipAsync(length, cancellationToken).ConfigureAwait(false))
            {
                throw new DicomException($"input ends inside the pixel data ({length} bytes announced)", valueOffset, new DicomTag(tag));
            }

            var native = tag == 0x7FE00010 || tag == 0x7FE00008 || tag == 0x7FE00009
                ? NativeFrames(dataset, tag, valueOffset, length, frames)
                : FrameIndex.Empty;
            return new PixelDataScan(native, length % 2 == 1);
        }

        var items = 0;
        var oddItem = false;
        var encapsulated = await EncapsulatedFramesAsync(input, dataset, frames, length => (items, oddItem) = (items + 1, oddItem || length % 2 == 1), cancellationToken).ConfigureAwait(false);
        return new PixelDataScan(encapsulated, oddItem || items == 0 || (explicitVR && vr != DicomVR.OB));
    }

    private static FrameIndex NativeFrames(DicomDataset dataset, uint tag, long valueOffset, long length, int frames)
    {
        var rows = dataset.GetValue<ushort>(DicomTags.Rows) ?? 0;
        var columns = dataset.GetValue<ushort>(DicomTags.Columns) ?? 0;
        var samples = dataset.GetValue<ushort>(DicomTags.SamplesPerPixel) ?? 1;
        if (dataset.GetString(DicomTags.PhotometricInterpretation) == "YBR_FULL_422")
        {
            samples = 2; // PS3.3 C.7.6.3.1.2: two luminance and two chrominance samples per two pixels
        }

        int bitsAllocated = dataset.GetValue<ushort>(DicomTags.BitsAllocated) ?? (tag == 0x7FE00008 ? 32 : tag == 0x7FE00009 ? 64 : 0);
        var frameBits = (long)rows * columns * samples * bitsAllocated;
        if (frameBits == 0 || frameBits % 8 != 0)
        {
            // 1-bit frames that do not end on a byte boundary (PS3.5 8.1.1) are not byte ranges.
            return FrameIndex.Empty;
        }

        var frameLength = frameBits / 8;
        if (frameLength * frames > length)
        {
            return FrameIndex.Empty;
        }

        return new FrameIndex(Enumerable.Range(0, frames).Select(i => (IReadOnlyList<ByteRange>)[new ByteRange(valueOffset + (i * frameLength), frameLength)]));
    }

    private static async ValueTask<FrameIndex> EncapsulatedFramesAsync(ChunkReader input, DicomDataset dataset, int frames, Action<uint> itemLength, CancellationToken cancellationToken)
    {
        byte[]? offsetTable = null;
        long firstFragmentItem = -1;
        var fragments = new List<(long ItemOffset, ByteRange Value)>();
        while (await input.EnsureAsync(8, cancellationToken).ConfigureAwait(false))
        {
            var header = input.Span;
            var tag = (uint)(BinaryPrimitives.ReadUInt16LittleEndian(header) << 16 | BinaryPrimitives.ReadUInt16LittleEndian(header[2..]));
            var length = BinaryPrimitives.ReadUInt32LittleEndian(header[4..]);
            var itemOffset = input.Position;
            if (tag == SequenceDelimitationTag)
            {
                input.Consume(8);
                break;
            }

            if (tag != ItemTag || length == 0xFFFF_FFFF)
            {
                // PS3.5 A.4: only defined-length items, then the delimiter; anything else makes the file unreadable.
                throw new DicomException($"({tag >> 16:X4},{tag & 0xFFFF:X4}) with length {length:X8} inside encapsulated pixel data; expected an item or the sequence delimiter", itemOffset);
            }

            input.Consume(8);
            itemLength(length);
            if (offsetTable is null)
            {
                if (length > MaxOffsetTableLength || !await input.EnsureAsync((int)length, cancellationToken).ConfigureAwait(false))
                {
                    return FrameIndex.Empty;
                }

                offsetTable = input.Span[..(int)length].ToArray();
                input.Consume(length);
                continue;
            }

            if (firstFragmentItem < 0)
            {
                firstFragmentItem = itemOffset;
            }

            fragments.Add((itemOffset - firstFragmentItem, new ByteRange(input.Position, length)));
            if (!await input.SkipAsync(length, cancellationToken).ConfigureAwait(false))
            {
                throw new DicomException("input ends inside a pixel data fragment", input.Position);
            }
        }

        if (fragments.Count == 0)
        {
            return FrameIndex.Empty;
        }

        if (frames == 1)
        {
            return new FrameIndex([fragments.Select(f => f.Value).ToArray()]);
        }

        // PS3.3 C.7.6.3.1.8: the Extended Offset Table, when present, is authoritative (and the BOT then empty).
        var offsets = dataset[DicomTags.ExtendedOffsetTable] is DicomValueElement { Value.IsBulkData: false } eot && eot.Length == frames * 8L
            ? dataset.GetValues<ulong>(DicomTags.ExtendedOffsetTable).Select(o => (long)o).ToArray()
            : offsetTable is { Length: > 0 } bot && bot.Length == frames * 4
                ? Enumerable.Range(0, frames).Select(i => (long)BinaryPrimitives.ReadUInt32LittleEndian(bot.AsSpan(i * 4))).ToArray()
                : null;
        if (offsets is not null)
        {
            var result = new List<IReadOnlyList<ByteRange>>(frames);
            for (var i = 0; i < frames; i++)
            {
                var start = offsets[i];
                var end = i + 1 < frames ? offsets[i + 1] : long.MaxValue;
                var ranges = fragments.Where(f => f.ItemOffset >= start && f.ItemOffset < end).Select(f => f.Value).ToArray();
                if (ranges.Length == 0)
                {
                    return FrameIndex.Empty;
                }

                result.Add(ranges);
            }

            return new FrameIndex(result);
        }

        if (fragments.Count == frames)
        {
            return new FrameIndex(fragments.Select(f => (IReadOnlyList<ByteRange>)[f.Value]));
        }

        // Several fragments per frame and no table: finding frame starts needs the codec (JPEG SOI markers); left unindexed.
        return FrameIndex.Empty;
    }

    private static int NumberOfFrames(DicomDataset dataset)
    {
        var text = dataset.GetString(DicomTags.NumberOfFrames);
        return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var frames) && frames > 0 ? frames : 1;
    }
}
