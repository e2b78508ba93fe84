using System.IO.Pipelines;
using Microsoft.Extensions.Logging;
using Tessera.Dicom;
using Tessera.Dimse.Messages;
using Tessera.Dimse.Negotiation;
using Tessera.Dimse.PData;
using Tessera.Dimse.Pdus;
using Tessera.Dimse.Services;

namespace Tessera.Dimse.Network;

/// <summary>The server's acceptor and request router for one association: negotiation, policy, and the handler calls with their failure translation.</summary>
internal sealed partial class DicomServiceDispatcher(
    DicomServerOptions options,
    PresentationContextNegotiator negotiator,
    bool overLimit,
    DicomServerHandlers handlers,
    DicomServerConnector connector,
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

        if (handlers.Policy?.Evaluate(association.Info!) is { } rejected)
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
                ExtendedNegotiations = negotiation.ExtendedNegotiations ?? [],
                AsynchronousOperationsWindow = OperationsWindowNegotiation.Answer(
                    request.UserInformation.AsynchronousOperationsWindow, options.Association.MaxOperationsInvoked, options.Association.MaxOperationsPerformed),
            },
        };
    }

    public async Task HandleAsync(DicomAssociation association, IncomingDimseMessage request, CancellationToken cancellationToken)
    {
        var command = request.Command;
        var context = association.PresentationContexts.First(c => c.Id == request.PresentationContextId);
        var requestContext = new DimseRequestContext(association.Info!, context, command);
        var lifetime = association.Lifetime;
        DimseCommand? response;
        DicomDataset? responseData = null;
        try
        {
            switch (command.CommandField)
            {
                case CommandField.CEchoRq:
                    response = DimseCommands.CEchoRsp(command, handlers.Verification is null ? DimseStatus.Success : await handlers.Verification.OnCEchoAsync(requestContext, cancellationToken).ConfigureAwait(false));
                    break;
                case CommandField.CStoreRq when handlers.Store is { } store && request.DataSet is { } dataSet:
                    var stored = await StoreAsync(store, requestContext, dataSet, cancellationToken).ConfigureAwait(false);
                    response = DimseCommands.CStoreRsp(command, stored.Status, stored.ErrorComment);
                    break;
                case CommandField.CFindRq when handlers.Find is { } find && request.DataSet is { } identifier:
                    (response, responseData) = await FindAsync(association, find, requestContext, identifier, cancellationToken).ConfigureAwait(false);
                    break;
                case CommandField.CMoveRq when handlers.Move is not null && request.DataSet is { } identifier:
                    (response, responseData) = await RetrieveAsync(association, requestContext, identifier, cancellationToken).ConfigureAwait(false);
                    break;
                case CommandField.CGetRq when handlers.Get is not null && request.DataSet is { } identifier:
                    (response, responseData) = await RetrieveAsync(association, requestContext, identifier, cancellationToken).ConfigureAwait(false);
                    break;
                case CommandField.NActionRq when handlers.StorageCommitment is { } commitment && context.AbstractSyntax == DicomUids.StorageCommitmentPushModel:
                    await CommitAsync(association, commitment, requestContext, request.DataSet, cancellationToken).ConfigureAwait(false);
                    return;
                case CommandField.NGetRq or CommandField.NSetRq or CommandField.NActionRq or CommandField.NCreateRq or CommandField.NDeleteRq or CommandField.NEventReportRq
                    when handlers.NService is { } nService && options.NServiceSopClasses.Contains(context.AbstractSyntax, StringComparer.Ordinal):
                    (response, responseData) = await NServiceAsync(nService, requestContext, request.DataSet, cancellationToken).ConfigureAwait(false);
                    break;
                default:
                    response = DimseCommands.FailureResponse(command, DimseStatus.UnrecognizedOperation, $"{command.CommandField} is not served here");
                    break;
            }
        }
        catch (Exception ex) when (!lifetime.IsCancellationRequested)
        {
            // Convention 10: a failing handler is a failure status with an Error Comment, never a dropped association.
            // Query/Retrieve has its own failure range (PS3.4 C.4.1.1.4: C000-CFFF Unable to Process); the rest 0110H.
            var status = command.CommandField is CommandField.CFindRq or CommandField.CMoveRq or CommandField.CGetRq ? DimseStatus.CannotUnderstand : DimseStatus.ProcessingFailure;
            logger.HandlerFailed(ex, command.CommandField, association.RemoteEndPoint, status);
            response = DimseCommands.FailureResponse(command, status, ex.Message);
            responseData = null;
        }

        if (request.DataSet is { } rest)
        {
            // The response goes after the whole request: drain what the handler left unread.
            await DrainAsync(rest, lifetime).ConfigureAwait(false);
        }

        using var encoded = responseData is null ? null : DimseDataSets.Encode(responseData, context.TransferSyntax);
        await association.SendMessageAsync(request.PresentationContextId, response, encoded, lifetime).ConfigureAwait(false);
    }

    internal static async Task DrainAsync(PipeReader reader, CancellationToken cancellationToken)
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

    /// <summary>The peer sent a C-CANCEL-RQ for this operation (as opposed to the association ending).</summary>
    private static bool CancelledByPeer(DicomAssociation association, DimseCommand command, CancellationToken cancellationToken) =>
        cancellationToken.IsCancellationRequested && !association.Lifetime.IsCancellationRequested && command.MessageID is { } id && association.IsCancelled(id);

    private static async Task<StoreResponse> StoreAsync(IStoreHandler store, DimseRequestContext context, PipeReader dataSet, CancellationToken cancellationToken)
    {
        await using var stream = dataSet.AsStream(leaveOpen: true);
        return await store.OnCStoreAsync(context, stream, cancellationToken).ConfigureAwait(false);
    }
}
