namespace Tessera.Dicom.Pixels;

/// <summary>
/// Reads one frame of native (uncompressed) pixel data as a range of the value, so a frame of a
/// 2 GB multi-frame costs one frame of memory. The output convention is the corpus's and
/// DICOMweb's: little endian, samples interleaved (colour-by-pixel), 1-bit pixels unpacked to one
/// byte (0 or 1) each, YBR_FULL_422 kept as stored.
/// </summary>
public static class NativeFrameReader
{
    /// <summary>Frame <paramref name="frameIndex"/> (0-based) of <paramref name="dataset"/>.</summary>
    public static byte[] ReadFrame(DicomDataset dataset, int frameIndex)
    {
        var description = PixelDataDescription.FromDataset(dataset);
        if (dataset[description.PixelDataTag] is not DicomValueElement element)
        {
            throw new DicomException("pixel data is encapsulated: decoding it needs a codec", tag: description.PixelDataTag);
        }

        if (frameIndex < 0 || frameIndex >= description.NumberOfFrames)
        {
            throw new ArgumentOutOfRangeException(nameof(frameIndex), $"frame {frameIndex + 1} does not exist: the image has {description.NumberOfFrames}");
        }

        var firstBit = description.FrameBits * frameIndex;
        var firstByte = firstBit / 8;
        var lastByte = (firstBit + description.FrameBits + 7) / 8;
        if (lastByte > element.Length)
        {
            throw new DicomException(
                $"pixel data holds {element.Length} bytes, frame {frameIndex + 1} needs bytes up to {lastByte}",
                tag: description.PixelDataTag);
        }

        var stored = ReadRange(element.Value, firstByte, (int)(lastByte - firstByte));
        if (description.BitsAllocated == 1)
        {
            return Unpack1Bit(stored, (int)(firstBit % 8), checked((int)description.FrameBits));
        }

        return description.PlanarConfiguration == 1 && description.SamplesPerPixel > 1
            ? Interleave(stored, description)
            : stored;
    }

    private static byte[] ReadRange(DicomValue value, long offset, int length)
    {
        var buffer = new byte[length];
        if (!value.IsBulkData)
        {
            value.Memory.Span.Slice((int)offset, length).CopyTo(buffer);
            return buffer;
        }

        using var stream = value.OpenRead();
        stream.Seek(offset, SeekOrigin.Begin);
        stream.ReadExactly(buffer);
        return buffer;
    }

    /// <summary>1-bit pixels are packed least significant bit first (PS3.5 D.2 and 8.1.1).</summary>
    private static byte[] Unpack1Bit(byte[] packed, int bitOffset, int pixelCount)
    {
        var pixels = new byte[pixelCount];
        for (var i = 0; i < pixelCount; i++)
        {
            var bit = bitOffset + i;
            pixels[i] = (byte)((packed[bit >> 3] >> (bit & 7)) & 1);
        }

        return pixels;
    }

    /// <summary>Planar Configuration 1 stores each colour plane in turn (PS3.3 C.7.6.3.1.3); reorder to R G B R G B.</summary>
    private static byte[] Interleave(byte[] planar, PixelDataDescription description)
    {
        var sampleBytes = description.BitsAllocated / 8;
        var pixels = description.Rows * description.Columns;
        var samples = description.SamplesPerPixel;
        var interleaved = new byte[planar.Length];
        for (var plane = 0; plane < samples; plane++)
        {
            for (var pixel = 0; pixel < pixels; pixel++)
            {
                Buffer.BlockCopy(
                    planar,
                    ((plane * pixels) + pixel) * sampleBytes,
                    interleaved,
                    ((pixel * samples) + plane) * sampleBytes,
                    sampleBytes);
            }
        }

        return interleaved;
    }
}
