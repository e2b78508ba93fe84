namespace Tessera.Archive.Query;

/// <summary>Query/Retrieve Level (0008,0052), PS3.4 C.6: PATIENT, STUDY, SERIES, IMAGE.</summary>
public enum QueryLevel
{
    Patient,
    Study,
    Series,
    Image,
}
