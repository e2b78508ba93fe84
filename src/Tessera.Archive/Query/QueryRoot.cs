namespace Tessera.Archive.Query;

/// <summary>The information model (PS3.4 C.6.1 Patient Root, C.6.2 Study Root).</summary>
public enum QueryRoot
{
    PatientRoot,
    StudyRoot,
}
