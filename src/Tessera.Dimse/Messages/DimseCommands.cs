namespace Tessera.Dimse.Messages;

/// <summary>
/// Builders for every DIMSE message of PS3.7 9.3 (C-services) and 10.3 (N-services), filling the mandatory
/// fields of each message's table; responses copy the identifying fields of their request.
/// </summary>
public static class DimseCommands
{
    public static DimseCommand CEchoRq(ushort messageId, string sopClassUid = DimseUids.Verification) =>
        new(CommandField.CEchoRq) { MessageID = messageId, AffectedSOPClassUID = sopClassUid };

    public static DimseCommand CEchoRsp(DimseCommand request, DimseStatus status) => Response(request, CommandField.CEchoRsp, status, false);

    public static DimseCommand CStoreRq(ushort messageId, string sopClassUid, string sopInstanceUid, DimsePriority priority = DimsePriority.Medium, string? moveOriginatorAE = null, ushort? moveOriginatorMessageId = null) =>
        new(CommandField.CStoreRq)
        {
            MessageID = messageId,
            AffectedSOPClassUID = sopClassUid,
            AffectedSOPInstanceUID = sopInstanceUid,
            Priority = priority,
            MoveOriginatorApplicationEntityTitle = moveOriginatorAE,
            MoveOriginatorMessageID = moveOriginatorMessageId,
            HasDataSet = true,
        };

    public static DimseCommand CStoreRsp(DimseCommand request, DimseStatus status) => Response(request, CommandField.CStoreRsp, status, false);

    /// <summary>A C-STORE-RSP with an Error Comment (PS3.7 Table 9.3-2), when there is one.</summary>
    public static DimseCommand CStoreRsp(DimseCommand request, DimseStatus status, string? errorComment) =>
        string.IsNullOrEmpty(errorComment) ? CStoreRsp(request, status) : FailureResponse(request, status, errorComment);

    public static DimseCommand CFindRq(ushort messageId, string sopClassUid, DimsePriority priority = DimsePriority.Medium) =>
        new(CommandField.CFindRq) { MessageID = messageId, AffectedSOPClassUID = sopClassUid, Priority = priority, HasDataSet = true };

    /// <summary>A pending C-FIND-RSP carries an identifier; the final one does not (PS3.7 9.3.2.2).</summary>
    public static DimseCommand CFindRsp(DimseCommand request, DimseStatus status) => Response(request, CommandField.CFindRsp, status, status.IsPending);

    public static DimseCommand CMoveRq(ushort messageId, string sopClassUid, string moveDestination, DimsePriority priority = DimsePriority.Medium) =>
        new(CommandField.CMoveRq) { MessageID = messageId, AffectedSOPClassUID = sopClassUid, MoveDestination = moveDestination, Priority = priority, HasDataSet = true };

    public static DimseCommand CMoveRsp(DimseCommand request, DimseStatus status, SubOperationCounts counts, bool hasIdentifier = false) =>
        WithCounts(Response(request, CommandField.CMoveRsp, status, hasIdentifier), status, counts);

    public static DimseCommand CGetRq(ushort messageId, string sopClassUid, DimsePriority priority = DimsePriority.Medium) =>
        new(CommandField.CGetRq) { MessageID = messageId, AffectedSOPClassUID = sopClassUid, Priority = priority, HasDataSet = true };

    public static DimseCommand CGetRsp(DimseCommand request, DimseStatus status, SubOperationCounts counts, bool hasIdentifier = false) =>
        WithCounts(Response(request, CommandField.CGetRsp, status, hasIdentifier), status, counts);

    /// <summary>C-CANCEL-RQ names the operation it cancels by its message ID (PS3.7 9.3.2.3).</summary>
    public static DimseCommand CCancelRq(ushort messageIdBeingCancelled) =>
        new(CommandField.CCancelRq) { MessageIDBeingRespondedTo = messageIdBeingCancelled };

    public static DimseCommand NEventReportRq(ushort messageId, string sopClassUid, string sopInstanceUid, ushort eventTypeId, bool hasEventInformation) =>
        new(CommandField.NEventReportRq) { MessageID = messageId, AffectedSOPClassUID = sopClassUid, AffectedSOPInstanceUID = sopInstanceUid, EventTypeID = eventTypeId, HasDataSet = hasEventInformation };

    public static DimseCommand NEventReportRsp(DimseCommand request, DimseStatus status, bool hasEventReply = false)
    {
        var rsp = Response(request, CommandField.NEventReportRsp, status, hasEventReply);
        rsp.EventTypeID = request.EventTypeID;
        return rsp;
    }

    public static DimseCommand NGetRq(ushort messageId, string sopClassUid, string sopInstanceUid, IReadOnlyList<Dicom.DicomTag>? attributeIdentifiers = null) =>
        new(CommandField.NGetRq) { MessageID = messageId, RequestedSOPClassUID = sopClassUid, RequestedSOPInstanceUID = sopInstanceUid, AttributeIdentifierList = attributeIdentifiers };

    public static DimseCommand NGetRsp(DimseCommand request, DimseStatus status, bool hasAttributes) => Response(request, CommandField.NGetRsp, status, hasAttributes);

    public static DimseCommand NSetRq(ushort messageId, string sopClassUid, string sopInstanceUid) =>
        new(CommandField.NSetRq) { MessageID = messageId, RequestedSOPClassUID = sopClassUid, RequestedSOPInstanceUID = sopInstanceUid, HasDataSet = true };

    public static DimseCommand NSetRsp(DimseCommand request, DimseStatus status, bool hasAttributes = false) => Response(request, CommandField.NSetRsp, status, hasAttributes);

    public static DimseCommand NActionRq(ushort messageId, string sopClassUid, string sopInstanceUid, ushort actionTypeId, bool hasActionInformation) =>
        new(CommandField.NActionRq) { MessageID = messageId, RequestedSOPClassUID = sopClassUid, RequestedSOPInstanceUID = sopInstanceUid, ActionTypeID = actionTypeId, HasDataSet = hasActionInformation };

    public static DimseCommand NActionRsp(DimseCommand request, DimseStatus status, bool hasActionReply = false)
    {
        var rsp = Response(request, CommandField.NActionRsp, status, hasActionReply);
        rsp.ActionTypeID = request.ActionTypeID;
        return rsp;
    }

    public static DimseCommand NCreateRq(ushort messageId, string sopClassUid, string? sopInstanceUid, bool hasAttributes) =>
        new(CommandField.NCreateRq) { MessageID = messageId, AffectedSOPClassUID = sopClassUid, AffectedSOPInstanceUID = sopInstanceUid, HasDataSet = hasAttributes };

    /// <summary>The response names the instance, which the SCP may have created the UID for (PS3.7 10.3.5).</summary>
    public static DimseCommand NCreateRsp(DimseCommand request, DimseStatus status, string? sopInstanceUid = null, bool hasAttributes = false)
    {
        var rsp = Response(request, CommandField.NCreateRsp, status, hasAttributes);
        rsp.AffectedSOPInstanceUID = sopInstanceUid ?? request.AffectedSOPInstanceUID;
        return rsp;
    }

    public static DimseCommand NDeleteRq(ushort messageId, string sopClassUid, string sopInstanceUid) =>
        new(CommandField.NDeleteRq) { MessageID = messageId, RequestedSOPClassUID = sopClassUid, RequestedSOPInstanceUID = sopInstanceUid };

    public static DimseCommand NDeleteRsp(DimseCommand request, DimseStatus status) => Response(request, CommandField.NDeleteRsp, status, false);

    /// <summary>The response field that answers a request field, e.g. C-STORE-RQ → C-STORE-RSP (PS3.7 E.1: bit 15 set).</summary>
    public static CommandField ResponseFieldFor(CommandField request) =>
        request == CommandField.CCancelRq || ((ushort)request & 0x8000) != 0
            ? throw new ArgumentException($"{request} has no response", nameof(request))
            : (CommandField)((ushort)request | 0x8000);

    /// <summary>A failure response to any request, e.g. for a handler that threw (convention 10: never a dropped association).</summary>
    public static DimseCommand FailureResponse(DimseCommand request, DimseStatus status, string errorComment)
    {
        ArgumentNullException.ThrowIfNull(request);
        var rsp = Response(request, ResponseFieldFor(request.CommandField), status, false);
        // Error Comment is LO: at most 64 characters (PS3.5 Table 6.2-1).
        rsp.ErrorComment = errorComment.Length > 64 ? errorComment[..64] : errorComment;
        return rsp;
    }

    private static DimseCommand Response(DimseCommand request, CommandField field, DimseStatus status, bool hasDataSet)
    {
        ArgumentNullException.ThrowIfNull(request);
        return new DimseCommand(field)
        {
            // N-GET/SET/ACTION/DELETE requests name Requested* UIDs; their responses return them as Affected* (PS3.7 10.3).
            AffectedSOPClassUID = request.AffectedSOPClassUID ?? request.RequestedSOPClassUID,
            AffectedSOPInstanceUID = request.AffectedSOPInstanceUID ?? request.RequestedSOPInstanceUID,
            MessageIDBeingRespondedTo = request.MessageID,
            Status = status.Code,
            HasDataSet = hasDataSet,
        };
    }

    private static DimseCommand WithCounts(DimseCommand rsp, DimseStatus status, SubOperationCounts counts)
    {
        // Remaining is sent only with Pending; the others with Pending and the final response (PS3.7 9.3.3.2, 9.3.4.2).
        if (status.IsPending)
        {
            rsp.NumberOfRemainingSuboperations = counts.Remaining;
        }

        rsp.NumberOfCompletedSuboperations = counts.Completed;
        rsp.NumberOfFailedSuboperations = counts.Failed;
        rsp.NumberOfWarningSuboperations = counts.Warning;
        return rsp;
    }
}
