using System.IO.Pipelines;
using Tessera.Dicom;
using Tessera.Dimse.Messages;
using Tessera.Dimse.Negotiation;
using Tessera.Dimse.Services;

namespace Tessera.Dimse.Network;

internal sealed partial class DicomServiceDispatcher
{
    /// <summary>Storage Commitment Push Model: event type 1 all committed, 2 some failed (PS3.4 J.3.3).</summary>
    private const ushort CommitmentSucceeded = 1;
    private const ushort CommitmentFailures = 2;

    /// <summary>The one action of the Push Model: Request Storage Commitment (PS3.4 J.3.2).</summary>
    private const ushort RequestStorageCommitment = 1;

    private static async Task<(DimseCommand Response, DicomDataset? Data)> NServiceAsync(INServiceHandler handler, DimseRequestContext context, PipeReader? dataPipe, CancellationToken cancellationToken)
    {
        var command = context.Command;
        var data = dataPipe is null ? null : await DimseDataSets.ReadAsync(dataPipe, context.PresentationContext.TransferSyntax, cancellationToken).ConfigureAwait(false);
        var answer = await handler.OnNRequestAsync(context, data, cancellationToken).ConfigureAwait(false);
        var hasData = answer.DataSet is not null;
        var response = command.CommandField switch
        {
            CommandField.NGetRq => DimseCommands.NGetRsp(command, answer.Status, hasData),
            CommandField.NSetRq => DimseCommands.NSetRsp(command, answer.Status, hasData),
            CommandField.NActionRq => DimseCommands.NActionRsp(command, answer.Status, hasData),
            CommandField.NCreateRq => DimseCommands.NCreateRsp(command, answer.Status, answer.AffectedSopInstanceUid, hasData),
            CommandField.NDeleteRq => DimseCommands.NDeleteRsp(command, answer.Status),
            _ => DimseCommands.NEventReportRsp(command, answer.Status, hasData),
        };
        return (response, command.CommandField == CommandField.NDeleteRq ? null : answer.DataSet);
    }

    /// <summary>
    /// N-ACTION Request Storage Commitment: answered at once, then the handler's result reported by N-EVENT-REPORT — on this
    /// association while it is up (a release waits for it, PS3.7 D.3.3: responses first), else on a new one (PS3.4 J.3.3).
    /// </summary>
    private async Task CommitAsync(DicomAssociation association, IStorageCommitmentHandler handler, DimseRequestContext context, PipeReader? dataPipe, CancellationToken cancellationToken)
    {
        var command = context.Command;
        var lifetime = association.Lifetime;
        var info = dataPipe is null ? null : await DimseDataSets.ReadAsync(dataPipe, context.PresentationContext.TransferSyntax, cancellationToken).ConfigureAwait(false);
        var transactionUid = info?.GetString(DicomTags.TransactionUID);
        if (command.ActionTypeID != RequestStorageCommitment)
        {
            await association.SendMessageAsync(context.PresentationContext.Id, DimseCommands.FailureResponse(command, DimseStatus.NoSuchAction, $"Action type {command.ActionTypeID}"), null, lifetime).ConfigureAwait(false);
            return;
        }

        if (info is null || string.IsNullOrEmpty(transactionUid) || info[DicomTags.ReferencedSOPSequence] is not DicomSequence references)
        {
            await association.SendMessageAsync(context.PresentationContext.Id, DimseCommands.FailureResponse(command, DimseStatus.InvalidArgumentValue, "Transaction UID and Referenced SOP Sequence are required"), null, lifetime).ConfigureAwait(false);
            return;
        }

        var sops = references.Items
            .Select(i => new ReferencedSop(i.GetString(DicomTags.ReferencedSOPClassUID) ?? string.Empty, i.GetString(DicomTags.ReferencedSOPInstanceUID) ?? string.Empty))
            .ToList();
        await association.SendMessageAsync(context.PresentationContext.Id, DimseCommands.NActionRsp(command, DimseStatus.Success), null, lifetime).ConfigureAwait(false);

        var result = await handler.OnCommitRequestAsync(new StorageCommitmentRequest(association.Info!, transactionUid, sops), lifetime).ConfigureAwait(false);
        var report = BuildReport(transactionUid, result);
        var eventType = result.Failed.Count == 0 ? CommitmentSucceeded : CommitmentFailures;
        try
        {
            // Only while idle-established: once a release is under way the receive loop waits for this handler, so it could
            // not deliver the N-EVENT-REPORT-RSP; the report then goes on a new association.
            if (association.State == Association.AssociationState.Sta6)
            {
                using var encoded = DimseDataSets.Encode(report, context.PresentationContext.TransferSyntax);
                var operation = await association.StartRequestAsync(
                    DimseCommands.NEventReportRq(0, DicomUids.StorageCommitmentPushModel, DicomUids.StorageCommitmentPushModelInstance, eventType, true), encoded, context.PresentationContext.Id, lifetime).ConfigureAwait(false);
                try
                {
                    await association.NextResponseAsync(operation, lifetime).ConfigureAwait(false);
                    return;
                }
                finally
                {
                    association.EndOperation(operation);
                }
            }
        }
        catch (Exception ex) when (ex is IOException or DicomAssociationAbortedException or TimeoutException or InvalidOperationException or OperationCanceledException or Association.AssociationStateException)
        {
            logger.CommitmentReportFailed(transactionUid, association.Info!.CallingAETitle, ex.Message);
        }

        _ = ReportOnNewAssociationAsync(association.Info!.CallingAETitle, transactionUid, eventType, report);
    }

    private async Task ReportOnNewAssociationAsync(string requester, string transactionUid, ushort eventType, DicomDataset report)
    {
        try
        {
            var peer = handlers.ApplicationEntities is { } table ? await table.ResolveAsync(requester, CancellationToken.None).ConfigureAwait(false) : null;
            if (peer is null)
            {
                logger.CommitmentReportFailed(transactionUid, requester, "requester AE title unknown");
                return;
            }

            // The SCP of the commitment initiates and must take the SCP role on this association (PS3.4 J.3.3, role selection).
            var client = await connector.ConnectAsync(peer, [new PresentationContextProposal(DicomUids.StorageCommitmentPushModel, DicomPresentationContexts.UncompressedTransferSyntaxes, ScuRole: false, ScpRole: true)], CancellationToken.None).ConfigureAwait(false);
            try
            {
                await client.EventReportAsync(DicomUids.StorageCommitmentPushModel, DicomUids.StorageCommitmentPushModelInstance, eventType, report, CancellationToken.None).ConfigureAwait(false);
                await client.ReleaseAsync(CancellationToken.None).ConfigureAwait(false);
            }
            finally
            {
                await client.DisposeAsync().ConfigureAwait(false);
            }
        }
        catch (Exception ex)
        {
            // Fire and forget by nature (the requester's association is gone): log, never crash the server.
            logger.CommitmentReportFailed(transactionUid, requester, ex.Message);
        }
    }

    private static DicomDataset BuildReport(string transactionUid, StorageCommitmentResult result)
    {
        var report = new DicomDataset();
        report.AddOrUpdate(DicomTags.TransactionUID, DicomVR.UI, transactionUid);
        if (result.Committed.Count > 0)
        {
            report.Add(new DicomSequence(DicomTags.ReferencedSOPSequence, result.Committed.Select(s => SopItem(s))));
        }

        if (result.Failed.Count > 0)
        {
            report.Add(new DicomSequence(DicomTags.FailedSOPSequence, result.Failed.Select(f =>
            {
                var item = SopItem(f.Sop);
                item.AddOrUpdate(DicomTags.FailureReason, DicomVR.US, f.FailureReason);
                return item;
            })));
        }

        return report;
    }

    private static DicomDataset SopItem(ReferencedSop sop)
    {
        var item = new DicomDataset();
        item.AddOrUpdate(DicomTags.ReferencedSOPClassUID, DicomVR.UI, sop.SopClassUid);
        item.AddOrUpdate(DicomTags.ReferencedSOPInstanceUID, DicomVR.UI, sop.SopInstanceUid);
        return item;
    }
}
