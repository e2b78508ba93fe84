using System.Buffers;
using System.IO.Compression;
using Tessera.Dicom.IO;

namespace Tessera.Archive.Ingest;

/// <summary>
/// The compact copy of an instance's query-relevant attributes that the index keeps, so C-FIND and
/// QIDO return keys are answered without opening files: the top-level data set minus pixel data,
/// bulk values and sequences over <see cref="MaxSequenceLength"/>, encoded in Explicit VR Little
/// Endian (our own toolkit reads it back; no JSON round trip, character set preserved), then
/// deflated: headers repeat tags, VRs, padding and texts, so a CT header shrinks about threefold,
/// and this blob is most of what the index writes per instance (issue 5: bytes per instance).
/// Blobs written before compression (no <see cref="DeflatedMarker"/>) are still read.
/// </summary>
public static class AttributeBlob
{
    /// <summary>
    /// Sequences up to 4 KiB (code sequences, referenced SOP sequences) are kept; larger ones (SR content
    /// trees, RT contours, functional groups) are never return keys of the Q/R models and would bloat the index.
    /// </summary>
    public const int MaxSequenceLength = 4096;

    /// <summary>
    /// Starts a deflated blob: (FFFF,xxxx) is no data element's tag (PS3.5 7.1: group FFFF is not
    /// used), so it cannot begin a plain Explicit VR Little Endian data set.
    /// </summary>
    private static readonly byte[] DeflatedMarker = [0xFF, 0xFF, (byte)'D', (byte)'Z'];

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

        using var plain = new MemoryStream();
        try
        {
            Writer.Write(plain, kept);
        }
        catch (DicomException)
        {
            // A value the writer refuses (malformed input we read leniently): keep the plain values only.
            plain.SetLength(0);
            kept.RemoveAll(e => e is DicomSequence);
            Writer.Write(plain, kept);
        }

        using var output = new MemoryStream(((int)plain.Length / 2) + DeflatedMarker.Length);
        output.Write(DeflatedMarker);
        using (var deflate = new DeflateStream(output, CompressionLevel.Fastest, leaveOpen: true))
        {
            deflate.Write(plain.GetBuffer().AsSpan(0, (int)plain.Length));
        }

        return output.ToArray();
    }

    public static DicomDataset Decode(ReadOnlyMemory<byte> bytes)
    {
        if (bytes.Span.StartsWith(DeflatedMarker))
        {
            using var deflated = new DeflateStream(new MemoryStream(bytes[DeflatedMarker.Length..].ToArray(), writable: false), CompressionMode.Decompress);
            using var plain = new MemoryStream();
            deflated.CopyTo(plain);
            bytes = plain.GetBuffer().AsMemory(0, (int)plain.Length);
        }

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
