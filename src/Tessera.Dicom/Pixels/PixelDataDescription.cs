namespace Tessera.Dicom.Pixels;

/// <summary>
/// The Image Pixel module attributes (PS3.3 C.7.6.3) that say how native pixel data is laid out.
/// </summary>
public sealed record PixelDataDescription(
    int Rows,
    int Columns,
    int SamplesPerPixel,
    int BitsAllocated,
    int BitsStored,
    int PixelRepresentation,
    int PlanarConfiguration,
    int NumberOfFrames,
    string PhotometricInterpretation,
    DicomTag PixelDataTag)
{
    /// <summary>
    /// Samples actually stored per pixel: YBR_FULL_422 native data holds two luminance and two
    /// chrominance values per two pixels, i.e. 2 samples a pixel (PS3.3 C.7.6.3.1.2).
    /// </summary>
    public int StoredSamplesPerPixel => PhotometricInterpretation == "YBR_FULL_422" ? 2 : SamplesPerPixel;

    /// <summary>Bits in one frame; 1-bit frames need not end on a byte boundary (PS3.5 8.1.1).</summary>
    public long FrameBits => (long)Rows * Columns * StoredSamplesPerPixel * BitsAllocated;

    public static PixelDataDescription FromDataset(DicomDataset dataset)
    {
        var pixelDataTag = dataset.Contains(DicomTags.PixelData) ? DicomTags.PixelData
            : dataset.Contains(DicomTags.FloatPixelData) ? DicomTags.FloatPixelData
            : dataset.Contains(DicomTags.DoubleFloatPixelData) ? DicomTags.DoubleFloatPixelData
            : throw new DicomException("the dataset has no Pixel Data, Float Pixel Data or Double Float Pixel Data");

        var frames = dataset.GetString(DicomTags.NumberOfFrames);
        var bitsAllocated = dataset.GetValue<ushort>(DicomTags.BitsAllocated)
            ?? (pixelDataTag == DicomTags.DoubleFloatPixelData ? (ushort)64 : pixelDataTag == DicomTags.FloatPixelData ? (ushort)32 : (ushort)0);
        var description = new PixelDataDescription(
            Rows: dataset.GetValue<ushort>(DicomTags.Rows) ?? 0,
            Columns: dataset.GetValue<ushort>(DicomTags.Columns) ?? 0,
            SamplesPerPixel: dataset.GetValue<ushort>(DicomTags.SamplesPerPixel) ?? 1,
            BitsAllocated: bitsAllocated,
            BitsStored: dataset.GetValue<ushort>(DicomTags.BitsStored) ?? bitsAllocated,
            PixelRepresentation: dataset.GetValue<ushort>(DicomTags.PixelRepresentation) ?? 0,
            PlanarConfiguration: dataset.GetValue<ushort>(DicomTags.PlanarConfiguration) ?? 0,
            NumberOfFrames: string.IsNullOrEmpty(frames) ? 1
                : int.TryParse(frames, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var count) && count > 0 ? count
                : throw new DicomException($"Number of Frames '{frames}' is not a positive integer", tag: DicomTags.NumberOfFrames),
            PhotometricInterpretation: dataset.GetString(DicomTags.PhotometricInterpretation) ?? string.Empty,
            PixelDataTag: pixelDataTag);

        if (description.Rows == 0 || description.Columns == 0 || description.BitsAllocated == 0 || description.SamplesPerPixel == 0)
        {
            throw new DicomException($"Rows {description.Rows}, Columns {description.Columns}, Bits Allocated {description.BitsAllocated} and Samples per Pixel {description.SamplesPerPixel} must all be set", tag: pixelDataTag);
        }

        if (description.BitsAllocated != 1 && description.BitsAllocated % 8 != 0)
        {
            throw new DicomException($"Bits Allocated {description.BitsAllocated} is neither 1 nor a multiple of 8", tag: DicomTags.BitsAllocated);
        }

        return description;
    }
}
