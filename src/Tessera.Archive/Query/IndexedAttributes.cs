namespace Tessera.Archive.Query;

/// <summary>
/// The attributes every index adapter stores as columns: the required and unique keys of the
/// Patient Root and Study Root information models (PS3.4 C.6.1.1 and C.6.2.1, Tables C.6-1 to C.6-4,
/// C.6-5 to C.6-8), a few optional keys viewers and worklists query by (Institution Name, Body Part
/// Examined, Issuer of Patient ID), and the computed attributes of C.6.1.1.2/C.6.2.1.2. Other
/// attributes are answered from the stored attribute blob, not matched.
/// </summary>
public static class IndexedAttributes
{
    public static IReadOnlyList<IndexedAttribute> All { get; } =
    [
        new(DicomTags.PatientName, "PatientName", QueryLevel.Patient, IndexedKind.PersonName, DicomVR.PN),
        new(DicomTags.PatientID, "PatientID", QueryLevel.Patient, IndexedKind.Text, DicomVR.LO),
        new(DicomTags.IssuerOfPatientID, "IssuerOfPatientID", QueryLevel.Patient, IndexedKind.Text, DicomVR.LO),
        new(DicomTags.PatientBirthDate, "PatientBirthDate", QueryLevel.Patient, IndexedKind.Date, DicomVR.DA),
        new(DicomTags.PatientSex, "PatientSex", QueryLevel.Patient, IndexedKind.Text, DicomVR.CS),
        new(DicomTags.NumberOfPatientRelatedStudies, "NumberOfPatientRelatedStudies", QueryLevel.Patient, IndexedKind.Computed, DicomVR.IS),
        new(DicomTags.NumberOfPatientRelatedSeries, "NumberOfPatientRelatedSeries", QueryLevel.Patient, IndexedKind.Computed, DicomVR.IS),
        new(DicomTags.NumberOfPatientRelatedInstances, "NumberOfPatientRelatedInstances", QueryLevel.Patient, IndexedKind.Computed, DicomVR.IS),

        new(DicomTags.StudyInstanceUID, "StudyInstanceUID", QueryLevel.Study, IndexedKind.Uid, DicomVR.UI),
        new(DicomTags.StudyDate, "StudyDate", QueryLevel.Study, IndexedKind.Date, DicomVR.DA),
        new(DicomTags.StudyTime, "StudyTime", QueryLevel.Study, IndexedKind.Time, DicomVR.TM),
        new(DicomTags.AccessionNumber, "AccessionNumber", QueryLevel.Study, IndexedKind.Text, DicomVR.SH),
        new(DicomTags.StudyID, "StudyID", QueryLevel.Study, IndexedKind.Text, DicomVR.SH),
        new(DicomTags.ReferringPhysicianName, "ReferringPhysicianName", QueryLevel.Study, IndexedKind.PersonName, DicomVR.PN),
        new(DicomTags.StudyDescription, "StudyDescription", QueryLevel.Study, IndexedKind.Text, DicomVR.LO),
        new(DicomTags.ModalitiesInStudy, "ModalitiesInStudy", QueryLevel.Study, IndexedKind.Computed, DicomVR.CS),
        new(DicomTags.SOPClassesInStudy, "SOPClassesInStudy", QueryLevel.Study, IndexedKind.Computed, DicomVR.UI),
        new(DicomTags.NumberOfStudyRelatedSeries, "NumberOfStudyRelatedSeries", QueryLevel.Study, IndexedKind.Computed, DicomVR.IS),
        new(DicomTags.NumberOfStudyRelatedInstances, "NumberOfStudyRelatedInstances", QueryLevel.Study, IndexedKind.Computed, DicomVR.IS),

        new(DicomTags.SeriesInstanceUID, "SeriesInstanceUID", QueryLevel.Series, IndexedKind.Uid, DicomVR.UI),
        new(DicomTags.Modality, "Modality", QueryLevel.Series, IndexedKind.Text, DicomVR.CS),
        new(DicomTags.SeriesNumber, "SeriesNumber", QueryLevel.Series, IndexedKind.Integer, DicomVR.IS),
        new(DicomTags.SeriesDescription, "SeriesDescription", QueryLevel.Series, IndexedKind.Text, DicomVR.LO),
        new(DicomTags.BodyPartExamined, "BodyPartExamined", QueryLevel.Series, IndexedKind.Text, DicomVR.CS),
        new(DicomTags.InstitutionName, "InstitutionName", QueryLevel.Series, IndexedKind.Text, DicomVR.LO),
        new(DicomTags.NumberOfSeriesRelatedInstances, "NumberOfSeriesRelatedInstances", QueryLevel.Series, IndexedKind.Computed, DicomVR.IS),

        new(DicomTags.SOPInstanceUID, "SOPInstanceUID", QueryLevel.Image, IndexedKind.Uid, DicomVR.UI),
        new(DicomTags.SOPClassUID, "SOPClassUID", QueryLevel.Image, IndexedKind.Uid, DicomVR.UI),
        new(DicomTags.InstanceNumber, "InstanceNumber", QueryLevel.Image, IndexedKind.Integer, DicomVR.IS),
    ];

    private static readonly Dictionary<DicomTag, IndexedAttribute> ByTag = All.ToDictionary(a => a.Tag);

    public static IndexedAttribute? Find(DicomTag tag) => ByTag.GetValueOrDefault(tag);

    /// <summary>The unique key of each level (PS3.4 C.6.1.1.1: Patient ID stands in for the patient).</summary>
    public static DicomTag UniqueKey(QueryLevel level) => level switch
    {
        QueryLevel.Patient => DicomTags.PatientID,
        QueryLevel.Study => DicomTags.StudyInstanceUID,
        QueryLevel.Series => DicomTags.SeriesInstanceUID,
        _ => DicomTags.SOPInstanceUID,
    };
}
