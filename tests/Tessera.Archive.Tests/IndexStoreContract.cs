using Tessera.Archive.Index;
using Tessera.Archive.Ingest;
using Tessera.Archive.Query;
using Tessera.Archive.Tests.Support;

namespace Tessera.Archive.Tests;

/// <summary>
/// What every <see cref="IIndexStore"/> adapter must do (STYLE 13: one contract suite, run against
/// every backend). An adapter's test class inherits it and says how to create the store. Driven
/// through <see cref="IngestService"/> and <see cref="QueryService"/>, as the archive uses it.
/// </summary>
public abstract class IndexStoreContract
{
    /// <summary>A new, empty store whose data lives under <paramref name="folder"/> (or a fresh database).</summary>
    protected abstract IIndexStore CreateIndex(string folder);

    private Task<TestArchive> ArchiveAsync(IngestOptions? options = null) => TestArchive.CreateAsync(CreateIndex, options);

    private static Instances.Spec Spec(int study, int series = 1, int instance = 1) => new()
    {
        StudyUid = $"1.2.826.0.1.3680043.10.{study}",
        SeriesUid = $"1.2.826.0.1.3680043.10.{study}.{series}",
        SopUid = $"1.2.826.0.1.3680043.10.{study}.{series}.{instance}",
        InstanceNumber = instance.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    [Fact]
    public async Task A_new_instance_is_stored_and_found()
    {
        await using var archive = await ArchiveAsync();
        var result = await archive.StoreAsync(Spec(1));

        Assert.Equal(IngestOutcome.Stored, result.Outcome);
        Assert.Equal(1, result.Version);
        var found = await archive.Index.FindInstanceAsync(Spec(1).SopUid, CancellationToken.None);
        Assert.NotNull(found);
        Assert.Equal(Spec(1).StudyUid, found.StudyInstanceUid);
        Assert.Equal(result.Location, found.Location with { Frames = result.Location!.Frames });
        Assert.True(archive.Blobs.Exists(found.Location.RelativePath));
        Assert.Equal(new IndexCounts(1, 1, 1, 1, 1), await archive.Index.CountAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Identical_content_is_an_idempotent_duplicate()
    {
        await using var archive = await ArchiveAsync();
        var bytes = Instances.Part10(Spec(1));
        await archive.StoreAsync(bytes);

        var again = await archive.StoreAsync(bytes);

        Assert.Equal(IngestOutcome.Duplicate, again.Outcome);
        Assert.True(again.IsSuccess);
        Assert.Single(archive.StoredFiles());
        Assert.Equal(new IndexCounts(1, 1, 1, 1, 1), await archive.Index.CountAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Same_data_set_as_bare_C_STORE_data_is_a_duplicate_of_the_Part_10_file()
    {
        await using var archive = await ArchiveAsync();
        await archive.StoreAsync(Instances.Part10(Spec(1)));

        var bare = Instances.BareDataset(Spec(1), DicomTransferSyntax.ExplicitVRLittleEndian);
        var result = await archive.Ingest.IngestAsync(IngestRequest.Dataset(new MemoryStream(bare), DicomTransferSyntax.ExplicitVRLittleEndian) with { SourceApplicationEntityTitle = "MODALITY" });

        Assert.Equal(IngestOutcome.Duplicate, result.Outcome);
    }

    [Fact]
    public async Task Different_content_becomes_a_new_version_and_the_old_one_is_kept()
    {
        await using var archive = await ArchiveAsync();
        var first = await archive.StoreAsync(Spec(1));

        var second = await archive.StoreAsync(Spec(1) with { Seed = 9, StationName = "CT02" });

        Assert.Equal(IngestOutcome.NewVersion, second.Outcome);
        Assert.Equal(2, second.Version);
        var versions = await archive.Index.ListAllVersionsAsync(CancellationToken.None).ToListAsync();
        Assert.Equal(2, versions.Count);
        Assert.Single(versions, v => v.IsCurrent && v.Version == 2);
        Assert.All(versions, v => Assert.True(archive.Blobs.Exists(v.Location.RelativePath)));
        Assert.Equal(second.Location!.RelativePath, (await archive.Index.FindInstanceAsync(Spec(1).SopUid, CancellationToken.None))!.Location.RelativePath);
        Assert.NotEqual(first.Location!.RelativePath, second.Location.RelativePath);

        // The current version's attributes answer queries.
        var images = await archive.FindAsync(Identifiers.Level("IMAGE", (DicomTags.StudyInstanceUID, DicomVR.UI, Spec(1).StudyUid), (DicomTags.StationName, DicomVR.SH, "")));
        Assert.Equal("CT02", Assert.Single(images).GetString(DicomTags.StationName));
        Assert.Equal(new IndexCounts(1, 1, 1, 1, 2), await archive.Index.CountAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Content_identical_to_an_older_version_is_a_duplicate_of_that_version()
    {
        // Re-running an import whose files hold two contents for one SOP Instance UID must add nothing the second time.
        await using var archive = await ArchiveAsync();
        await archive.StoreAsync(Spec(1));
        await archive.StoreAsync(Spec(1) with { Seed = 9, StationName = "CT02" });

        var again = await archive.StoreAsync(Spec(1));

        Assert.Equal(IngestOutcome.Duplicate, again.Outcome);
        Assert.Equal(1, again.Version);
        Assert.Equal(new IndexCounts(1, 1, 1, 1, 2), await archive.Index.CountAsync(CancellationToken.None));
        Assert.Equal(2, (await archive.Index.FindInstanceAsync(Spec(1).SopUid, CancellationToken.None))!.Version);
        var versions = await archive.Index.ListAllVersionsAsync(CancellationToken.None).ToListAsync();
        Assert.All(versions, v => Assert.True(archive.Blobs.Exists(v.Location.RelativePath)));
    }

    [Fact]
    public async Task Instance_versions_are_every_version_of_that_instance_only()
    {
        await using var archive = await ArchiveAsync();
        await archive.StoreAsync(Spec(1));
        await archive.StoreAsync(Spec(1) with { Seed = 9, StationName = "CT02" });
        await archive.StoreAsync(Spec(1, 1, 2));
        await archive.StoreAsync(Spec(2));

        var versions = await archive.Index.ListInstanceVersionsAsync(Spec(1).SopUid, CancellationToken.None).ToListAsync();

        Assert.Equal([1, 2], versions.Select(v => v.Version).Order());
        Assert.All(versions, v => Assert.Equal(Spec(1).SopUid, v.SopInstanceUid));
        Assert.Single(versions, v => v.IsCurrent && v.Version == 2);
        Assert.Empty(await archive.Index.ListInstanceVersionsAsync("2.25.404", CancellationToken.None).ToListAsync());
    }

    [Fact]
    public async Task Reject_policy_refuses_different_content()
    {
        await using var archive = await ArchiveAsync(new IngestOptions { DuplicatePolicy = DuplicatePolicy.Reject });
        await archive.StoreAsync(Spec(1));

        var second = await archive.StoreAsync(Spec(1) with { Seed = 9 });

        Assert.Equal(IngestOutcome.Rejected, second.Outcome);
        Assert.Equal(ArchiveStatuses.DuplicateRejected, second.Status);
        Assert.Single(archive.StoredFiles());
        Assert.Equal(IngestOutcome.Duplicate, (await archive.StoreAsync(Spec(1))).Outcome);
    }

    [Fact]
    public async Task Overwrite_policy_replaces_the_content_and_deletes_the_old_blob()
    {
        await using var archive = await ArchiveAsync(new IngestOptions { DuplicatePolicy = DuplicatePolicy.Overwrite });
        var first = await archive.StoreAsync(Spec(1));

        var second = await archive.StoreAsync(Spec(1) with { Seed = 9 });

        Assert.Equal(IngestOutcome.Overwritten, second.Outcome);
        Assert.False(archive.Blobs.Exists(first.Location!.RelativePath));
        Assert.True(archive.Blobs.Exists(second.Location!.RelativePath));
        Assert.Equal(new IndexCounts(1, 1, 1, 1, 1), await archive.Index.CountAsync(CancellationToken.None));
    }

    /// <summary>Two patients, three studies, CT and MR series: the fixture of the query tests.</summary>
    private static async Task<TestArchive> QueryFixtureAsync(Func<IngestOptions?, Task<TestArchive>> open)
    {
        var archive = await open(null);
        Instances.Spec[] specs =
        [
            Spec(1, 1, 1) with { PatientId = "P1", PatientName = "Doe^Jane", StudyDate = "20240115", StudyTime = "101500", AccessionNumber = "A1", Modality = "CT", StudyDescription = "CHEST" },
            Spec(1, 1, 2) with { PatientId = "P1", PatientName = "Doe^Jane", StudyDate = "20240115", StudyTime = "101500", AccessionNumber = "A1", Modality = "CT", StudyDescription = "CHEST" },
            Spec(1, 2, 1) with { PatientId = "P1", PatientName = "Doe^Jane", StudyDate = "20240115", StudyTime = "101500", AccessionNumber = "A1", Modality = "MR", StudyDescription = "CHEST" },
            Spec(2, 1, 1) with { PatientId = "P1", PatientName = "Doe^Jane", StudyDate = "20240301", StudyTime = "083000", AccessionNumber = "A2", Modality = "MR", StudyDescription = "HEAD [contrast]" },
            Spec(3, 1, 1) with { PatientId = "P2", PatientName = "Müller^Jörg", StudyDate = "20231231", StudyTime = "235959", AccessionNumber = "B7", Modality = "CT", StudyDescription = "ABDOMEN", ReferringPhysician = "Who^Doctor" },
        ];
        foreach (var spec in specs)
        {
            Assert.Equal(IngestOutcome.Stored, (await archive.StoreAsync(spec)).Outcome);
        }

        return archive;
    }

    private Task<TestArchive> QueryFixtureAsync() => QueryFixtureAsync(ArchiveAsync);

    private static string[] Values(IEnumerable<DicomDataset> results, DicomTag tag) => [.. results.Select(r => r.GetString(tag) ?? string.Empty).Order(StringComparer.Ordinal)];

    [Fact]
    public async Task Patient_level_by_Patient_ID_returns_counts()
    {
        await using var archive = await QueryFixtureAsync();

        var results = await archive.FindAsync(
            Identifiers.Level("PATIENT", (DicomTags.PatientID, DicomVR.LO, "P1"), (DicomTags.PatientName, DicomVR.PN, ""), (DicomTags.NumberOfPatientRelatedStudies, DicomVR.IS, ""), (DicomTags.NumberOfPatientRelatedSeries, DicomVR.IS, ""), (DicomTags.NumberOfPatientRelatedInstances, DicomVR.IS, "")),
            QueryRoot.PatientRoot);

        var patient = Assert.Single(results);
        Assert.Equal("PATIENT", patient.GetString(DicomTags.QueryRetrieveLevel));
        Assert.Equal("Doe^Jane", patient.GetString(DicomTags.PatientName));
        Assert.Equal("2", patient.GetString(DicomTags.NumberOfPatientRelatedStudies));
        Assert.Equal("3", patient.GetString(DicomTags.NumberOfPatientRelatedSeries));
        Assert.Equal("4", patient.GetString(DicomTags.NumberOfPatientRelatedInstances));
    }

    [Theory]
    [InlineData("doe*", true, 2)]
    [InlineData("Doe*", false, 2)]
    [InlineData("doe*", false, 0)]
    [InlineData("MÜLLER^JÖRG", true, 1)]
    [InlineData("?oe^Jane", true, 2)]
    [InlineData("*^J*", true, 3)]
    [InlineData("Doe^Jane", false, 2)]
    public async Task Person_names_match_by_wildcard_with_or_without_case(string pattern, bool caseInsensitive, int studies)
    {
        await using var archive = await QueryFixtureAsync();

        var results = await archive.FindAsync(Identifiers.Level("STUDY", (DicomTags.PatientName, DicomVR.PN, pattern)), caseInsensitive: caseInsensitive);

        Assert.Equal(studies, results.Count);
    }

    /// <summary>
    /// PS3.5 6.2.1.1: trailing empty components and groups may be left out, so "Doe^John^^^" as stored is "Doe^John" as
    /// asked (and the other way round), in the index's columns and in the stored header alike; the name comes back as stored.
    /// </summary>
    [Theory]
    [InlineData("Doe^John^^^", "doe^john")]
    [InlineData("Doe^John", "DOE^JOHN^^=")]
    [InlineData("Doe^John^^^=", "Doe^John^")]
    public async Task Person_names_match_without_their_trailing_empty_components(string stored, string asked)
    {
        await using var archive = await ArchiveAsync();
        Assert.Equal(IngestOutcome.Stored, (await archive.StoreAsync(Spec(1) with { PatientName = stored, ReferringPhysician = stored, OperatorsName = stored })).Outcome);

        var byPatient = await archive.FindAsync(Identifiers.Level("STUDY", (DicomTags.PatientName, DicomVR.PN, asked)));
        var byReferring = await archive.FindAsync(Identifiers.Level("STUDY", (DicomTags.ReferringPhysicianName, DicomVR.PN, asked)));
        var byStoredHeader = await archive.FindAsync(Identifiers.Level("IMAGE", (DicomTags.StudyInstanceUID, DicomVR.UI, Spec(1).StudyUid), (DicomTags.OperatorsName, DicomVR.PN, asked)));

        Assert.Equal(stored, Assert.Single(byPatient).GetString(DicomTags.PatientName));
        Assert.Single(byReferring);
        Assert.Single(byStoredHeader);
    }

    [Theory]
    [InlineData("20240115", 1)]
    [InlineData("20240101-20240331", 2)]
    [InlineData("20240116-", 1)]
    [InlineData("-20240115", 2)]
    [InlineData("20250101-", 0)]
    public async Task Study_date_matches_single_values_and_ranges_open_at_either_end(string range, int studies)
    {
        await using var archive = await QueryFixtureAsync();

        var results = await archive.FindAsync(Identifiers.Level("STUDY", (DicomTags.StudyDate, DicomVR.DA, range), (DicomTags.StudyInstanceUID, DicomVR.UI, "")));

        Assert.Equal(studies, results.Count);
    }

    [Theory]
    [InlineData("1015", 1)]
    [InlineData("080000-110000", 2)]
    [InlineData("2300-", 1)]
    [InlineData("-0830", 1)]
    public async Task Study_time_matches_by_range(string range, int studies)
    {
        await using var archive = await QueryFixtureAsync();

        var results = await archive.FindAsync(Identifiers.Level("STUDY", (DicomTags.StudyTime, DicomVR.TM, range)));

        Assert.Equal(studies, results.Count);
    }

    [Theory]
    [InlineData("20231231-20240115", "2300-1100", true, 2)] // 2023-12-31 23:00 to 2024-01-15 11:00: studies 3 (23:59:59) and 1 (10:15)
    [InlineData("20231231-20240115", "2300-1100", false, 0)] // apart: 23:00-11:00 crosses midnight and matches no time (C.2.2.2.5)
    [InlineData("20240115-", "1100-", true, 1)] // from 2024-01-15 11:00: study 2 only, study 1 is at 10:15
    [InlineData("20240115-", "1100-", false, 0)] // apart: no study on or after the 15th is at 11:00 or later
    [InlineData("-20240115", "-1000", true, 1)] // up to 2024-01-15 10:00:59: study 3 only
    [InlineData("20240115", "1000-1100", true, 1)] // a single date with a time range: the same as apart
    [InlineData("20240115", "1000-1100", false, 1)]
    public async Task Combined_date_time_matching_makes_study_date_and_time_one_range(string dates, string times, bool combined, int studies)
    {
        await using var archive = await QueryFixtureAsync();
        var identifier = Identifiers.Level("STUDY", (DicomTags.StudyDate, DicomVR.DA, dates), (DicomTags.StudyTime, DicomVR.TM, times), (DicomTags.StudyInstanceUID, DicomVR.UI, ""));

        var results = await archive.FindAsync(identifier, combinedDateTime: combined);

        Assert.Equal(studies, results.Count);
    }

    [Fact]
    public async Task Study_level_returns_computed_attributes_and_keys_from_the_stored_attributes()
    {
        await using var archive = await QueryFixtureAsync();

        var results = await archive.FindAsync(Identifiers.Level(
            "STUDY",
            (DicomTags.AccessionNumber, DicomVR.SH, "A1"),
            (DicomTags.ModalitiesInStudy, DicomVR.CS, ""),
            (DicomTags.NumberOfStudyRelatedSeries, DicomVR.IS, ""),
            (DicomTags.NumberOfStudyRelatedInstances, DicomVR.IS, ""),
            (DicomTags.StationName, DicomVR.SH, ""),
            (DicomTags.OperatorsName, DicomVR.PN, ""),
            (DicomTags.PatientName, DicomVR.PN, "")));

        var study = Assert.Single(results);
        Assert.Equal(["CT", "MR"], study.GetStrings(DicomTags.ModalitiesInStudy));
        Assert.Equal("2", study.GetString(DicomTags.NumberOfStudyRelatedSeries));
        Assert.Equal("3", study.GetString(DicomTags.NumberOfStudyRelatedInstances));
        Assert.Equal("CT01", study.GetString(DicomTags.StationName));
        Assert.True(study.Contains(DicomTags.OperatorsName));
        Assert.Equal(string.Empty, study.GetString(DicomTags.OperatorsName));
        Assert.Equal(Spec(1).StudyUid, study.GetString(DicomTags.StudyInstanceUID));
        Assert.Equal("Doe^Jane", study.GetString(DicomTags.PatientName));
    }

    [Fact]
    public async Task Modalities_in_study_matches_any_listed_modality()
    {
        await using var archive = await QueryFixtureAsync();

        Assert.Equal(2, (await archive.FindAsync(Identifiers.Level("STUDY", (DicomTags.ModalitiesInStudy, DicomVR.CS, "CT")))).Count);
        Assert.Equal(3, (await archive.FindAsync(Identifiers.Level("STUDY", (DicomTags.ModalitiesInStudy, DicomVR.CS, "CT\\MR")))).Count);
        Assert.Empty(await archive.FindAsync(Identifiers.Level("STUDY", (DicomTags.ModalitiesInStudy, DicomVR.CS, "US"))));
    }

    /// <summary>
    /// SOP Classes in Study (PS3.4 C.6.2.1.2): each class of the study's instances once, in UID order; a study matches
    /// when it holds an instance of any listed class.
    /// </summary>
    [Fact]
    public async Task Sop_classes_in_study_lists_and_matches_the_classes_of_its_instances()
    {
        await using var archive = await ArchiveAsync();
        Instances.Spec[] specs =
        [
            Spec(1, 1, 1) with { SopClassUid = DicomUids.MRImageStorage, Modality = "MR" },
            Spec(1, 1, 2) with { SopClassUid = DicomUids.MRImageStorage, Modality = "MR" },
            Spec(1, 2, 1) with { SopClassUid = DicomUids.BasicTextSRStorage, Modality = "SR" },
            Spec(2, 1, 1),
        ];
        foreach (var spec in specs)
        {
            Assert.Equal(IngestOutcome.Stored, (await archive.StoreAsync(spec)).Outcome);
        }

        var studies = await archive.FindAsync(Identifiers.Level("STUDY", (DicomTags.SOPClassesInStudy, DicomVR.UI, ""), (DicomTags.StudyInstanceUID, DicomVR.UI, "")));
        var reports = await archive.FindAsync(Identifiers.Level("STUDY", (DicomTags.SOPClassesInStudy, DicomVR.UI, DicomUids.BasicTextSRStorage)));
        var either = await archive.FindAsync(Identifiers.Level("STUDY", (DicomTags.SOPClassesInStudy, DicomVR.UI, $"{DicomUids.BasicTextSRStorage}\\{DicomUids.CTImageStorage}")));

        Assert.Equal(
            [DicomUids.MRImageStorage, DicomUids.BasicTextSRStorage],
            Assert.Single(studies, s => s.GetString(DicomTags.StudyInstanceUID) == Spec(1).StudyUid).GetStrings(DicomTags.SOPClassesInStudy));
        Assert.Equal([DicomUids.CTImageStorage], Assert.Single(studies, s => s.GetString(DicomTags.StudyInstanceUID) == Spec(2).StudyUid).GetStrings(DicomTags.SOPClassesInStudy));
        Assert.Equal([Spec(1).StudyUid], Values(reports, DicomTags.StudyInstanceUID));
        Assert.Equal(2, either.Count);

        // A new version of another class adds its class; the older version is kept (DuplicatePolicy.KeepBoth), and so is its class.
        Assert.Equal(IngestOutcome.NewVersion, (await archive.StoreAsync(Spec(2) with { SopClassUid = DicomUids.MRImageStorage, Seed = 1 })).Outcome);
        var versioned = await archive.FindAsync(Identifiers.Level("STUDY", (DicomTags.StudyInstanceUID, DicomVR.UI, Spec(2).StudyUid), (DicomTags.SOPClassesInStudy, DicomVR.UI, "")));
        Assert.Equal([DicomUids.CTImageStorage, DicomUids.MRImageStorage], Assert.Single(versioned).GetStrings(DicomTags.SOPClassesInStudy));
    }

    [Fact]
    public async Task UID_lists_match_any_listed_UID()
    {
        await using var archive = await QueryFixtureAsync();

        var results = await archive.FindAsync(Identifiers.Level("STUDY", (DicomTags.StudyInstanceUID, DicomVR.UI, $"{Spec(1).StudyUid}\\{Spec(3).StudyUid}\\1.2.3")));

        Assert.Equal([Spec(1).StudyUid, Spec(3).StudyUid], Values(results, DicomTags.StudyInstanceUID));
    }

    [Fact]
    public async Task Wildcard_text_is_case_sensitive_and_brackets_are_literal()
    {
        await using var archive = await QueryFixtureAsync();

        Assert.Single(await archive.FindAsync(Identifiers.Level("STUDY", (DicomTags.StudyDescription, DicomVR.LO, "HEAD [c*"))));
        Assert.Empty(await archive.FindAsync(Identifiers.Level("STUDY", (DicomTags.StudyDescription, DicomVR.LO, "head*"))));
        Assert.Equal(2, (await archive.FindAsync(Identifiers.Level("STUDY", (DicomTags.AccessionNumber, DicomVR.SH, "A?")))).Count);
    }

    [Fact]
    public async Task Series_level_within_a_study_by_modality()
    {
        await using var archive = await QueryFixtureAsync();

        var results = await archive.FindAsync(Identifiers.Level(
            "SERIES",
            (DicomTags.StudyInstanceUID, DicomVR.UI, Spec(1).StudyUid),
            (DicomTags.Modality, DicomVR.CS, "CT"),
            (DicomTags.NumberOfSeriesRelatedInstances, DicomVR.IS, "")));

        var series = Assert.Single(results);
        Assert.Equal("SERIES", series.GetString(DicomTags.QueryRetrieveLevel));
        Assert.Equal(Spec(1, 1).SeriesUid, series.GetString(DicomTags.SeriesInstanceUID));
        Assert.Equal("2", series.GetString(DicomTags.NumberOfSeriesRelatedInstances));
    }

    [Fact]
    public async Task Image_level_in_instance_number_order_with_return_keys_from_the_instance()
    {
        await using var archive = await QueryFixtureAsync();

        var results = await archive.FindAsync(Identifiers.Level(
            "IMAGE",
            (DicomTags.SeriesInstanceUID, DicomVR.UI, Spec(1, 1).SeriesUid),
            (DicomTags.InstanceNumber, DicomVR.IS, ""),
            (DicomTags.SOPClassUID, DicomVR.UI, ""),
            (DicomTags.Rows, DicomVR.US, "")));

        Assert.Equal(["1", "2"], results.Select(r => r.GetString(DicomTags.InstanceNumber)!));
        Assert.All(results, r => Assert.Equal(DicomUids.CTImageStorage, r.GetString(DicomTags.SOPClassUID)));
        Assert.All(results, r => Assert.Equal((ushort)16, r.GetValue<ushort>(DicomTags.Rows)));
        Assert.Equal([Spec(1, 1, 1).SopUid, Spec(1, 1, 2).SopUid], results.Select(r => r.GetString(DicomTags.SOPInstanceUID)!));
    }

    [Fact]
    public async Task Patient_root_study_level_matches_patient_keys()
    {
        await using var archive = await QueryFixtureAsync();

        var results = await archive.FindAsync(Identifiers.Level("STUDY", (DicomTags.PatientID, DicomVR.LO, "P2"), (DicomTags.StudyDescription, DicomVR.LO, "")), QueryRoot.PatientRoot);

        Assert.Equal("ABDOMEN", Assert.Single(results).GetString(DicomTags.StudyDescription));
    }

    [Fact]
    public async Task Universal_matching_returns_everything_up_to_the_limit()
    {
        await using var archive = await QueryFixtureAsync();

        Assert.Equal(3, (await archive.FindAsync(Identifiers.Level("STUDY", (DicomTags.PatientName, DicomVR.PN, "*")))).Count);
        Assert.Equal(2, (await archive.FindAsync(Identifiers.Level("STUDY"), limit: 2)).Count);
        Assert.Equal(5, (await archive.FindAsync(Identifiers.Level("IMAGE"))).Count);
    }

    /// <summary>Five instances in two studies; station, operator and procedure code are stored, not indexed.</summary>
    private async Task<TestArchive> StoredKeyFixtureAsync()
    {
        var archive = await ArchiveAsync();
        Instances.Spec[] specs =
        [
            Spec(1, 1, 1) with { StationName = "CT01", ProcedureCode = "24627-2" },
            Spec(1, 1, 2) with { StationName = "CT01", ProcedureCode = "24627-2" },
            Spec(1, 2, 1) with { StationName = "MR7", Modality = "MR", ProcedureCode = "24627-2" },
            Spec(2, 1, 1) with { StationName = "ct02", Rows = 32, Columns = 32 },
            Spec(2, 1, 2) with { StationName = "CT03", Rows = 32, Columns = 32, ProcedureCode = "30746-2" },
        ];
        foreach (var spec in specs)
        {
            Assert.Equal(IngestOutcome.Stored, (await archive.StoreAsync(spec)).Outcome);
        }

        return archive;
    }

    [Theory]
    [InlineData("CT01", "CT01 CT01")]
    [InlineData("CT0*", "CT01 CT01 CT03")] // wildcards are case-sensitive outside PN (C.2.2.2.4): ct02 is not CT0*
    [InlineData("?T0?", "CT01 CT01 CT03")]
    [InlineData("MR7", "MR7")]
    [InlineData("US1", "")]
    [InlineData("*", "CT01 CT01 CT03 MR7 ct02")]
    public async Task Image_level_matches_a_key_the_index_does_not_store(string station, string stations)
    {
        await using var archive = await StoredKeyFixtureAsync();

        var results = await archive.FindAsync(Identifiers.Level("IMAGE", (DicomTags.StationName, DicomVR.SH, station)));

        Assert.Equal(stations, string.Join(' ', Values(results, DicomTags.StationName)));
    }

    [Fact]
    public async Task Stored_keys_combine_with_indexed_keys_binary_numbers_and_the_limit()
    {
        await using var archive = await StoredKeyFixtureAsync();

        Assert.Equal([Spec(2, 1, 2).SopUid], Values(await archive.FindAsync(Identifiers.Level("IMAGE", (DicomTags.StudyInstanceUID, DicomVR.UI, Spec(2).StudyUid), (DicomTags.StationName, DicomVR.SH, "CT*"))), DicomTags.SOPInstanceUID));
        Assert.Equal(2, (await archive.FindAsync(RowsKey(32))).Count);
        Assert.Equal(3, (await archive.FindAsync(RowsKey(16))).Count);

        // The limit counts matches after the filter, not candidates before it.
        Assert.Equal(2, (await archive.FindAsync(Identifiers.Level("IMAGE", (DicomTags.StationName, DicomVR.SH, "CT0*")), limit: 2)).Count);
    }

    private static DicomDataset RowsKey(ushort rows)
    {
        var identifier = Identifiers.Level("IMAGE");
        identifier.AddOrUpdate(DicomTags.Rows, DicomVR.US, rows);
        return identifier;
    }

    [Fact]
    public async Task Study_and_series_levels_match_stored_keys_on_the_representative_instance()
    {
        await using var archive = await StoredKeyFixtureAsync();

        // Each series' and study's representative is its first stored instance.
        Assert.Equal([Spec(1, 2).SeriesUid], Values(await archive.FindAsync(Identifiers.Level("SERIES", (DicomTags.StationName, DicomVR.SH, "MR*"))), DicomTags.SeriesInstanceUID));
        Assert.Equal([Spec(1).StudyUid], Values(await archive.FindAsync(Identifiers.Level("STUDY", (DicomTags.StationName, DicomVR.SH, "CT01"))), DicomTags.StudyInstanceUID));
        Assert.Equal([Spec(2).StudyUid], Values(await archive.FindAsync(Identifiers.Level("STUDY", (DicomTags.StationName, DicomVR.SH, "ct02"))), DicomTags.StudyInstanceUID));
    }

    [Theory]
    [InlineData("24627-2", "LN", 3)]
    [InlineData("24627-2", "", 3)] // an empty key in the item is a return key
    [InlineData("24627-2", "SRT", 0)] // every key of the item must match the same stored item
    [InlineData("30746-2", "LN", 1)]
    [InlineData("", "", 5)] // an item without values: universal (C.2.2.2.6)
    public async Task Sequence_matching_needs_one_stored_item_matching_every_key_of_the_query_item(string code, string scheme, int instances)
    {
        await using var archive = await StoredKeyFixtureAsync();
        var item = new DicomDataset();
        item.AddOrUpdate(DicomTags.CodeValue, DicomVR.SH, code);
        item.AddOrUpdate(DicomTags.CodingSchemeDesignator, DicomVR.SH, scheme);
        var identifier = Identifiers.Level("IMAGE");
        identifier.Add(new DicomSequence(DicomTags.ProcedureCodeSequence, [item]));

        var results = await archive.FindAsync(identifier);

        Assert.Equal(instances, results.Count);
        Assert.All(results.Where(r => r.Contains(DicomTags.ProcedureCodeSequence) && code.Length > 0), r => Assert.Equal(code, ((DicomSequence)r[DicomTags.ProcedureCodeSequence]!).Items[0].GetString(DicomTags.CodeValue)));

        // Each returned item carries the request item's attributes only (Code Meaning was stored, not asked for).
        var items = results.Select(r => r[DicomTags.ProcedureCodeSequence]).OfType<DicomSequence>().SelectMany(q => q.Items).ToList();
        Assert.Equal(instances > 0, items.Count > 0);
        Assert.All(items, i => Assert.Equal([DicomTags.CodeValue, DicomTags.CodingSchemeDesignator], i.Select(e => e.Tag)));
    }

    [Fact]
    public async Task A_sequence_return_key_with_an_empty_item_returns_the_stored_items_whole()
    {
        await using var archive = await StoredKeyFixtureAsync();
        var identifier = Identifiers.Level("IMAGE", (DicomTags.SOPInstanceUID, DicomVR.UI, Spec(1, 1, 1).SopUid));
        identifier.Add(new DicomSequence(DicomTags.ProcedureCodeSequence, [new DicomDataset()]));

        var result = Assert.Single(await archive.FindAsync(identifier));

        var item = Assert.Single(((DicomSequence)result[DicomTags.ProcedureCodeSequence]!).Items);
        Assert.Equal("Procedure 24627-2", item.GetString(DicomTags.CodeMeaning));
    }

    [Fact]
    public async Task A_stored_key_query_past_its_candidate_cap_fails_instead_of_truncating()
    {
        await using var archive = await StoredKeyFixtureAsync();
        Assert.True(ArchiveQuery.TryFromIdentifier(Identifiers.Level("IMAGE", (DicomTags.StationName, DicomVR.SH, "MR7")), QueryRoot.StudyRoot, out var query, out _));
        var capped = new QueryService(archive.Index, maxFilteredCandidates: 4);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(async () =>
        {
            await foreach (var unused in capped.FindAsync(query!))
            {
            }
        });

        Assert.Contains("StationName", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Wildcards_in_UIDs_and_multi_item_sequence_keys_are_refused_and_counts_are_not_matched()
    {
        Assert.False(ArchiveQuery.TryFromIdentifier(Identifiers.Level("STUDY", (DicomTags.StudyInstanceUID, DicomVR.UI, "1.2.3.?")), QueryRoot.StudyRoot, out _, out var error));
        Assert.Contains("UID", error, StringComparison.Ordinal);
        Assert.False(ArchiveQuery.TryFromIdentifier(Identifiers.Level("IMAGE", (DicomTags.ReferencedSOPInstanceUID, DicomVR.UI, "1.2.*")), QueryRoot.StudyRoot, out _, out _));
        var twoItems = Identifiers.Level("IMAGE");
        twoItems.Add(new DicomSequence(DicomTags.ProcedureCodeSequence, [new DicomDataset(), new DicomDataset()]));
        Assert.False(ArchiveQuery.TryFromIdentifier(twoItems, QueryRoot.StudyRoot, out _, out error));
        Assert.Contains("single item", error, StringComparison.Ordinal);

        Assert.True(ArchiveQuery.TryFromIdentifier(Identifiers.Level("STUDY", (DicomTags.NumberOfStudyRelatedInstances, DicomVR.IS, "3")), QueryRoot.StudyRoot, out var counted, out _));
        Assert.Equal([DicomTags.NumberOfStudyRelatedInstances], counted!.UnmatchedKeys);
        Assert.True(ArchiveQuery.TryFromIdentifier(Identifiers.Level("STUDY", (DicomTags.StudyInstanceUID, DicomVR.UI, "*")), QueryRoot.StudyRoot, out var universal, out _));
        Assert.Empty(universal!.Keys);
    }

    [Theory]
    [InlineData("P2", "ISO_IR 100", "ISO_IR 100", new byte[] { 0x4D, 0xFC, 0x6C, 0x6C, 0x65, 0x72, 0x5E, 0x4A, 0xF6, 0x72, 0x67 })] // Müller^Jörg in Latin-1
    [InlineData("P2", null, "ISO_IR 192", new byte[] { 0x4D, 0xC3, 0xBC, 0x6C, 0x6C, 0x65, 0x72, 0x5E, 0x4A, 0xC3, 0xB6, 0x72, 0x67 })] // not ASCII: UTF-8
    [InlineData("P1", null, null, new byte[] { 0x44, 0x6F, 0x65, 0x5E, 0x4A, 0x61, 0x6E, 0x65 })] // ASCII: the default repertoire, no (0008,0005)
    [InlineData("P3", "ISO_IR 100", "ISO_IR 192", new byte[] { 0x57, 0x61, 0x6E, 0x67, 0x5E, 0x58, 0x69, 0x61, 0x6F, 0x3D, 0xE7, 0x8E, 0x8B, 0x5E, 0xE5, 0xB0, 0x8F })] // Wang^Xiao=王^小: Latin-1 cannot
    [InlineData("P3", "ISO_IR 192", "ISO_IR 192", new byte[] { 0x57, 0x61, 0x6E, 0x67, 0x5E, 0x58, 0x69, 0x61, 0x6F, 0x3D, 0xE7, 0x8E, 0x8B, 0x5E, 0xE5, 0xB0, 0x8F })]
    public async Task Results_use_the_query_character_set_when_it_holds_every_value_else_UTF_8(string patientId, string? queryCharset, string? resultCharset, byte[] nameBytes)
    {
        await using var archive = await QueryFixtureAsync();
        Assert.Equal(IngestOutcome.Stored, (await archive.StoreAsync(Spec(4) with { PatientId = "P3", PatientName = "Wang^Xiao=王^小" })).Outcome);
        var identifier = new DicomDataset();
        if (queryCharset is not null)
        {
            identifier.AddOrUpdate(DicomTags.SpecificCharacterSet, DicomVR.CS, queryCharset);
        }

        identifier.AddOrUpdate(DicomTags.QueryRetrieveLevel, DicomVR.CS, "PATIENT");
        identifier.AddOrUpdate(DicomTags.PatientID, DicomVR.LO, patientId);
        identifier.AddOrUpdate(DicomTags.PatientName, DicomVR.PN, string.Empty);

        var patient = Assert.Single(await archive.FindAsync(identifier, QueryRoot.PatientRoot));

        Assert.Equal(resultCharset, patient.GetString(DicomTags.SpecificCharacterSet));
        var name = Assert.IsType<DicomValueElement>(patient[DicomTags.PatientName]).Value.Load().ToArray();
        Assert.Equal(nameBytes, name.Length > nameBytes.Length ? name[..^1] : name); // even length: one pad byte
    }

    [Fact]
    public async Task Empty_value_matching_finds_entities_without_a_value_when_negotiated()
    {
        await using var archive = await QueryFixtureAsync();
        Assert.Equal(IngestOutcome.Stored, (await archive.StoreAsync(Spec(5) with { PatientId = "P5", AccessionNumber = string.Empty, StationName = string.Empty })).Outcome);
        const string empty = "\"\"";

        Assert.Equal([Spec(5).StudyUid], Values(await archive.FindAsync(Identifiers.Level("STUDY", (DicomTags.AccessionNumber, DicomVR.SH, empty)), emptyValue: true), DicomTags.StudyInstanceUID));
        Assert.Equal([Spec(5).SopUid], Values(await archive.FindAsync(Identifiers.Level("IMAGE", (DicomTags.StationName, DicomVR.SH, empty)), emptyValue: true), DicomTags.SOPInstanceUID));

        // Not negotiated: "" is a value like any other, and nothing has it.
        Assert.Empty(await archive.FindAsync(Identifiers.Level("STUDY", (DicomTags.AccessionNumber, DicomVR.SH, empty))));
        Assert.Empty(await archive.FindAsync(Identifiers.Level("IMAGE", (DicomTags.StationName, DicomVR.SH, empty))));
    }

    [Fact]
    public async Task Multiple_value_matching_matches_any_value_when_negotiated()
    {
        await using (var archive = await QueryFixtureAsync())
        {
            Assert.Equal(4, (await archive.FindAsync(Identifiers.Level("SERIES", (DicomTags.Modality, DicomVR.CS, "CT\\MR")), multipleValue: true)).Count);
            Assert.Empty(await archive.FindAsync(Identifiers.Level("SERIES", (DicomTags.Modality, DicomVR.CS, "CT\\MR"))));
            Assert.Equal([Spec(1).StudyUid, Spec(2).StudyUid], Values(await archive.FindAsync(Identifiers.Level("STUDY", (DicomTags.StudyDate, DicomVR.DA, "20240115\\20240301-")), multipleValue: true), DicomTags.StudyInstanceUID));
            Assert.Equal(3, (await archive.FindAsync(Identifiers.Level("STUDY", (DicomTags.AccessionNumber, DicomVR.SH, "A?\\B7")), multipleValue: true)).Count);
        }

        await using var stored = await StoredKeyFixtureAsync();
        Assert.Equal("CT01 CT01 MR7", string.Join(' ', Values(await stored.FindAsync(Identifiers.Level("IMAGE", (DicomTags.StationName, DicomVR.SH, "CT01\\MR7")), multipleValue: true), DicomTags.StationName)));
    }

    [Theory]
    [InlineData("7", 1)]
    [InlineData("+7", 1)]
    [InlineData("0007", 1)]
    [InlineData("8", 0)]
    public async Task Integer_strings_match_by_value(string number, int instances)
    {
        await using var archive = await ArchiveAsync();
        Assert.Equal(IngestOutcome.Stored, (await archive.StoreAsync(Spec(1) with { InstanceNumber = "007", Frames = 2 })).Outcome);
        var frames = number.Replace('7', '2');

        Assert.Equal(instances, (await archive.FindAsync(Identifiers.Level("IMAGE", (DicomTags.InstanceNumber, DicomVR.IS, number)))).Count);

        // Number of Frames is not indexed: the stored "2" is matched by value too.
        Assert.Equal(instances, (await archive.FindAsync(Identifiers.Level("IMAGE", (DicomTags.NumberOfFrames, DicomVR.IS, frames)))).Count);
    }

    [Fact]
    public void Keys_below_the_query_level_and_unknown_levels_are_refused()
    {
        Assert.False(ArchiveQuery.TryFromIdentifier(Identifiers.Level("STUDY", (DicomTags.SOPInstanceUID, DicomVR.UI, "1.2.3")), QueryRoot.StudyRoot, out _, out var error));
        Assert.Contains("SOPInstanceUID", error, StringComparison.Ordinal);
        Assert.False(ArchiveQuery.TryFromIdentifier(Identifiers.Level("PATIENT"), QueryRoot.StudyRoot, out _, out _));
        Assert.False(ArchiveQuery.TryFromIdentifier(Identifiers.Level("FRAME"), QueryRoot.PatientRoot, out _, out _));
    }

    [Fact]
    public async Task Retrieve_lists_the_current_instances_of_a_study_in_order()
    {
        await using var archive = await QueryFixtureAsync();

        var instances = await archive.Index.ListInstancesAsync(Spec(1).StudyUid, null, null, CancellationToken.None).ToListAsync();

        Assert.Equal([Spec(1, 1, 1).SopUid, Spec(1, 1, 2).SopUid, Spec(1, 2, 1).SopUid], instances.Select(i => i.SopInstanceUid));
        Assert.All(instances, i => Assert.True(archive.Blobs.Exists(i.Location.RelativePath)));
    }

    [Fact]
    public async Task Four_parallel_ingesters_store_200_instances_each()
    {
        await using var archive = await ArchiveAsync();

        var results = await Task.WhenAll(Enumerable.Range(0, 4).Select(worker => Task.Run(async () =>
        {
            var outcomes = new List<IngestOutcome>();
            for (var i = 0; i < 200; i++)
            {
                outcomes.Add((await archive.StoreAsync(Spec(100 + worker, i % 4, i) with { Rows = 8, Columns = 8 })).Outcome);
            }

            return outcomes;
        })));

        Assert.All(results.SelectMany(r => r), outcome => Assert.Equal(IngestOutcome.Stored, outcome));
        Assert.Equal(new IndexCounts(1, 4, 16, 800, 800), await archive.Index.CountAsync(CancellationToken.None));
        var studies = await archive.FindAsync(Identifiers.Level("STUDY", (DicomTags.NumberOfStudyRelatedInstances, DicomVR.IS, "")));
        Assert.All(studies, s => Assert.Equal("200", s.GetString(DicomTags.NumberOfStudyRelatedInstances)));
    }

    [Fact]
    public async Task Concurrent_ingests_of_one_instance_store_it_once()
    {
        await using var archive = await ArchiveAsync();
        var bytes = Instances.Part10(Spec(1));

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => archive.StoreAsync(bytes))));

        Assert.Single(results, r => r.Outcome == IngestOutcome.Stored);
        Assert.All(results, r => Assert.True(r.IsSuccess));
        Assert.Single(archive.StoredFiles());
        Assert.Equal(new IndexCounts(1, 1, 1, 1, 1), await archive.Index.CountAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Cancelled_ingest_and_query_leave_nothing_behind()
    {
        await using var archive = await QueryFixtureAsync();
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        var result = await archive.StoreAsync(Instances.Part10(Spec(9)), cancelled.Token);

        Assert.Equal(ArchiveStatuses.Cancelled, result.Status);
        Assert.Empty(archive.TemporaryFiles());
        Assert.Null(await archive.Index.FindInstanceAsync(Spec(9).SopUid, CancellationToken.None));
        Assert.True(ArchiveQuery.TryFromIdentifier(Identifiers.Level("IMAGE"), QueryRoot.StudyRoot, out var query, out _));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var match in archive.Query.FindAsync(query!, cancelled.Token))
            {
                Assert.Fail("no result after cancellation");
            }
        });
    }
}
