using Microsoft.Extensions.Logging;
using Tessera.Dimse.Messages;
using Tessera.Dimse.Negotiation;
using Tessera.Dimse.PData;
using Tessera.Dimse.Pdus;
using Tessera.Dimse.Services;

namespace Tessera.Dimse.Network;

/// <summary>The server's acceptor and request router for one association: negotiation, policy, and the handler calls with their failure translation.</summary>
internal sealed class DicomServiceDispatcher(
    DicomServerOptions options,
    PresentationContextNegotiator negotiator,
    bool overLimit,
    IVerificationHandler? verification,
    IStoreHandler? store,
    IAssociationPolicy? policy,
    ILogger logger) : IAssociationAcceptor, IDimseRequestHandler
{
    public AAssociateRj? CheckProvider(AAssociateRq request)
    {
        if ((request.ProtocolVersion & 1) == 0)
        {
            return new AAssociateRj(AssociateRejectResult.RejectedPermanent, AssociateRejectSource.ServiceProviderAcse, AssociateRejectReason.ProtocolVersionNotSupported);
        }

        return overLimit
            ? new AAssociateRj(AssociateRejectResult.RejectedTransient, AssociateRejectSource.ServiceProviderPresentation, AssociateRejectReason.LocalLimitExceeded)
            : null;
    }

    public Pdu Decide(DicomAssociation association, AAssociateRq request)
    {
        if (request.ApplicationContextName != DimseUids.DicomApplicationContext)
        {
            return new AAssociateRj(AssociateRejectResult.RejectedPermanent, AssociateRejectSource.ServiceUser, AssociateRejectReason.ApplicationContextNameNotSupported);
        }

        if (options.AETitle is { } title && !string.Equals(title, request.CalledAETitle, StringComparison.Ordinal))
        {
            return new AAssociateRj(AssociateRejectResult.RejectedPermanent, AssociateRejectSource.ServiceUser, AssociateRejectReason.CalledAETitleNotRecognized);
        }

        if (policy?.Evaluate(association.Info!) is { } rejected)
        {
            return rejected;
        }

        var negotiation = negotiator.Negotiate(request);
        return new AAssociateAc
        {
            CalledAETitle = request.CalledAETitle,
            CallingAETitle = request.CallingAETitle,
            PresentationContexts = negotiation.PresentationContexts,
            UserInformation = new UserInformation
            {
                MaximumLength = options.Association.MaxPduLength,
                ImplementationClassUid = options.Association.ImplementationClassUid,
                ImplementationVersionName = options.Association.ImplementationVersionName,
                RoleSelections = negotiation.RoleSelections,
            },
        };
    }

    public async Task HandleAsync(DicomAssociation association, IncomingDimseMessage request, CancellationToken cancellationToken)
    {
        var command = request.Command;
        var context = association.PresentationContexts.First(c => c.Id == request.PresentationContextId);
        var requestContext = new DimseRequestContext(association.Info!, context, command);
        DimseCommand response;
        try
        {
            response = command.CommandField switch
            {
                CommandField.CEchoRq => DimseCommands.CEchoRsp(command, verification is null ? DimseStatus.Success : await verification.OnCEchoAsync(requestContext, cancellationToken).ConfigureAwait(false)),
                CommandField.CStoreRq when store is not null && request.DataSet is { } dataSet => DimseCommands.CStoreRsp(command, await StoreAsync(requestContext, dataSet, cancellationToken).ConfigureAwait(false)),
                _ => DimseCommands.FailureResponse(command, DimseStatus.UnrecognizedOperation, $"{command.CommandField} is not served here"),
            };
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // Convention 10: a failing handler is a failure status with an Error Comment, never a dropped association.
            logger.HandlerFailed(ex, command.CommandField, association.RemoteEndPoint, DimseStatus.ProcessingFailure);
            response = DimseCommands.FailureResponse(command, DimseStatus.ProcessingFailure, ex.Message);
        }

        if (request.DataSet is { } rest)
        {
            // The response goes after the whole request: drain what the handler left unread.
            await DrainAsync(rest, cancellationToken).ConfigureAwait(false);
        }

        await association.SendMessageAsync(request.PresentationContextId, response, null, cancellationToken).ConfigureAwait(false);
    }

    private async Task<DimseStatus> StoreAsync(DimseRequestContext context, System.IO.Pipelines.PipeReader dataSet, CancellationToken cancellationToken)
    {
        await using var stream = dataSet.AsStream(leaveOpen: true);
        return await store!.OnCStoreAsync(context, stream, cancellationToken).ConfigureAwait(false);
    }

    private static async Task DrainAsync(System.IO.Pipelines.PipeReader reader, CancellationToken cancellationToken)
    {
        try
        {
            while (true)
            {
                var result = await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
                reader.AdvanceTo(result.Buffer.End);
                if (result.IsCompleted || result.IsCanceled)
                {
                    return;
                }
            }
        }
        catch (InvalidOperationException)
        {
            // The handler completed the reader itself: the assembler discards the rest.
        }
    }
}
