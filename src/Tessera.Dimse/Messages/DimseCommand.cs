using Tessera.Dicom;

namespace Tessera.Dimse.Messages;

/// <summary>
/// A DIMSE command set (PS3.7 6.3, 9.3, 10.3): group 0000 elements with typed accessors. Values are kept by
/// tag in ascending order so encoding is a walk; absent elements are null.
/// </summary>
public sealed class DimseCommand
{
    /// <summary>Command Data Set Type value meaning "no data set" (PS3.7 E.1); any other value means one follows.</summary>
    public const ushort NoDataSet = 0x0101;

    /// <summary>The value this toolkit writes when a data set follows (any value other than 0101H is allowed).</summary>
    public const ushort DataSetPresent = 0x0000;

    private readonly SortedDictionary<DicomTag, object> _values = [];

    public DimseCommand(CommandField commandField)
    {
        CommandField = commandField;
        CommandDataSetType = NoDataSet;
    }

    internal DimseCommand()
    {
    }

    public CommandField CommandField
    {
        get => (CommandField)(GetUInt16(DicomTags.CommandField) ?? 0);
        set => Set(DicomTags.CommandField, (ushort)value);
    }

    public bool IsResponse => ((ushort)CommandField & 0x8000) != 0;

    public string? AffectedSOPClassUID { get => GetString(DicomTags.AffectedSOPClassUID); set => Set(DicomTags.AffectedSOPClassUID, value); }

    public string? RequestedSOPClassUID { get => GetString(DicomTags.RequestedSOPClassUID); set => Set(DicomTags.RequestedSOPClassUID, value); }

    public ushort? MessageID { get => GetUInt16(DicomTags.MessageID); set => Set(DicomTags.MessageID, value); }

    public ushort? MessageIDBeingRespondedTo { get => GetUInt16(DicomTags.MessageIDBeingRespondedTo); set => Set(DicomTags.MessageIDBeingRespondedTo, value); }

    public string? MoveDestination { get => GetString(DicomTags.MoveDestination); set => Set(DicomTags.MoveDestination, value); }

    public DimsePriority? Priority { get => (DimsePriority?)GetUInt16(DicomTags.Priority); set => Set(DicomTags.Priority, (ushort?)value); }

    public ushort? CommandDataSetType { get => GetUInt16(DicomTags.CommandDataSetType); set => Set(DicomTags.CommandDataSetType, value); }

    /// <summary>Whether a data set follows this command (PS3.7 E.1: Command Data Set Type other than 0101H).</summary>
    public bool HasDataSet
    {
        get => CommandDataSetType is { } type && type != NoDataSet;
        set => CommandDataSetType = value ? DataSetPresent : NoDataSet;
    }

    public ushort? Status { get => GetUInt16(DicomTags.Status); set => Set(DicomTags.Status, value); }

    public IReadOnlyList<DicomTag>? OffendingElement { get => GetTags(DicomTags.OffendingElement); set => Set(DicomTags.OffendingElement, value?.ToArray()); }

    public string? ErrorComment { get => GetString(DicomTags.ErrorComment); set => Set(DicomTags.ErrorComment, value); }

    public ushort? ErrorID { get => GetUInt16(DicomTags.ErrorID); set => Set(DicomTags.ErrorID, value); }

    public string? AffectedSOPInstanceUID { get => GetString(DicomTags.AffectedSOPInstanceUID); set => Set(DicomTags.AffectedSOPInstanceUID, value); }

    public string? RequestedSOPInstanceUID { get => GetString(DicomTags.RequestedSOPInstanceUID); set => Set(DicomTags.RequestedSOPInstanceUID, value); }

    public ushort? EventTypeID { get => GetUInt16(DicomTags.EventTypeID); set => Set(DicomTags.EventTypeID, value); }

    public IReadOnlyList<DicomTag>? AttributeIdentifierList { get => GetTags(DicomTags.AttributeIdentifierList); set => Set(DicomTags.AttributeIdentifierList, value?.ToArray()); }

    public ushort? ActionTypeID { get => GetUInt16(DicomTags.ActionTypeID); set => Set(DicomTags.ActionTypeID, value); }

    public ushort? NumberOfRemainingSuboperations { get => GetUInt16(DicomTags.NumberOfRemainingSuboperations); set => Set(DicomTags.NumberOfRemainingSuboperations, value); }

    public ushort? NumberOfCompletedSuboperations { get => GetUInt16(DicomTags.NumberOfCompletedSuboperations); set => Set(DicomTags.NumberOfCompletedSuboperations, value); }

    public ushort? NumberOfFailedSuboperations { get => GetUInt16(DicomTags.NumberOfFailedSuboperations); set => Set(DicomTags.NumberOfFailedSuboperations, value); }

    public ushort? NumberOfWarningSuboperations { get => GetUInt16(DicomTags.NumberOfWarningSuboperations); set => Set(DicomTags.NumberOfWarningSuboperations, value); }

    public string? MoveOriginatorApplicationEntityTitle { get => GetString(DicomTags.MoveOriginatorApplicationEntityTitle); set => Set(DicomTags.MoveOriginatorApplicationEntityTitle, value); }

    public ushort? MoveOriginatorMessageID { get => GetUInt16(DicomTags.MoveOriginatorMessageID); set => Set(DicomTags.MoveOriginatorMessageID, value); }

    /// <summary>The elements present, in tag order, excluding the group length (it is computed on encode).</summary>
    public IEnumerable<KeyValuePair<DicomTag, object>> Elements => _values;

    public bool Contains(DicomTag tag) => _values.ContainsKey(tag);

    internal void SetRaw(DicomTag tag, object value) => _values[tag] = value;

    private ushort? GetUInt16(DicomTag tag) => _values.TryGetValue(tag, out var v) ? (ushort)v : null;

    private string? GetString(DicomTag tag) => _values.TryGetValue(tag, out var v) ? (string)v : null;

    private DicomTag[]? GetTags(DicomTag tag) => _values.TryGetValue(tag, out var v) ? (DicomTag[])v : null;

    private void Set(DicomTag tag, object? value)
    {
        if (value is null)
        {
            _values.Remove(tag);
        }
        else
        {
            _values[tag] = value;
        }
    }
}
