namespace Tessera.Dicom;

/// <summary>The kinds of UID in PS3.6 Table A-1 (its "UID Type" column).</summary>
public enum DicomUidType
{
    /// <summary>Not in the registry, or a kind the registry does not name.</summary>
    Other = 0,

    TransferSyntax,

    SOPClass,

    MetaSOPClass,

    WellKnownSOPInstance,

    WellKnownFrameOfReference,

    SynchronizationFrameOfReference,

    /// <summary>A coding scheme, including "DICOM UIDs as a Coding Scheme" (DCMUID).</summary>
    CodingScheme,

    ApplicationContextName,

    ServiceClass,

    LDAPOID,

    ApplicationHostingModel,

    MappingResource,
}
