using System.IO.Pipelines;
using Tessera.Dicom;
using Tessera.Dicom.IO;
using Tessera.Dimse.Negotiation;
using Tessera.Dimse.Services;

namespace Tessera.Dimse.Network;

/// <summary>
/// How an instance goes out on an association: on a context of its SOP class in its stored transfer syntax when the peer
/// accepted that (bytes copied as they are, unless they need repair), else re-encoded into an accepted native syntax by the toolkit's writer,
/// streaming through a bounded pipe. Encapsulated → native needs a codec, which this layer does not have.
/// </summary>
internal sealed class InstanceTransfer : IAsyncDisposable
{
    /// <summary>Back-pressure of the re-encoding pipe: the writer pauses at 1 MiB ahead of the network.</summary>
    private static readonly PipeOptions ConversionPipe = new(pauseWriterThreshold: 1024 * 1024, resumeWriterThreshold: 512 * 1024, useSynchronizationContext: false);

    private readonly Task _producer;

    private InstanceTransfer(AcceptedPresentationContext context, Stream dataSet, Task producer)
    {
        Context = context;
        DataSet = dataSet;
        _producer = producer;
    }

    public AcceptedPresentationContext Context { get; }

    public Stream DataSet { get; }

    /// <summary>Null when no accepted context can carry the instance; <paramref name="reason"/> says why.</summary>
    /// <param name="readAhead">Bytes of a data set sent as it is stored to read into memory now (<see cref="InstanceReadAhead"/>); a re-encoded one starts encoding now anyway.</param>
    public static async Task<(InstanceTransfer? Transfer, string? Reason)> PrepareAsync(DicomInstanceSource source, IEnumerable<AcceptedPresentationContext> candidates, int readAhead, CancellationToken cancellationToken)
    {
        var contexts = candidates.Where(c => c.AbstractSyntax == source.SopClassUid).ToList();
        if (contexts.Count == 0)
        {
            return (null, $"No accepted presentation context for SOP class {source.SopClassUid}");
        }

        var stored = DicomTransferSyntax.Lookup(source.TransferSyntaxUid);
        var exact = contexts.FirstOrDefault(c => c.TransferSyntax == source.TransferSyntaxUid);
        var needsRepair = source.NeedsRepair ?? false;
        DicomFile? scanned = null;
        if (exact is not null && source.NeedsRepair is null && source.Part10 is { } part10)
        {
            // Not known (an archive blob whose ingest could not tell): the header decides, with the same test as a file scanned up front.
            scanned = await DicomFile.OpenAsync(part10, cancellationToken: cancellationToken).ConfigureAwait(false);
            needsRepair = DicomInstanceSource.HasDeviations(scanned);
        }

        if (exact is not null && !needsRepair)
        {
            var raw = await source.OpenDataSet(cancellationToken).ConfigureAwait(false);
            if (readAhead > 0)
            {
                raw = await ReadAheadStream.FillAsync(raw, readAhead, cancellationToken).ConfigureAwait(false);
            }

            return (new InstanceTransfer(exact, stored.IsDeflated ? new EvenLengthStream(raw) : raw, Task.CompletedTask), null);
        }

        // Re-encoded: into the stored syntax when it was accepted (a repair: the writer pads odd values, PS3.5 7.1), else
        // into an accepted native one.
        var destination = exact ?? contexts.FirstOrDefault(c => !DicomTransferSyntax.Lookup(c.TransferSyntax).IsEncapsulated);
        if (destination is null || (stored.IsEncapsulated && exact is null))
        {
            return (null, $"Stored as {stored.Name}; the peer accepted only {string.Join(", ", contexts.Select(c => DicomTransferSyntax.Lookup(c.TransferSyntax).Name))}: transcoding needs a codec");
        }

        var dataSet = scanned?.Dataset ?? await LoadAsync(source, stored, cancellationToken).ConfigureAwait(false);
        var pipe = new Pipe(ConversionPipe);
        var target = DicomTransferSyntax.Lookup(destination.TransferSyntax);
        var producer = Task.Run(
            async () =>
            {
                try
                {
                    await using var output = pipe.Writer.AsStream(leaveOpen: true);
                    await new DicomWriter(target, new DicomWriteOptions { UnknownValuesAreBigEndian = stored.IsBigEndian }).WriteAsync(output, dataSet, cancellationToken).ConfigureAwait(false);
                    await pipe.Writer.CompleteAsync().ConfigureAwait(false);
                }
                catch (Exception ex)
                {
                    await pipe.Writer.CompleteAsync(ex).ConfigureAwait(false);
                }
            },
            CancellationToken.None);
        var encoded = pipe.Reader.AsStream();
        return (new InstanceTransfer(destination, target.IsDeflated ? new EvenLengthStream(encoded) : encoded, producer), null);
    }

    public async ValueTask DisposeAsync()
    {
        await DataSet.DisposeAsync().ConfigureAwait(false);
        await _producer.ConfigureAwait(false);
    }

    private static async Task<DicomDataset> LoadAsync(DicomInstanceSource source, DicomTransferSyntax stored, CancellationToken cancellationToken)
    {
        if (source.FilePath is { } path)
        {
            // Bulk values stay in the file as references; the writer streams them when it reaches them.
            return (await DicomFile.OpenAsync(path, cancellationToken: cancellationToken).ConfigureAwait(false)).Dataset;
        }

        if (source.Part10 is { } part10)
        {
            return (await DicomFile.OpenAsync(part10, cancellationToken: cancellationToken).ConfigureAwait(false)).Dataset;
        }

        // A bare stream cannot be reopened for bulk data: the data set is read into memory.
        var stream = await source.OpenDataSet(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            var pipe = PipeReader.Create(stream);
            return await DimseDataSets.ReadAsync(pipe, stored.Uid, cancellationToken).ConfigureAwait(false);
        }
    }
}
