using Tessera.Dicom;

namespace Tessera.Dimse.Messages;

/// <summary>
/// PS3.7 Table E.1-1 (edition 2026b), the closed set of non-retired command elements. Because every element
/// has one fixed VR, the command set needs no data dictionary: see <see cref="DimseCommandCodec"/>.
/// </summary>
public static class CommandElements
{
    public static IReadOnlyList<CommandElement> All { get; } =
    [
        new(DicomTags.CommandGroupLength, DicomVR.UL, "CommandGroupLength"),
        new(DicomTags.AffectedSOPClassUID, DicomVR.UI, "AffectedSOPClassUID"),
        new(DicomTags.RequestedSOPClassUID, DicomVR.UI, "RequestedSOPClassUID"),
        new(DicomTags.CommandField, DicomVR.US, "CommandField"),
        new(DicomTags.MessageID, DicomVR.US, "MessageID"),
        new(DicomTags.MessageIDBeingRespondedTo, DicomVR.US, "MessageIDBeingRespondedTo"),
        new(DicomTags.MoveDestination, DicomVR.AE, "MoveDestination"),
        new(DicomTags.Priority, DicomVR.US, "Priority"),
        new(DicomTags.CommandDataSetType, DicomVR.US, "CommandDataSetType"),
        new(DicomTags.Status, DicomVR.US, "Status"),
        new(DicomTags.OffendingElement, DicomVR.AT, "OffendingElement"),
        new(DicomTags.ErrorComment, DicomVR.LO, "ErrorComment"),
        new(DicomTags.ErrorID, DicomVR.US, "ErrorID"),
        new(DicomTags.AffectedSOPInstanceUID, DicomVR.UI, "AffectedSOPInstanceUID"),
        new(DicomTags.RequestedSOPInstanceUID, DicomVR.UI, "RequestedSOPInstanceUID"),
        new(DicomTags.EventTypeID, DicomVR.US, "EventTypeID"),
        new(DicomTags.AttributeIdentifierList, DicomVR.AT, "AttributeIdentifierList"),
        new(DicomTags.ActionTypeID, DicomVR.US, "ActionTypeID"),
        new(DicomTags.NumberOfRemainingSuboperations, DicomVR.US, "NumberOfRemainingSuboperations"),
        new(DicomTags.NumberOfCompletedSuboperations, DicomVR.US, "NumberOfCompletedSuboperations"),
        new(DicomTags.NumberOfFailedSuboperations, DicomVR.US, "NumberOfFailedSuboperations"),
        new(DicomTags.NumberOfWarningSuboperations, DicomVR.US, "NumberOfWarningSuboperations"),
        new(DicomTags.MoveOriginatorApplicationEntityTitle, DicomVR.AE, "MoveOriginatorApplicationEntityTitle"),
        new(DicomTags.MoveOriginatorMessageID, DicomVR.US, "MoveOriginatorMessageID"),
    ];

    private static readonly Dictionary<DicomTag, CommandElement> ByTag = All.ToDictionary(e => e.Tag);

    public static CommandElement? Find(DicomTag tag) => ByTag.GetValueOrDefault(tag);
}
