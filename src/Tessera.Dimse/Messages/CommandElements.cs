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
        new(CommandTags.CommandGroupLength, DicomVR.UL, "CommandGroupLength"),
        new(CommandTags.AffectedSOPClassUID, DicomVR.UI, "AffectedSOPClassUID"),
        new(CommandTags.RequestedSOPClassUID, DicomVR.UI, "RequestedSOPClassUID"),
        new(CommandTags.CommandField, DicomVR.US, "CommandField"),
        new(CommandTags.MessageID, DicomVR.US, "MessageID"),
        new(CommandTags.MessageIDBeingRespondedTo, DicomVR.US, "MessageIDBeingRespondedTo"),
        new(CommandTags.MoveDestination, DicomVR.AE, "MoveDestination"),
        new(CommandTags.Priority, DicomVR.US, "Priority"),
        new(CommandTags.CommandDataSetType, DicomVR.US, "CommandDataSetType"),
        new(CommandTags.Status, DicomVR.US, "Status"),
        new(CommandTags.OffendingElement, DicomVR.AT, "OffendingElement"),
        new(CommandTags.ErrorComment, DicomVR.LO, "ErrorComment"),
        new(CommandTags.ErrorID, DicomVR.US, "ErrorID"),
        new(CommandTags.AffectedSOPInstanceUID, DicomVR.UI, "AffectedSOPInstanceUID"),
        new(CommandTags.RequestedSOPInstanceUID, DicomVR.UI, "RequestedSOPInstanceUID"),
        new(CommandTags.EventTypeID, DicomVR.US, "EventTypeID"),
        new(CommandTags.AttributeIdentifierList, DicomVR.AT, "AttributeIdentifierList"),
        new(CommandTags.ActionTypeID, DicomVR.US, "ActionTypeID"),
        new(CommandTags.NumberOfRemainingSuboperations, DicomVR.US, "NumberOfRemainingSuboperations"),
        new(CommandTags.NumberOfCompletedSuboperations, DicomVR.US, "NumberOfCompletedSuboperations"),
        new(CommandTags.NumberOfFailedSuboperations, DicomVR.US, "NumberOfFailedSuboperations"),
        new(CommandTags.NumberOfWarningSuboperations, DicomVR.US, "NumberOfWarningSuboperations"),
        new(CommandTags.MoveOriginatorApplicationEntityTitle, DicomVR.AE, "MoveOriginatorApplicationEntityTitle"),
        new(CommandTags.MoveOriginatorMessageID, DicomVR.US, "MoveOriginatorMessageID"),
    ];

    private static readonly Dictionary<DicomTag, CommandElement> ByTag = All.ToDictionary(e => e.Tag);

    public static CommandElement? Find(DicomTag tag) => ByTag.GetValueOrDefault(tag);
}
