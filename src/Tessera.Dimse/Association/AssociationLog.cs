using Microsoft.Extensions.Logging;
using Tessera.Dimse.Pdus;

namespace Tessera.Dimse.Association;

/// <summary>Log messages of the association state machine; event ids 1000–1099 are reserved for it.</summary>
internal static partial class AssociationLog
{
    [LoggerMessage(EventId = 1000, Level = LogLevel.Trace, Message = "{State} + {Event} → {Action} → {NextState}")]
    public static partial void Transition(this ILogger logger, AssociationState state, AssociationEvent @event, AssociationAction action, AssociationState nextState);

    [LoggerMessage(EventId = 1001, Level = LogLevel.Warning, Message = "Protocol error in {State} on {Event}: sending A-ABORT ({Reason}): {Detail}")]
    public static partial void ProtocolAbort(this ILogger logger, AssociationState state, AssociationEvent @event, AbortReason reason, string detail);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Warning, Message = "ARTIM timer expired in {State}; closing the transport connection")]
    public static partial void ArtimExpired(this ILogger logger, AssociationState state);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Information, Message = "A-ASSOCIATE-RQ from {CallingAE} to {CalledAE} rejected by the service-provider: {Result}, {Source}, reason {Reason}")]
    public static partial void ProviderReject(this ILogger logger, string callingAE, string calledAE, AssociateRejectResult result, AssociateRejectSource source, byte reason);

    [LoggerMessage(EventId = 1004, Level = LogLevel.Error, Message = "Handling the ARTIM timer expiry failed")]
    public static partial void ArtimFailed(this ILogger logger, Exception exception);
}
