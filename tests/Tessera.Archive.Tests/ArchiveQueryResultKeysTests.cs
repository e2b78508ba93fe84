using Tessera.Archive.Query;
using Tessera.Archive.Tests.Support;

namespace Tessera.Archive.Tests;

/// <summary>What a query's results carry (<see cref="ArchiveQuery.ResultKeys"/>), which is all an index reads for them.</summary>
public sealed class ArchiveQueryResultKeysTests
{
    private static ArchiveQuery Parse(DicomDataset identifier, QueryRoot root = QueryRoot.StudyRoot)
    {
        Assert.True(ArchiveQuery.TryFromIdentifier(identifier, root, out var query, out var error), error);
        return query!;
    }

    [Fact]
    public void The_return_keys_come_first_in_the_identifier_s_order_then_the_unique_keys_not_asked_for()
    {
        var query = Parse(Identifiers.Level("IMAGE", (DicomTags.SeriesInstanceUID, DicomVR.UI, "1.2.3"), (DicomTags.SOPClassUID, DicomVR.UI, "")));

        Assert.Equal([DicomTags.SOPClassUID, DicomTags.SeriesInstanceUID, DicomTags.StudyInstanceUID, DicomTags.SOPInstanceUID], query.ResultKeys());
    }

    [Fact]
    public void Patient_root_adds_the_patient_id()
    {
        var query = Parse(Identifiers.Level("STUDY", (DicomTags.PatientID, DicomVR.LO, "P1"), (DicomTags.StudyDate, DicomVR.DA, "")), QueryRoot.PatientRoot);

        Assert.Equal([DicomTags.StudyDate, DicomTags.PatientID, DicomTags.StudyInstanceUID], query.ResultKeys());
    }

    [Fact]
    public void Stored_attributes_are_needed_only_for_a_key_without_a_column()
    {
        Assert.False(Parse(Identifiers.Level("STUDY", (DicomTags.PatientName, DicomVR.PN, "Doe*"), (DicomTags.ModalitiesInStudy, DicomVR.CS, ""))).NeedsStoredAttributes);
        Assert.True(Parse(Identifiers.Level("STUDY", (DicomTags.StationName, DicomVR.SH, ""))).NeedsStoredAttributes);
        Assert.True(Parse(Identifiers.Level("IMAGE", (DicomTags.StudyInstanceUID, DicomVR.UI, "1.2.3"), (DicomTags.StationName, DicomVR.SH, "CT01"))).NeedsStoredAttributes);
    }

    /// <summary>
    /// Keys of a lower level, as viewers send them in a study query: Institution Name and Body Part Examined are answered
    /// (and, with a value, matched) from the stored header of the study's representative instance; Modality is Modalities
    /// in Study; a lower level's unique key without a value is not answered, with one it is refused.
    /// </summary>
    [Fact]
    public void Keys_of_a_lower_level_are_answered_from_the_stored_header_and_Modality_is_Modalities_in_Study()
    {
        var query = Parse(Identifiers.Level("STUDY",
            (DicomTags.InstitutionName, DicomVR.LO, "JFK*"),
            (DicomTags.BodyPartExamined, DicomVR.CS, ""),
            (DicomTags.Modality, DicomVR.CS, "CT"),
            (DicomTags.SeriesInstanceUID, DicomVR.UI, "")));

        Assert.Equal([DicomTags.Modality, DicomTags.InstitutionName, DicomTags.BodyPartExamined, DicomTags.StudyInstanceUID], query.ResultKeys());
        Assert.True(query.NeedsStoredAttributes);
        Assert.False(query.IsIndexedAtLevel(DicomTags.InstitutionName));
        var stored = Assert.Single(query.StoredKeys!);
        Assert.Equal((DicomTags.InstitutionName, new Matcher.Wildcard("JFK*")), (stored.Tag, stored.Matcher));
        var modalities = Assert.Single(query.Keys);
        Assert.Equal(DicomTags.ModalitiesInStudy, modalities.Attribute.Tag);
        Assert.Equal(["CT"], Assert.IsType<Matcher.UidList>(modalities.Matcher).Uids);

        Assert.False(ArchiveQuery.TryFromIdentifier(Identifiers.Level("STUDY", (DicomTags.SeriesInstanceUID, DicomVR.UI, "1.2.3")), QueryRoot.StudyRoot, out _, out var error));
        Assert.Contains("not a key of a Study query", error, StringComparison.Ordinal);
        Assert.True(Parse(Identifiers.Level("SERIES", (DicomTags.InstitutionName, DicomVR.LO, ""))).IsIndexedAtLevel(DicomTags.InstitutionName));
    }
}
