using Tessera.Archive.Query;

namespace Tessera.Archive.Dimse;

/// <summary>The information model of a Query/Retrieve SOP class (PS3.4 C.6): Patient Root or Study Root, for FIND, MOVE and GET.</summary>
public static class QueryRoots
{
    /// <summary>The Query/Retrieve SOP classes the archive serves, by service.</summary>
    public static IReadOnlyList<string> FindSopClasses { get; } =
        [DicomUids.PatientRootQueryRetrieveInformationModelFind, DicomUids.StudyRootQueryRetrieveInformationModelFind];

    public static IReadOnlyList<string> MoveSopClasses { get; } =
        [DicomUids.PatientRootQueryRetrieveInformationModelMove, DicomUids.StudyRootQueryRetrieveInformationModelMove];

    public static IReadOnlyList<string> GetSopClasses { get; } =
        [DicomUids.PatientRootQueryRetrieveInformationModelGet, DicomUids.StudyRootQueryRetrieveInformationModelGet];

    /// <summary>Null for any other SOP class.</summary>
    public static QueryRoot? Of(string sopClassUid) => sopClassUid switch
    {
        DicomUids.PatientRootQueryRetrieveInformationModelFind or DicomUids.PatientRootQueryRetrieveInformationModelMove or DicomUids.PatientRootQueryRetrieveInformationModelGet => QueryRoot.PatientRoot,
        DicomUids.StudyRootQueryRetrieveInformationModelFind or DicomUids.StudyRootQueryRetrieveInformationModelMove or DicomUids.StudyRootQueryRetrieveInformationModelGet => QueryRoot.StudyRoot,
        _ => null,
    };
}
