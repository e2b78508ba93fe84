using Microsoft.Extensions.Logging;
using Tessera.Dimse.Messages;
using Tessera.Dimse.PData;
using Tessera.Dimse.Services;

namespace Tessera.Dimse.Network;

/// <summary>
/// What a client serves on its own association: the C-STORE sub-operations of a C-GET in progress (PS3.4 C.4.3.3), handed
/// to the caller's <see cref="IStoreHandler"/>; anything else is answered Unrecognized Operation.
/// </summary>
internal sealed class ClientRequestHandler(ILogger logger) : IDimseRequestHandler
{
    private volatile IStoreHandler? _store;
    private volatile INServiceHandler? _eventReports;

    public INServiceHandler? EventReports
    {
        get => _eventReports;
        set => _eventReports = value;
    }

    public IStoreHandler? Store
    {
        get => _store;
        set => _store = value;
    }

    public async Task HandleAsync(DicomAssociation association, IncomingDimseMessage request, CancellationToken cancellationToken)
    {
        var command = request.Command;
        DimseCommand response;
        if (command.CommandField == CommandField.CStoreRq && _store is { } store && request.DataSet is { } dataSet)
        {
            var context = association.PresentationContexts.First(c => c.Id == request.PresentationContextId);
            try
            {
                await using var stream = dataSet.AsStream(leaveOpen: true);
                var stored = await store.OnCStoreAsync(new DimseRequestContext(association.Info!, context, command), stream, cancellationToken).ConfigureAwait(false);
                response = DimseCommands.CStoreRsp(command, stored.Status, stored.ErrorComment);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                logger.HandlerFailed(ex, command.CommandField, association.RemoteEndPoint, DimseStatus.ProcessingFailure);
                response = DimseCommands.FailureResponse(command, DimseStatus.ProcessingFailure, ex.Message);
            }

            await DicomServiceDispatcher.DrainAsync(dataSet, cancellationToken).ConfigureAwait(false);
        }
        else if (command.CommandField == CommandField.NEventReportRq && _eventReports is { } reports)
        {
            var context = association.PresentationContexts.First(c => c.Id == request.PresentationContextId);
            try
            {
                var info = request.DataSet is { } pipe ? await DimseDataSets.ReadAsync(pipe, context.TransferSyntax, cancellationToken).ConfigureAwait(false) : null;
                var answer = await reports.OnNRequestAsync(new DimseRequestContext(association.Info!, context, command), info, cancellationToken).ConfigureAwait(false);
                response = DimseCommands.NEventReportRsp(command, answer.Status);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                logger.HandlerFailed(ex, command.CommandField, association.RemoteEndPoint, DimseStatus.ProcessingFailure);
                response = DimseCommands.FailureResponse(command, DimseStatus.ProcessingFailure, ex.Message);
            }
        }
        else
        {
            response = DimseCommands.FailureResponse(command, DimseStatus.UnrecognizedOperation, $"{command.CommandField} is not served by this SCU");
        }

        await association.SendMessageAsync(request.PresentationContextId, response, null, cancellationToken).ConfigureAwait(false);
    }
}
