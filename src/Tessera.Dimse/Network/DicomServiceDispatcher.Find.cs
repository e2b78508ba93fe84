using System.IO.Pipelines;
using Tessera.Dicom;
using Tessera.Dimse.Messages;
using Tessera.Dimse.Services;

namespace Tessera.Dimse.Network;

internal sealed partial class DicomServiceDispatcher
{
    /// <summary>C-FIND SCP (PS3.7 9.1.2, PS3.4 C.4.1.3): one Pending response per match, then the final status.</summary>
    private async Task<(DimseCommand Response, DicomDataset? Data)> FindAsync(DicomAssociation association, IFindHandler find, DimseRequestContext context, PipeReader identifierPipe, CancellationToken cancellationToken)
    {
        var command = context.Command;
        var identifier = await DimseDataSets.ReadAsync(identifierPipe, context.PresentationContext.TransferSyntax, cancellationToken).ConfigureAwait(false);
        var sent = 0;
        var pending = find.SupportsOptionalKeys(context, identifier) ? DimseStatus.Pending : DimseStatus.PendingWarning;
        try
        {
            await foreach (var match in find.OnCFindAsync(context, identifier, cancellationToken).WithCancellation(cancellationToken).ConfigureAwait(false))
            {
                if (sent == options.MaxFindResults)
                {
                    var rsp = DimseCommands.CFindRsp(command, DimseStatus.OutOfResources);
                    rsp.ErrorComment = $"More than {options.MaxFindResults} matches";
                    return (rsp, null);
                }

                using var encoded = DimseDataSets.Encode(match, context.PresentationContext.TransferSyntax);
                await association.SendMessageAsync(context.PresentationContext.Id, DimseCommands.CFindRsp(command, pending), encoded, association.Lifetime).ConfigureAwait(false);
                sent++;
                if (CancelledByPeer(association, command, cancellationToken))
                {
                    break;
                }
            }
        }
        catch (OperationCanceledException) when (CancelledByPeer(association, command, cancellationToken))
        {
            // C-CANCEL-RQ: the final response says Cancel (PS3.4 C.4.1.3.2).
        }

        return (DimseCommands.CFindRsp(command, CancelledByPeer(association, command, cancellationToken) ? DimseStatus.Cancel : DimseStatus.Success), null);
    }
}
