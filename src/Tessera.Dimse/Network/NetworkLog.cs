using System.Net;
using Microsoft.Extensions.Logging;
using Tessera.Dimse.Association;
using Tessera.Dimse.Messages;
using Tessera.Dimse.Pdus;

namespace Tessera.Dimse.Network;

/// <summary>Log messages of associations, server and client; event ids 1100–1199.</summary>
internal static partial class NetworkLog
{
    [LoggerMessage(EventId = 1100, Level = LogLevel.Warning, Message = "Invalid PDU from {Peer} in {State}: {Reason}: {Detail}")]
    public static partial void InvalidPdu(this ILogger logger, EndPoint? peer, AssociationState state, AbortReason reason, string detail);

    [LoggerMessage(EventId = 1101, Level = LogLevel.Warning, Message = "DIMSE protocol error from {Peer}; aborting: {Detail}")]
    public static partial void DimseProtocolError(this ILogger logger, EndPoint? peer, string detail);

    [LoggerMessage(EventId = 1102, Level = LogLevel.Warning, Message = "No PDU from {Peer} for {Timeout} in {State}; aborting")]
    public static partial void ReadTimeout(this ILogger logger, EndPoint? peer, TimeSpan timeout, AssociationState state);

    [LoggerMessage(EventId = 1103, Level = LogLevel.Information, Message = "Association {Calling} → {Called} from {Peer} accepted: {Accepted} of {Proposed} presentation contexts")]
    public static partial void Accepted(this ILogger logger, string calling, string called, EndPoint? peer, int accepted, int proposed);

    [LoggerMessage(EventId = 1104, Level = LogLevel.Information, Message = "Association {Calling} → {Called} from {Peer} rejected: {Reject}")]
    public static partial void Rejected(this ILogger logger, string calling, string called, EndPoint? peer, Pdu reject);

    [LoggerMessage(EventId = 1105, Level = LogLevel.Information, Message = "Association with {Peer} ended in {State}: {Reason}")]
    public static partial void Ended(this ILogger logger, EndPoint? peer, AssociationState state, string reason);

    [LoggerMessage(EventId = 1106, Level = LogLevel.Error, Message = "Handler for {Command} from {Peer} failed; answering {Status}")]
    public static partial void HandlerFailed(this ILogger logger, Exception exception, CommandField command, EndPoint? peer, DimseStatus status);

    [LoggerMessage(EventId = 1107, Level = LogLevel.Warning, Message = "Abort indication from {Peer}: {Abort}")]
    public static partial void AbortIndication(this ILogger logger, EndPoint? peer, AbortIndication abort);

    [LoggerMessage(EventId = 1108, Level = LogLevel.Information, Message = "DICOM server listening on {EndPoint}")]
    public static partial void Listening(this ILogger logger, EndPoint endPoint);

    [LoggerMessage(EventId = 1109, Level = LogLevel.Error, Message = "Association with {Peer} failed")]
    public static partial void AssociationFailed(this ILogger logger, Exception exception, EndPoint? peer);

    [LoggerMessage(EventId = 1110, Level = LogLevel.Warning, Message = "Transport error with {Peer}: {Detail}")]
    public static partial void TransportError(this ILogger logger, EndPoint? peer, string detail);

    [LoggerMessage(EventId = 1111, Level = LogLevel.Warning, Message = "Sub-operations to {Destination} impossible: {Detail}")]
    public static partial void SubOperationsFailed(this ILogger logger, string destination, string detail);

    [LoggerMessage(EventId = 1112, Level = LogLevel.Warning, Message = "Sub-operation for {SopInstanceUid} failed: {Detail}")]
    public static partial void SubOperationFailed(this ILogger logger, string sopInstanceUid, string detail);

    [LoggerMessage(EventId = 1113, Level = LogLevel.Warning, Message = "Storage commitment report for transaction {TransactionUid} to {Peer} failed: {Detail}")]
    public static partial void CommitmentReportFailed(this ILogger logger, string transactionUid, string peer, string detail);

    [LoggerMessage(EventId = 1114, Level = LogLevel.Warning, Message = "TLS handshake with {Peer} failed: {Detail}")]
    public static partial void TlsHandshakeFailed(this ILogger logger, EndPoint? peer, string detail);

    [LoggerMessage(EventId = 1115, Level = LogLevel.Warning, Message = "Request from {Peer} refused: {Reason} (logged once per association)")]
    public static partial void OperationRefused(this ILogger logger, EndPoint? peer, string reason);

    [LoggerMessage(EventId = 1116, Level = LogLevel.Warning, Message = "{Peer} took nothing sent for {Timeout}; closing the connection")]
    public static partial void SendTimeout(this ILogger logger, EndPoint? peer, TimeSpan timeout);
}
