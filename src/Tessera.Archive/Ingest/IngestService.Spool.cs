using System.IO.Compression;
using Tessera.Archive.Storage;
using Tessera.Dicom.IO;

namespace Tessera.Archive.Ingest;

public sealed partial class IngestService
{
    private static readonly DicomTag LastTagBeforeMeta = DicomTags.SOPInstanceUID;

    /// <summary>
    /// Streams the input into <paramref name="sink"/> as a Part 10 file (new meta, then the data set
    /// bytes exactly as received) while the parser reads the data set up to its pixel data.
    /// </summary>
    private async Task<(SpoolResult? Result, IngestResult? Failure)> SpoolAsync(IngestRequest request, string input, BlobSink sink, CancellationToken cancellationToken)
    {
        using var raw = new ChunkReader(request.Content);
        var sourceAe = request.SourceApplicationEntityTitle;
        var claimsDicom = true;
        DicomTransferSyntax syntax;
        if (request.DatasetTransferSyntax is { } given)
        {
            syntax = given;
        }
        else
        {
            Part10Prelude prelude;
            try
            {
                prelude = await Part10Prelude.ReadAsync(raw, cancellationToken).ConfigureAwait(false);
            }
            catch (InvalidDataException exception)
            {
                return (null, IngestResult.Failure(ArchiveStatuses.CannotUnderstand, exception.Message));
            }

            foreach (var deviation in prelude.Deviations)
            {
                IngestLog.Deviation(_logger, input, deviation);
            }

            await raw.EnsureAsync(8, cancellationToken).ConfigureAwait(false);
            var sniffed = Part10Prelude.Sniff(raw.Span);
            if (prelude.TransferSyntaxUid is null)
            {
                if (sniffed is null)
                {
                    return (null, IngestResult.Failure(ArchiveStatuses.CannotUnderstand, "no data set after the file meta information"));
                }

                syntax = sniffed;
            }
            else
            {
                var declared = DicomTransferSyntax.Lookup(prelude.TransferSyntaxUid);

                // Lenient in, strict out: a data set encoded other than its meta says is stored with a meta that tells the truth.
                syntax = !declared.IsDeflated && !declared.IsBigEndian && sniffed is { IsBigEndian: false } && sniffed.IsExplicitVR != declared.IsExplicitVR
                    ? sniffed
                    : declared;
            }

            sourceAe ??= prelude.SourceApplicationEntityTitle;
            claimsDicom = prelude.LooksLikeDicom;
        }

        if (sourceAe is { Length: > 16 })
        {
            sourceAe = null; // AE is at most 16 characters (PS3.5 6.2); an invalid one is dropped rather than written.
        }

        using var tee = new TeeStream(raw.DetachRemainder(), sink, _options.MaxHeaderBytes);
        var parseSource = syntax.IsDeflated ? new DeflateStream(tee, CompressionMode.Decompress, leaveOpen: true) : (Stream)tee;
        await using (parseSource.ConfigureAwait(false))
        {
            using var parseInput = new ChunkReader(parseSource);
            var reader = new DicomDatasetReader(
                syntax,
                new DicomReadOptions { BulkDataThreshold = _options.ParseThreshold, StopBeforePixelData = true },
                0,
                DiscardedBulkData.Instance);
            long metaLength = -1;
            FrameIndex frames;
            bool? needsRepair;
            try
            {
                while (true)
                {
                    var buffer = parseInput.Sequence;
                    var before = buffer.Length;
                    var status = reader.Read(ref buffer, parseInput.EndOfStream);
                    parseInput.Consume(before - buffer.Length);
                    var done = status == System.Buffers.OperationStatus.Done;
                    if (metaLength < 0 && (done || PastSopInstanceUid(reader.Dataset)))
                    {
                        var classUid = reader.Dataset.GetString(DicomTags.SOPClassUID);
                        var instanceUid = reader.Dataset.GetString(DicomTags.SOPInstanceUID);
                        if (string.IsNullOrEmpty(classUid) || string.IsNullOrEmpty(instanceUid))
                        {
                            if (!claimsDicom)
                            {
                                return (null, IngestResult.Failure(ArchiveStatuses.CannotUnderstand, "not a DICOM file: no preamble, no file meta information, no SOP Class/Instance UID"));
                            }

                            return (null, IngestResult.Failure(ArchiveStatuses.DatasetDoesNotMatchSopClass, "the data set has no SOP Class UID or SOP Instance UID"));
                        }

                        if (!StoragePaths.IsSafeUid(classUid) || !StoragePaths.IsSafeUid(instanceUid))
                        {
                            return (null, IngestResult.Failure(ArchiveStatuses.InvalidUid, "SOP Class or Instance UID is not a UID (PS3.5 9.1)"));
                        }

                        metaLength = await WriteMetaAsync(sink, classUid, instanceUid, syntax, sourceAe, cancellationToken).ConfigureAwait(false);
                        await tee.ReleaseAsync(cancellationToken).ConfigureAwait(false);
                    }

                    if (done)
                    {
                        break;
                    }

                    await parseInput.FillAsync(cancellationToken).ConfigureAwait(false);
                }

                if (syntax.IsDeflated)
                {
                    frames = FrameIndex.Empty;
                    needsRepair = null;
                    await tee.CopyToAsync(Stream.Null, cancellationToken).ConfigureAwait(false);
                }
                else if (reader.StoppedBeforePixelData)
                {
                    var scan = await PixelDataScanner.ScanAsync(parseInput, reader.Dataset, syntax, cancellationToken).ConfigureAwait(false);
                    frames = scan.Frames;
                    var afterPixelData = parseInput.Position;
                    await parseInput.DrainAsync(cancellationToken).ConfigureAwait(false);

                    // Elements after the pixel data are not parsed: with any, the sender reads the header to decide.
                    needsRepair = EncodingDeviates(reader) || scan.Deviates == true ? true
                        : scan.Deviates is null || parseInput.Position > afterPixelData ? null
                        : false;
                }
                else
                {
                    frames = FrameIndex.Empty;
                    needsRepair = EncodingDeviates(reader);
                    await parseInput.DrainAsync(cancellationToken).ConfigureAwait(false);
                }
            }
            catch (DicomException exception)
            {
                return (null, IngestResult.Failure(ArchiveStatuses.CannotUnderstand, exception.Message));
            }
            catch (InvalidDataException exception)
            {
                return (null, tee.HeldOverflow
                    ? IngestResult.Failure(ArchiveStatuses.HeaderTooLarge, $"no SOP Instance UID in the first {_options.MaxHeaderBytes} bytes")
                    : IngestResult.Failure(ArchiveStatuses.CannotUnderstand, exception.Message));
            }

            await sink.FlushAsync(cancellationToken).ConfigureAwait(false);
            return (new SpoolResult(reader.Dataset, syntax, sink.Length, metaLength, frames.Shift(metaLength), needsRepair), null);
        }
    }

    /// <summary>
    /// A deviation of the encoding (lengths, VRs, delimiters), which re-encoding repairs. A Specific Character Set term
    /// read leniently is a value the writer keeps as it is, so it is not one.
    /// </summary>
    private static bool EncodingDeviates(DicomDatasetReader reader) =>
        reader.Deviations.Any(deviation => deviation.Tag != DicomTags.SpecificCharacterSet);

    /// <summary>The parser has read (0008,0018) or an element after it: the meta can be written.</summary>
    private static bool PastSopInstanceUid(DicomDataset dataset)
    {
        var elements = dataset.AsSpan();
        return elements.Length > 0 && elements[^1].Tag.Value >= LastTagBeforeMeta.Value;
    }

    /// <summary>
    /// Preamble, "DICM" and File Meta Information built for the data set (PS3.10 7.1) by the toolkit's
    /// writer; returns their length. The writer writes whole files, so it is given a data set of just
    /// the two UIDs and its output is cut after the meta, whose length (0002,0000) tells.
    /// </summary>
    private static async ValueTask<long> WriteMetaAsync(BlobSink sink, string classUid, string instanceUid, DicomTransferSyntax syntax, string? sourceAe, CancellationToken cancellationToken)
    {
        var identity = new DicomDataset();
        identity.AddOrUpdate(DicomTags.SOPClassUID, DicomVR.UI, classUid);
        identity.AddOrUpdate(DicomTags.SOPInstanceUID, DicomVR.UI, instanceUid);
        var meta = DicomFileMetaInformation.Create(identity, syntax, sourceAe);
        var groupLength = meta.GetValue<uint>(DicomTags.FileMetaInformationGroupLength)!.Value;

        // Preamble and "DICM" (132), the group length element itself (12: tag, VR, 16-bit length, UL), the rest of the group.
        var metaLength = DicomFileMetaInformation.PreambleLength + 4 + 12 + (int)groupLength;
        using var buffer = new MemoryStream();
        DicomFileWriter.Write(buffer, meta, identity, syntax);
        await sink.WriteAsync(buffer.GetBuffer().AsMemory(0, metaLength), cancellationToken).ConfigureAwait(false);
        return metaLength;
    }
}
