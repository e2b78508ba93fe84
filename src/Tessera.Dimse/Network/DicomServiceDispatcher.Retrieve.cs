using System.IO.Pipelines;
using Tessera.Dicom;
using Tessera.Dimse.Messages;
using Tessera.Dimse.Negotiation;
using Tessera.Dimse.Services;

namespace Tessera.Dimse.Network;

internal sealed partial class DicomServiceDispatcher
{
    /// <summary>
    /// C-MOVE and C-GET SCP (PS3.4 C.4.2.3, C.4.3.3): one C-STORE sub-operation per instance — to the move destination on
    /// an association of its own, or back to the requestor on this one — a Pending response with the counts after each,
    /// and the final status with the Failed SOP Instance UID List (0008,0058) when some failed.
    /// </summary>
    private async Task<(DimseCommand Response, DicomDataset? Data)> RetrieveAsync(DicomAssociation association, DimseRequestContext context, PipeReader identifierPipe, CancellationToken cancellationToken)
    {
        var command = context.Command;
        var isMove = command.CommandField == CommandField.CMoveRq;
        var identifier = await DimseDataSets.ReadAsync(identifierPipe, context.PresentationContext.TransferSyntax, cancellationToken).ConfigureAwait(false);
        RemoteApplicationEntity? destination = null;
        if (isMove)
        {
            destination = handlers.ApplicationEntities is { } table && command.MoveDestination is { } ae
                ? await table.ResolveAsync(ae, cancellationToken).ConfigureAwait(false)
                : null;
            if (destination is null)
            {
                return (DimseCommands.FailureResponse(command, DimseStatus.MoveDestinationUnknown, $"Unknown move destination {command.MoveDestination}"), null);
            }
        }

        var instances = isMove
            ? await handlers.Move!.OnCMoveAsync(context, identifier, cancellationToken).ConfigureAwait(false)
            : await handlers.Get!.OnCGetAsync(context, identifier, cancellationToken).ConfigureAwait(false);
        var tally = new SubOperationTally(instances.Count);
        string? associateFailure = null;

        // C-MOVE: one association to the destination per batch of SOP classes that fits its presentation contexts (PS3.8
        // 9.3.2.2), one after the other. C-GET: the requestor proposed the contexts; an instance none of them can carry is a
        // failed sub-operation (PS3.4 C.4.3), listed in the Failed SOP Instance UID List.
        var batches = isMove ? DicomPresentationContexts.InBatches(instances) : [instances];
        foreach (var batch in batches)
        {
            if (batch.Count == 0 || cancellationToken.IsCancellationRequested)
            {
                break;
            }

            DicomClient? sub = null;
            try
            {
                if (isMove)
                {
                    try
                    {
                        sub = await connector.ConnectAsync(destination!, DicomPresentationContexts.ForInstances(batch), cancellationToken).ConfigureAwait(false);
                    }
                    catch (Exception ex) when (ex is not OperationCanceledException)
                    {
                        // The destination is unreachable or refuses: this batch and every later one fail.
                        logger.SubOperationsFailed(destination!.AETitle, ex.Message);
                        associateFailure = $"Cannot associate with {destination.AETitle}: {ex.Message}";
                        tally.FailAll(batches.SkipWhile(b => !ReferenceEquals(b, batch)).SelectMany(b => b));
                        break;
                    }
                }

                await SubOperationsAsync(association, context, sub, batch, tally, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                if (sub is not null)
                {
                    await ReleaseQuietlyAsync(sub).ConfigureAwait(false);
                }
            }
        }

        if (associateFailure is not null && tally.Counts is { Completed: 0, Warning: 0 })
        {
            var refused = DimseCommands.FailureResponse(command, DimseStatus.OutOfResourcesSubOperations, associateFailure);
            return (WithFinalCounts(refused, tally.Counts), FailedList(tally));
        }

        var counts = tally.Counts;
        DimseStatus final;
        if (CancelledByPeer(association, command, cancellationToken))
        {
            final = DimseStatus.Cancel;
        }
        else if (counts.Failed == 0 && counts.Warning == 0)
        {
            final = DimseStatus.Success;
        }
        else if (counts.Completed == 0 && counts.Warning == 0)
        {
            // Every sub-operation failed (PS3.4 C.4.2.1.4: A702 Unable to perform sub-operations).
            final = DimseStatus.OutOfResourcesSubOperations;
        }
        else
        {
            final = DimseStatus.SubOperationsCompleteWithFailures;
        }

        var data = counts.Failed > 0 ? FailedList(tally) : null;
        var rsp = isMove ? DimseCommands.CMoveRsp(command, final, counts, data is not null) : DimseCommands.CGetRsp(command, final, counts, data is not null);
        if (final == DimseStatus.Cancel)
        {
            // With Cancel the remaining count may be sent (PS3.7 9.3.3.2): it tells the SCU what was not done.
            rsp.NumberOfRemainingSuboperations = counts.Remaining;
        }

        if (final.IsFailure)
        {
            rsp.ErrorComment = $"{counts.Failed} of {instances.Count} sub-operations failed";
        }

        return (rsp, data);
    }

    /// <summary>
    /// The sub-operations of one batch, a Pending response with the counts after each but the last of the whole retrieve. As
    /// many at once as the receiving side agreed to perform (the asynchronous operations window, PS3.7 D.3.3.3: the C-GET
    /// requestor's, or the C-MOVE destination's); one at a time without one.
    /// </summary>
    private async Task SubOperationsAsync(DicomAssociation association, DimseRequestContext context, DicomClient? destination, IReadOnlyList<DicomInstanceSource> batch, SubOperationTally tally, CancellationToken cancellationToken)
    {
        var command = context.Command;
        var window = Math.Min(batch.Count, (destination?.Association ?? association).OperationsWindow.Invoked);

        // A sub-operation's count and its Pending response go together, so the counts the SCU sees only ever progress.
        using var reporting = new SemaphoreSlim(1, 1);

        // One at a time, the next instance is read while the receiving side files the current one (InstanceReadAhead).
        await using var readAhead = new InstanceReadAhead();
        var next = -1;
        async Task RunAsync()
        {
            int index;
            while (!cancellationToken.IsCancellationRequested && (index = Interlocked.Increment(ref next)) < batch.Count)
            {
                var instance = batch[index];
                var following = window == 1 && index + 1 < batch.Count ? batch[index + 1] : null;
                var status = await SubOperationAsync(association, destination, command, instance, following, readAhead, cancellationToken).ConfigureAwait(false);
                await reporting.WaitAsync(CancellationToken.None).ConfigureAwait(false);
                try
                {
                    tally.Record(instance, status);
                    if (tally.Counts.Remaining > 0)
                    {
                        var pending = command.CommandField == CommandField.CMoveRq
                            ? DimseCommands.CMoveRsp(command, DimseStatus.Pending, tally.Counts)
                            : DimseCommands.CGetRsp(command, DimseStatus.Pending, tally.Counts);
                        await association.SendMessageAsync(context.PresentationContext.Id, pending, null, association.Lifetime).ConfigureAwait(false);
                    }
                }
                finally
                {
                    reporting.Release();
                }
            }
        }

        await Task.WhenAll(Enumerable.Range(0, window).Select(_ => RunAsync())).ConfigureAwait(false);
    }

    private static DimseCommand WithFinalCounts(DimseCommand rsp, SubOperationCounts counts)
    {
        rsp.NumberOfCompletedSuboperations = counts.Completed;
        rsp.NumberOfFailedSuboperations = counts.Failed;
        rsp.NumberOfWarningSuboperations = counts.Warning;
        return rsp;
    }

    private static DicomDataset FailedList(SubOperationTally tally)
    {
        var data = new DicomDataset();
        data.AddOrUpdate(DicomTags.FailedSOPInstanceUIDList, DicomVR.UI, [.. tally.FailedUids]);
        return data;
    }

    private async Task<DimseStatus> SubOperationAsync(DicomAssociation association, DicomClient? destination, DimseCommand command, DicomInstanceSource instance, DicomInstanceSource? next, InstanceReadAhead readAhead, CancellationToken cancellationToken)
    {
        try
        {
            if (destination is not null)
            {
                // The sub-operations name the C-MOVE's originator (PS3.4 C.4.2.2, PS3.7 9.3.1.1).
                return (await destination.StoreInstanceAsync(instance, next, association.Info!.CallingAETitle, command.MessageID, association.Lifetime).ConfigureAwait(false)).Status;
            }

            var candidates = association.PresentationContexts.Where(c => c.RequestorIsScp);
            var (transfer, reason) = await readAhead.TakeAsync(instance, candidates, cancellationToken).ConfigureAwait(false);
            if (transfer is null)
            {
                logger.SubOperationFailed(instance.SopInstanceUid, reason!);
                return DimseStatus.CannotUnderstand;
            }

            await using (transfer.ConfigureAwait(false))
            {
                var operation = await association.StartRequestAsync(DimseCommands.CStoreRq(0, instance.SopClassUid, instance.SopInstanceUid), transfer.DataSet, transfer.Context.Id, association.Lifetime).ConfigureAwait(false);
                if (next is not null)
                {
                    readAhead.Begin(next, candidates);
                }

                try
                {
                    var response = await association.NextResponseAsync(operation, association.Lifetime).ConfigureAwait(false);
                    return new DimseStatus(response.Command.Status ?? DimseStatus.CannotUnderstand.Code);
                }
                finally
                {
                    association.EndOperation(operation);
                }
            }
        }
        catch (Exception ex) when (ex is NotSupportedException or IOException or DicomException or DicomAssociationAbortedException or TimeoutException or InvalidOperationException)
        {
            logger.SubOperationFailed(instance.SopInstanceUid, ex.Message);
            return DimseStatus.ProcessingFailure;
        }
    }

    private static async Task ReleaseQuietlyAsync(DicomClient client)
    {
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await client.ReleaseAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or DicomAssociationAbortedException or TimeoutException or InvalidOperationException)
        {
            // The sub-operations are done; a release that fails only ends that association sooner.
        }
        finally
        {
            await client.DisposeAsync().ConfigureAwait(false);
        }
    }
}
