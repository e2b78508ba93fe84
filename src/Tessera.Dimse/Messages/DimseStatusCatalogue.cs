namespace Tessera.Dimse.Messages;

/// <summary>
/// DIMSE status codes: PS3.7 Annex C (general statuses) and the service-specific statuses of PS3.4
/// (Storage B.2.3, Query/Retrieve C.4), edition 2026b. Exact codes are listed before the ranges that
/// contain them; lookup takes the first row that covers a code.
/// </summary>
/// <remarks>Kept as a data table so the Tessera.Generator can later emit it from a TSV without changing its shape.</remarks>
public static class DimseStatusCatalogue
{
    private const DimseStatusCategory Success = DimseStatusCategory.Success;
    private const DimseStatusCategory Pending = DimseStatusCategory.Pending;
    private const DimseStatusCategory Cancel = DimseStatusCategory.Cancel;
    private const DimseStatusCategory Warning = DimseStatusCategory.Warning;
    private const DimseStatusCategory Failure = DimseStatusCategory.Failure;

    public static IReadOnlyList<DimseStatusEntry> Entries { get; } =
    [
        new(0x0000, Success, "Success", "Successful operation", "all"),
        new(0xFF00, Pending, "Pending", "Matches are continuing / sub-operations are continuing", "C-FIND, C-GET, C-MOVE"),
        new(0xFF01, Pending, "PendingWarning", "Matches are continuing; one or more optional keys were not supported", "C-FIND"),
        new(0xFE00, Cancel, "Cancel", "Matching or sub-operations terminated due to a Cancel request", "C-FIND, C-GET, C-MOVE"),
        new(0x0001, Warning, "RequestedOptionalAttributesNotSupported", "Requested optional attributes are not supported", "N-GET, N-SET, N-CREATE"),
        new(0x0107, Warning, "AttributeListError", "Attribute list error", "N-GET, N-SET, N-CREATE"),
        new(0x0116, Warning, "AttributeValueOutOfRange", "Attribute value out of range", "N-SET, N-CREATE"),
        new(0xB000, Warning, "CoercionOrSubOperationsFailed", "Coercion of data elements (C-STORE); sub-operations complete with one or more failures or warnings (C-GET, C-MOVE)", "C-STORE, C-GET, C-MOVE"),
        new(0xB006, Warning, "ElementsDiscarded", "Elements discarded", "C-STORE"),
        new(0xB007, Warning, "DataSetDoesNotMatchSOPClass", "Data set does not match SOP class", "C-STORE"),
        new(0x0105, Failure, "NoSuchAttribute", "No such attribute", "N-SET, N-CREATE"),
        new(0x0106, Failure, "InvalidAttributeValue", "Invalid attribute value", "N-SET, N-CREATE, C-STORE"),
        new(0x0110, Failure, "ProcessingFailure", "Processing failure", "all"),
        new(0x0111, Failure, "DuplicateSOPInstance", "Duplicate SOP instance", "N-CREATE, C-STORE"),
        new(0x0112, Failure, "NoSuchSOPInstance", "No such SOP instance", "N-services"),
        new(0x0113, Failure, "NoSuchEventType", "No such event type", "N-EVENT-REPORT"),
        new(0x0114, Failure, "NoSuchArgument", "No such argument", "N-EVENT-REPORT, N-ACTION"),
        new(0x0115, Failure, "InvalidArgumentValue", "Invalid argument value", "N-EVENT-REPORT, N-ACTION"),
        new(0x0117, Failure, "InvalidObjectInstance", "Invalid object instance", "C-STORE, N-CREATE"),
        new(0x0118, Failure, "NoSuchSOPClass", "No such SOP class", "N-services"),
        new(0x0119, Failure, "ClassInstanceConflict", "Class-instance conflict", "C-STORE, N-services"),
        new(0x0120, Failure, "MissingAttribute", "Missing attribute", "N-CREATE"),
        new(0x0121, Failure, "MissingAttributeValue", "Missing attribute value", "N-SET, N-CREATE"),
        new(0x0122, Failure, "SOPClassNotSupported", "Refused: SOP class not supported", "all"),
        new(0x0123, Failure, "NoSuchAction", "No such action", "N-ACTION"),
        new(0x0124, Failure, "NotAuthorized", "Refused: not authorized", "all"),
        new(0x0210, Failure, "DuplicateInvocation", "Duplicate invocation", "all"),
        new(0x0211, Failure, "UnrecognizedOperation", "Unrecognized operation", "all"),
        new(0x0212, Failure, "MistypedArgument", "Mistyped argument", "all"),
        new(0x0213, Failure, "ResourceLimitation", "Resource limitation", "all"),
        new(0xA701, Failure, "OutOfResourcesNumberOfMatches", "Refused: out of resources, unable to calculate number of matches", "C-GET, C-MOVE"),
        new(0xA702, Failure, "OutOfResourcesSubOperations", "Refused: out of resources, unable to perform sub-operations", "C-GET, C-MOVE"),
        new(0xA700, 0xA7FF, Failure, "OutOfResources", "Refused: out of resources", "C-STORE, C-FIND, C-GET, C-MOVE"),
        new(0xA801, Failure, "MoveDestinationUnknown", "Refused: move destination unknown", "C-MOVE"),
        new(0xA900, 0xA9FF, Failure, "DataSetDoesNotMatchSOPClassError", "Error: data set or identifier does not match SOP class", "C-STORE, C-FIND, C-GET, C-MOVE"),
        new(0xC000, 0xCFFF, Failure, "CannotUnderstand", "Error: cannot understand / unable to process", "C-STORE, C-FIND, C-GET, C-MOVE"),
    ];

    /// <summary>The first catalogue row covering <paramref name="code"/>, or null for a code the catalogue does not know.</summary>
    public static DimseStatusEntry? Find(ushort code)
    {
        foreach (var entry in Entries)
        {
            if (entry.Covers(code))
            {
                return entry;
            }
        }

        return null;
    }

    /// <summary>
    /// The class of any code: from the catalogue, else by the ranges of PS3.7 Annex C (Bxxx warning, Axxx and
    /// Cxxx failure). An unknown code is treated as a failure: a peer must never read an unknown status as success.
    /// </summary>
    public static DimseStatusCategory Categorize(ushort code) => Find(code)?.Category ?? (code switch
    {
        >= 0xB000 and <= 0xBFFF => Warning,
        _ => Failure,
    });
}
