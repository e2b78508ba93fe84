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
}
