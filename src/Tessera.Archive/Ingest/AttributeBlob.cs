using System.Buffers;
using Tessera.Dicom.IO;

namespace Tessera.Archive.Ingest;

/// <summary>
/// The compact copy of an instance's query-relevant attributes that the index keeps, so C-FIND and
/// QIDO return keys are answered without opening files: the top-level data set minus pixel data,
/// bulk values and sequences over <see cref="MaxSequenceLength"/>, encoded in Explicit VR Little
/// Endian (our own toolkit reads it back; no JSON round trip, character set preserved).
/// </summary>
public static class AttributeBlob
{
    /// <summary>
    /// Sequences up to 4 KiB (code sequences, referenced SOP sequences) are kept; larger ones (SR content
    /// trees, RT contours, functional groups) are never return keys of the Q/R models and would bloat the index.
    /// </summary>
    public const int MaxSequenceLength = 4096;

    private static readonly DicomWriter Writer = new(DicomTransferSyntax.ExplicitVRLittleEndian);

    public static byte[] Encode(DicomDataset dataset)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        var kept = new DicomDataset();
        foreach (var element in dataset)
        {
            if (element.Tag.Group == 0x0002 || element.Tag.Group == 0x7FE0 || element.Tag.Group == 0xFFFA)
            {
                continue;
            }

            switch (element)
            {
                case DicomValueElement { Value.IsBulkData: false }:
                    kept.Add(element);
                    break;
                case DicomSequence sequence when !HoldsBulkData(sequence) && Measure(sequence) <= MaxSequenceLength:
                    kept.Add(sequence);
                    break;
                default:
                    break;
            }
        }

        using var output = new MemoryStream();
        try
        {
            Writer.Write(output, kept);
        }
        catch (DicomException)
        {
            // A value the writer refuses (malformed input we read leniently): keep the plain values only.
            output.SetLength(0);
            kept.RemoveAll(e => e is DicomSequence);
            Writer.Write(output, kept);
        }

        return output.ToArray();
    }

    public static DicomDataset Decode(ReadOnlyMemory<byte> bytes)
    {
        var reader = new DicomDatasetReader(DicomTransferSyntax.ExplicitVRLittleEndian);
        var sequence = new ReadOnlySequence<byte>(bytes);
        reader.Read(ref sequence, isFinalBlock: true);
        return reader.Dataset;
    }

    /// <summary>Values the ingest parser skipped (over its threshold) are not in memory and cannot be copied.</summary>
    private static bool HoldsBulkData(DicomSequence sequence) =>
        sequence.Items.Any(item => item.Any(element => element switch
        {
            DicomValueElement value => value.Value.IsBulkData,
            DicomSequence nested => HoldsBulkData(nested),
            _ => true,
        }));

    private static long Measure(DicomSequence sequence)
    {
        try
        {
            // Measuring needs the sequence in a data set; it is re-owned by the kept data set right after.
            return Writer.Measure(new DicomDataset([sequence]));
        }
        catch (DicomException)
        {
            return long.MaxValue;
        }
    }
}
