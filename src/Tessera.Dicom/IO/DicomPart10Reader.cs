using System.Buffers;
using System.Buffers.Binary;
using System.IO.Compression;

namespace Tessera.Dicom.IO;

/// <summary>
/// The Part 10 driver (PS3.10 7): preamble, File Meta Information, transfer syntax, then the data
/// set through a <see cref="DicomDatasetReader"/> fed in chunks. Sync and async share this code
/// (<c>useAsync</c>), so the two can never drift apart.
/// </summary>
internal static class DicomPart10Reader
{
    private static readonly DicomTag GroupLengthTag = new(0x0002, 0x0000);
    private static readonly DicomTag TransferSyntaxUIDTag = new(0x0002, 0x0010);

    public static async ValueTask<DicomFile> ReadAsync(
        Stream stream,
        DicomReadOptions? options,
        IBulkDataSource? bulkDataSource,
        bool useAsync,
        CancellationToken cancellationToken)
    {
        options ??= DicomReadOptions.Default;
        var deviations = new List<DicomDeviation>();
        var start = stream.CanSeek ? stream.Position : 0;
        long? end = stream.CanSeek ? stream.Length : null;
        using var feeder = new DicomStreamFeeder(stream, start);

        // PS3.10 7.1: 128-byte preamble, then "DICM". Files written without it are common enough
        // (old ACR-NEMA style, some gateways) that we read them and report.
        await feeder.EnsureAsync(132, useAsync, cancellationToken).ConfigureAwait(false);
        var hasPreamble = false;
        var head = feeder.Buffered;
        if (head.Length >= 132 && head.Slice(128, 4).SequenceEqual("DICM"u8))
        {
            hasPreamble = true;
            feeder.Consume(132);
        }
        else if (head.Length >= 4 && head[..4].SequenceEqual("DICM"u8))
        {
            deviations.Add(new DicomDeviation(start, null, "\"DICM\" prefix without the 128-byte preamble"));
            feeder.Consume(4);
        }
        else
        {
            deviations.Add(new DicomDeviation(start, null, "no 128-byte preamble and \"DICM\" prefix (PS3.10 7.1)"));
        }

        await feeder.EnsureAsync(8, useAsync, cancellationToken).ConfigureAwait(false);
        var meta = new DicomDataset();
        DicomTransferSyntax? syntax = null;
        if (feeder.BufferedCount >= 8 && BinaryPrimitives.ReadUInt16LittleEndian(feeder.Buffered) == 0x0002)
        {
            var metaOffset = feeder.Offset;
            var explicitMeta = DicomVRExtensions.TryParse(feeder.Buffered[4], feeder.Buffered[5], out _);
            if (!explicitMeta)
            {
                deviations.Add(new DicomDeviation(metaOffset, null, "File Meta Information in implicit VR; PS3.10 7.1 requires explicit VR little endian"));
            }

            var metaReader = new DicomDatasetReader(explicitMeta, bigEndian: false, options with { StopBeforePixelData = false }, metaOffset, null, end - metaOffset)
            {
                OnlyGroup = 0x0002,
            };
            await PumpAsync(metaReader, feeder, useAsync, cancellationToken).ConfigureAwait(false);
            meta = metaReader.Dataset;
            deviations.AddRange(metaReader.Deviations);
            CheckGroupLength(meta, metaOffset, metaReader.Position, deviations);
            var uid = meta.GetString(TransferSyntaxUIDTag);
            if (string.IsNullOrEmpty(uid))
            {
                deviations.Add(new DicomDeviation(metaOffset, TransferSyntaxUIDTag, "File Meta Information has no Transfer Syntax UID; the encoding was detected from the data set"));
            }
            else
            {
                syntax = DicomTransferSyntax.Lookup(uid);
            }
        }
        else
        {
            deviations.Add(new DicomDeviation(feeder.Offset, null, "no File Meta Information; the encoding was detected from the data set"));
        }

        var datasetOffset = feeder.Offset;
        await feeder.EnsureAsync(8, useAsync, cancellationToken).ConfigureAwait(false);
        if (syntax is null)
        {
            syntax = Sniff(feeder.Buffered);
            if (syntax is null)
            {
                if (meta.Count == 0)
                {
                    throw new DicomException("not a DICOM file: no File Meta Information and no data element", datasetOffset);
                }

                syntax = DicomTransferSyntax.ImplicitVRLittleEndian;
            }
        }
        else if (!syntax.IsDeflated && !syntax.IsBigEndian && Sniff(feeder.Buffered) is { IsBigEndian: false } sniffed && sniffed.IsExplicitVR != syntax.IsExplicitVR)
        {
            deviations.Add(new DicomDeviation(
                datasetOffset,
                null,
                $"Transfer Syntax UID {syntax.Uid} says {(syntax.IsExplicitVR ? "explicit" : "implicit")} VR but the data set is encoded in {(sniffed.IsExplicitVR ? "explicit" : "implicit")} VR; read as encoded"));
            return await ReadDatasetAsync(feeder, sniffed.IsExplicitVR, syntax, meta, deviations, hasPreamble, datasetOffset, end, options, bulkDataSource, useAsync, cancellationToken)
                .ConfigureAwait(false);
        }

        return await ReadDatasetAsync(feeder, syntax.IsExplicitVR, syntax, meta, deviations, hasPreamble, datasetOffset, end, options, bulkDataSource, useAsync, cancellationToken)
            .ConfigureAwait(false);
    }

    private static async ValueTask<DicomFile> ReadDatasetAsync(
        DicomStreamFeeder feeder,
        bool explicitVR,
        DicomTransferSyntax syntax,
        DicomDataset meta,
        List<DicomDeviation> deviations,
        bool hasPreamble,
        long datasetOffset,
        long? end,
        DicomReadOptions options,
        IBulkDataSource? bulkDataSource,
        bool useAsync,
        CancellationToken cancellationToken)
    {
        DicomDatasetReader reader;
        if (syntax.IsDeflated)
        {
            // PS3.5 A.5: everything after the meta is one raw deflate stream (no zlib header). Offsets
            // inside it do not map to the file, so values stay in memory and deviation offsets count
            // inflated bytes from the start of the data set.
            var inflated = new DeflateStream(feeder.DetachRemainder(), CompressionMode.Decompress);
            await using (inflated.ConfigureAwait(false))
            {
                using var inner = new DicomStreamFeeder(inflated);
                reader = new DicomDatasetReader(explicitVR: true, bigEndian: false, options, 0, null, null);
                try
                {
                    await PumpAsync(reader, inner, useAsync, cancellationToken).ConfigureAwait(false);
                }
                catch (InvalidDataException exception)
                {
                    throw new DicomException("the deflated data set is not valid deflate data", datasetOffset, null, exception);
                }
            }
        }
        else
        {
            reader = new DicomDatasetReader(explicitVR, syntax.IsBigEndian, options, datasetOffset, bulkDataSource, end - datasetOffset);
            await PumpAsync(reader, feeder, useAsync, cancellationToken).ConfigureAwait(false);
        }

        deviations.AddRange(reader.Deviations);
        return DicomFile.Create(meta, reader.Dataset, syntax, deviations, hasPreamble, datasetOffset);
    }

    /// <summary>Feeds the reader until it is done: chunks in, skips satisfied by seeking.</summary>
    internal static async ValueTask PumpAsync(DicomDatasetReader reader, DicomStreamFeeder feeder, bool useAsync, CancellationToken cancellationToken)
    {
        while (true)
        {
            var buffer = feeder.Sequence;
            var before = buffer.Length;
            var status = reader.Read(ref buffer, feeder.EndOfStream);
            feeder.Consume(before - buffer.Length);
            if (status == OperationStatus.Done)
            {
                return;
            }

            cancellationToken.ThrowIfCancellationRequested();
            if (reader.PendingSkip > 0)
            {
                var skip = reader.PendingSkip;
                await feeder.SkipAsync(skip, useAsync, cancellationToken).ConfigureAwait(false);
                reader.Skip(skip);
            }
            else
            {
                await feeder.FillAsync(useAsync, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>
    /// Detects the encoding of a data set without meta from its first element header: two VR letters
    /// mean explicit VR; the byte order giving the smaller group number wins (data sets start with
    /// low groups such as 0008).
    /// </summary>
    internal static DicomTransferSyntax? Sniff(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length < 8)
        {
            return null;
        }

        if (!DicomVRExtensions.TryParse(bytes[4], bytes[5], out _))
        {
            return DicomTransferSyntax.ImplicitVRLittleEndian;
        }

        return BinaryPrimitives.ReadUInt16BigEndian(bytes) < BinaryPrimitives.ReadUInt16LittleEndian(bytes)
            ? DicomTransferSyntax.ExplicitVRBigEndian
            : DicomTransferSyntax.ExplicitVRLittleEndian;
    }

    /// <summary>PS3.10 7.1: (0002,0000) counts the bytes after it up to the end of group 0002; readers need not trust it.</summary>
    private static void CheckGroupLength(DicomDataset meta, long metaOffset, long metaEnd, List<DicomDeviation> deviations)
    {
        if (meta.GetValue<uint>(GroupLengthTag) is not { } groupLength)
        {
            deviations.Add(new DicomDeviation(metaOffset, GroupLengthTag, "File Meta Information has no group length"));
            return;
        }

        // The group length element itself: tag, VR and 16-bit length (or tag and 32-bit length in implicit VR), 4-byte value.
        var actual = metaEnd - metaOffset - 12;
        if (actual != groupLength)
        {
            deviations.Add(new DicomDeviation(metaOffset, GroupLengthTag, $"File Meta Information group length {groupLength} but the group has {actual} bytes"));
        }
    }
}
