using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Tessera.Archive.Index;
using Tessera.Server.Tests.Support;

namespace Tessera.Server.Tests;

/// <summary>
/// C-STORE with storescu, then C-FIND with findscu in both information models at every level, each key type of PS3.4
/// C.2.2.2 (single value, wildcard, range, UID list); the expected matches are computed from the files themselves.
/// </summary>
[Collection(ServedArchiveCollection.Name)]
public sealed class FindTests(ServedArchive archive)
{
    private const string PatientRoot = "-P";
    private const string StudyRoot = "-S";

    [DcmtkFact]
    public async Task StorescuStoresEveryFileInItsTransferSyntax()
    {
        Assert.True(archive.StoreExitCode == 0, archive.StoreOutput);
        var index = archive.Services.GetRequiredService<IIndexStore>();
        foreach (var instance in archive.Instances)
        {
            var stored = await index.FindInstanceAsync(instance.SopInstanceUid, CancellationToken.None);
            Assert.True(stored is not null, $"{instance.File} was not stored: {archive.StoreOutput}");
            Assert.Equal(instance.TransferSyntaxUid, stored.Location.TransferSyntaxUid);
            Assert.Equal(instance.SopClassUid, stored.SopClassUid);
        }

        var counts = await index.CountAsync(CancellationToken.None);
        Assert.Equal(archive.Instances.Count, counts.Instances);
    }

    [DcmtkFact]
    public async Task PatientLevelReturnsEveryPatient()
    {
        var (matches, log) = await archive.FindAsync(PatientRoot, "QueryRetrieveLevel=PATIENT", "PatientID", "PatientName");

        Assert.Equal(archive.Instances.Select(i => i.PatientId).ToHashSet(), Values(matches, DicomTags.PatientID));
        Assert.Contains("Received Final Find Response (Success)", log, StringComparison.Ordinal);
    }

    [DcmtkFact]
    public async Task StudyLevelWildcardOnPatientNameIgnoresCase()
    {
        var (matches, _) = await archive.FindAsync(StudyRoot, "QueryRetrieveLevel=STUDY", "PatientName=compressed*", "StudyInstanceUID");

        var expected = archive.Instances.Where(i => i.PatientName.StartsWith("compressed", StringComparison.OrdinalIgnoreCase)).Select(i => i.StudyInstanceUid).ToHashSet();
        Assert.Equal(2, expected.Count);
        Assert.Equal(expected, Values(matches, DicomTags.StudyInstanceUID));
    }

    [DcmtkFact]
    public async Task StudyLevelDateRange()
    {
        var (matches, _) = await archive.FindAsync(StudyRoot, "QueryRetrieveLevel=STUDY", "StudyDate=20030101-20141231", "StudyInstanceUID");

        var expected = archive.Instances
            .Where(i => Regex.IsMatch(i.StudyDate, "^[0-9]{8}$") && string.CompareOrdinal(i.StudyDate, "20030101") >= 0 && string.CompareOrdinal(i.StudyDate, "20141231") <= 0)
            .Select(i => i.StudyInstanceUid).ToHashSet();
        Assert.True(expected.Count >= 4);
        Assert.Equal(expected, Values(matches, DicomTags.StudyInstanceUID));
    }

    [DcmtkFact]
    public async Task PatientRootStudyLevelSingleValuePatientId()
    {
        var (matches, _) = await archive.FindAsync(PatientRoot, "QueryRetrieveLevel=STUDY", "PatientID=crlab", "StudyInstanceUID", "StudyDate");

        var expected = archive.Instances.Where(i => i.PatientId == "crlab").Select(i => i.StudyInstanceUid).ToHashSet();
        Assert.Equal(expected, Values(matches, DicomTags.StudyInstanceUID));
        Assert.All(matches, m => Assert.Equal("20140310", m.GetString(DicomTags.StudyDate)));
    }

    [DcmtkFact]
    public async Task SeriesLevelOfOneStudy()
    {
        var study = archive.Instances.First(i => i.PatientId == "crlab").StudyInstanceUid;

        var (matches, _) = await archive.FindAsync(StudyRoot, "QueryRetrieveLevel=SERIES", $"StudyInstanceUID={study}", "SeriesInstanceUID", "Modality");

        var expected = archive.Instances.Where(i => i.StudyInstanceUid == study).Select(i => i.SeriesInstanceUid).ToHashSet();
        Assert.Equal(expected, Values(matches, DicomTags.SeriesInstanceUID));
        Assert.All(matches, m => Assert.Equal("MR", m.GetString(DicomTags.Modality)));
    }

    [DcmtkFact]
    public async Task PatientRootSeriesLevelByModality()
    {
        var (matches, _) = await archive.FindAsync(PatientRoot, "QueryRetrieveLevel=SERIES", "PatientID", "StudyInstanceUID", "Modality=US", "SeriesInstanceUID");

        var expected = archive.Instances.Where(i => i.Modality == "US").Select(i => i.SeriesInstanceUid).ToHashSet();
        Assert.True(expected.Count >= 3);
        Assert.Equal(expected, Values(matches, DicomTags.SeriesInstanceUID));
    }

    [DcmtkFact]
    public async Task ImageLevelUidList()
    {
        var wanted = archive.Instances.Take(3).Select(i => i.SopInstanceUid).ToList();

        var (matches, _) = await archive.FindAsync(StudyRoot, "QueryRetrieveLevel=IMAGE", $"SOPInstanceUID={string.Join('\\', wanted)}", "SOPClassUID");

        Assert.Equal(wanted.ToHashSet(), Values(matches, DicomTags.SOPInstanceUID));
        Assert.All(matches, m => Assert.Equal(archive.Instances.Single(i => i.SopInstanceUid == m.GetString(DicomTags.SOPInstanceUID)).SopClassUid, m.GetString(DicomTags.SOPClassUID)));
    }

    [DcmtkFact]
    public async Task PatientRootImageLevelEveryInstance()
    {
        var (matches, _) = await archive.FindAsync(PatientRoot, "QueryRetrieveLevel=IMAGE", "PatientID", "SOPInstanceUID");

        Assert.Equal(archive.Instances.Select(i => i.SopInstanceUid).ToHashSet(), Values(matches, DicomTags.SOPInstanceUID));
        Assert.Equal(archive.Instances.Count, matches.Count);
    }

    [DcmtkFact]
    public async Task UnicodeQueryMatchesAGreekName()
    {
        var greek = archive.Instances.Single(i => i.PatientId == "SCSGREEK");

        var (matches, _) = await archive.FindAsync(StudyRoot, "QueryRetrieveLevel=STUDY", "SpecificCharacterSet=ISO_IR 192", $"PatientName={greek.PatientName}", "PatientID");

        var match = Assert.Single(matches);
        Assert.Equal("SCSGREEK", match.GetString(DicomTags.PatientID));
        Assert.Equal(greek.PatientName, match.GetString(DicomTags.PatientName));
    }

    [DcmtkFact]
    public async Task ALatin1QueryIsAnsweredInLatin1WithTheStoredBytes()
    {
        // chr_french_multi.dcm is ISO_IR 100 (Buc^Jérôme): asked in ISO_IR 100, the answer carries the file's own bytes.
        var french = archive.Instances.Single(i => i.PatientId == "SCSFREN");
        var stored = ((DicomValueElement)Tessera.Dicom.IO.DicomFile.Open(french.File).Dataset[DicomTags.PatientName]!).Value.Load().ToArray();

        var (matches, _) = await archive.FindAsync(StudyRoot, "QueryRetrieveLevel=STUDY", "SpecificCharacterSet=ISO_IR 100", "PatientName=Buc^J?r?me", "PatientID");

        var match = Assert.Single(matches);
        Assert.Equal("ISO_IR 100", match.GetString(DicomTags.SpecificCharacterSet));
        Assert.Equal(stored, ((DicomValueElement)match[DicomTags.PatientName]!).Value.Load().ToArray());
        Assert.Equal(french.PatientName, match.GetString(DicomTags.PatientName));
    }

    [DcmtkFact]
    public async Task ALatin1QueryForAGreekNameIsAnsweredInUtf8()
    {
        var greek = archive.Instances.Single(i => i.PatientId == "SCSGREEK");

        var (matches, _) = await archive.FindAsync(StudyRoot, "QueryRetrieveLevel=STUDY", "SpecificCharacterSet=ISO_IR 100", "PatientID=SCSGREEK", "PatientName");

        var match = Assert.Single(matches);
        Assert.Equal("ISO_IR 192", match.GetString(DicomTags.SpecificCharacterSet));
        Assert.Equal(System.Text.Encoding.UTF8.GetBytes(greek.PatientName), ((DicomValueElement)match[DicomTags.PatientName]!).Value.Load().ToArray().AsSpan().TrimEnd((byte)' ').ToArray());
    }

    [DcmtkFact]
    public async Task AKeyBelowTheLevelIsRefusedWithAnErrorComment()
    {
        var (matches, log) = await archive.FindAsync(StudyRoot, "QueryRetrieveLevel=STUDY", "SOPInstanceUID=1.2.3");

        Assert.Empty(matches);
        Assert.Contains("Received Final Find Response (Failed: UnableToProcess)", log, StringComparison.Ordinal);
    }

    [DcmtkFact]
    public async Task ImageLevelMatchesAKeyThatIsNotIndexedOnTheStoredHeader()
    {
        // Station Name has no index column: the index narrows by the rest, the stored header decides, no warning.
        var stations = archive.Instances.ToDictionary(i => i.SopInstanceUid, i => (Tessera.Dicom.IO.DicomFile.Open(i.File, new Tessera.Dicom.IO.DicomReadOptions { StopBeforePixelData = true }).Dataset.GetString(DicomTags.StationName) ?? string.Empty).Trim());
        var station = stations.Values.Where(v => v.Length >= 3).GroupBy(v => v, StringComparer.Ordinal).OrderByDescending(g => g.Count()).First().Key;
        var pattern = station[..2] + "*";

        var (matches, log) = await archive.FindAsync(StudyRoot, "QueryRetrieveLevel=IMAGE", $"StationName={pattern}", "SOPInstanceUID");

        var expected = stations.Where(s => s.Value.StartsWith(station[..2], StringComparison.Ordinal)).Select(s => s.Key).ToHashSet();
        Assert.True(expected.Count >= 1);
        Assert.Equal(expected, Values(matches, DicomTags.SOPInstanceUID));
        Assert.Equal(expected, Values(matches.Where(m => m.GetString(DicomTags.StationName)!.StartsWith(station[..2], StringComparison.Ordinal)), DicomTags.SOPInstanceUID));
        Assert.DoesNotContain("Warning", log, StringComparison.Ordinal);
    }

    /// <summary>
    /// Retrieve AE Title and Instance Availability (PS3.4 C.4.1.1.3.2), which viewers ask for to know where to retrieve
    /// from: every match is here, on line. A value naming another AE or another availability matches nothing.
    /// </summary>
    [DcmtkFact]
    public async Task RetrieveAETitleAndInstanceAvailabilitySayWhereEachMatchIsHeld()
    {
        var studies = archive.Instances.Select(i => i.StudyInstanceUid).ToHashSet();

        var (matches, log) = await archive.FindAsync(StudyRoot, "QueryRetrieveLevel=STUDY", "StudyInstanceUID", "RetrieveAETitle", "InstanceAvailability");
        var (images, _) = await archive.FindAsync(PatientRoot, "QueryRetrieveLevel=IMAGE", "PatientID", "SOPInstanceUID", "RetrieveAETitle=TESS*", "InstanceAvailability=ONLINE");
        var (elsewhere, _) = await archive.FindAsync(StudyRoot, "QueryRetrieveLevel=STUDY", "StudyInstanceUID", "RetrieveAETitle=OTHERPACS");
        var (nearline, _) = await archive.FindAsync(StudyRoot, "QueryRetrieveLevel=STUDY", "StudyInstanceUID", "InstanceAvailability=NEARLINE");

        Assert.Equal(studies, Values(matches, DicomTags.StudyInstanceUID));
        Assert.Equal([ServedArchive.AETitle], Values(matches, DicomTags.RetrieveAETitle));
        Assert.Equal(["ONLINE"], Values(matches, DicomTags.InstanceAvailability));
        Assert.DoesNotContain("Warning", log, StringComparison.Ordinal);
        Assert.Equal(archive.Instances.Count, images.Count);
        Assert.Equal([ServedArchive.AETitle], Values(images, DicomTags.RetrieveAETitle));
        Assert.Empty(elsewhere);
        Assert.Empty(nearline);
    }

    /// <summary>
    /// A study query with series keys, as viewers send them: Modality=US finds the studies with an ultrasound series
    /// (Modalities in Study), Institution Name comes from each study's stored header, and a Series Instance UID without
    /// a value is left out instead of failing the query.
    /// </summary>
    [DcmtkFact]
    public async Task AStudyQueryWithSeriesKeysIsAnsweredNotRefused()
    {
        var (matches, log) = await archive.FindAsync(StudyRoot, "QueryRetrieveLevel=STUDY", "Modality=US", "InstitutionName", "SeriesInstanceUID", "StudyInstanceUID");

        var expected = archive.Instances.Where(i => i.Modality == "US").Select(i => i.StudyInstanceUid).ToHashSet();
        Assert.NotEmpty(expected);
        Assert.Equal(expected, Values(matches, DicomTags.StudyInstanceUID));
        Assert.Contains("Received Final Find Response (Success)", log, StringComparison.Ordinal);
        Assert.All(matches, match => Assert.True(match.Contains(DicomTags.InstitutionName)));
        Assert.All(matches, match => Assert.False(match.Contains(DicomTags.SeriesInstanceUID)));
        var institutions = archive.Instances.Where(i => expected.Contains(i.StudyInstanceUid))
            .Select(i => (Tessera.Dicom.IO.DicomFile.Open(i.File, new Tessera.Dicom.IO.DicomReadOptions { StopBeforePixelData = true }).Dataset.GetString(DicomTags.InstitutionName) ?? string.Empty).Trim())
            .ToHashSet();
        Assert.Subset(institutions, Values(matches, DicomTags.InstitutionName));
    }

    /// <summary>SOP Classes in Study (PS3.4 C.6.2.1.2): each study's classes, as its files hold them; matched as a UID list.</summary>
    [DcmtkFact]
    public async Task SopClassesInStudyListsTheClassesOfEachStudysInstances()
    {
        var (matches, _) = await archive.FindAsync(StudyRoot, "QueryRetrieveLevel=STUDY", "StudyInstanceUID", "SOPClassesInStudy");
        var (secondaryCaptures, _) = await archive.FindAsync(StudyRoot, "QueryRetrieveLevel=STUDY", "StudyInstanceUID", $"SOPClassesInStudy={DicomUids.SecondaryCaptureImageStorage}");

        foreach (var study in archive.Instances.GroupBy(i => i.StudyInstanceUid))
        {
            var match = Assert.Single(matches, m => m.GetString(DicomTags.StudyInstanceUID)!.Trim() == study.Key);
            Assert.Equal(study.Select(i => i.SopClassUid).Distinct().Order(StringComparer.Ordinal), match.GetStrings(DicomTags.SOPClassesInStudy).Select(u => u.Trim()));
        }

        var expected = archive.Instances.Where(i => i.SopClassUid == DicomUids.SecondaryCaptureImageStorage).Select(i => i.StudyInstanceUid).ToHashSet();
        Assert.NotEmpty(expected);
        Assert.Equal(expected, Values(secondaryCaptures, DicomTags.StudyInstanceUID));
    }

    [DcmtkFact]
    public async Task AValueForACountGivesPendingWarning()
    {
        // Counts are return keys only (matching on them is optional, PS3.4 C.6.1.1.2): the study comes back flagged FF01H.
        var (matches, log) = await archive.FindAsync(StudyRoot, "QueryRetrieveLevel=STUDY", "PatientID=1CT1", "NumberOfStudyRelatedInstances=999", "StudyInstanceUID");

        Assert.Single(matches);
        Assert.True(log.Contains("(Pending: WarningUnsupportedOptionalKeys)", StringComparison.Ordinal), log);
    }

    [DcmtkFact]
    public async Task PastTheResultLimitTheSearchEndsOutOfResources()
    {
        // A second server over a copy of the index (one server per data folder: its lock), limited to 3 matches
        // (Tessera:Dicom:MaxFindResults) and to 2 candidates for keys the index does not store (MaxFilteredCandidates).
        var port = Dcmtk.FreePort();
        var copy = Directory.CreateTempSubdirectory("tessera-find-limited-");
        foreach (var file in Directory.GetFiles(archive.Data.FullName, "index.db*").Where(f => !f.EndsWith("-shm", StringComparison.Ordinal)))
        {
            File.Copy(file, Path.Combine(copy.FullName, Path.GetFileName(file)));
        }

        using var limited = TesseraHost.Build(
            new Dictionary<string, string?> { ["Tessera:Data"] = copy.FullName, ["Tessera:Dicom:Port"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture), ["Tessera:Dicom:MaxFindResults"] = "3", ["Tessera:Dicom:MaxFilteredCandidates"] = "2" },
            logging => logging.ClearProviders());
        await limited.StartAsync();
        try
        {
            var (exit, log) = await Dcmtk.RunAsync("findscu", "-v", "-S", "-aec", "TESSERA", "-k", "QueryRetrieveLevel=IMAGE", "-k", "SOPInstanceUID", "127.0.0.1", port.ToString(System.Globalization.CultureInfo.InvariantCulture));

            Assert.True(exit == 0, log);
            Assert.Equal(3, Regex.Matches(log, "Find Response: [0-9]+ \\(Pending\\)").Count);
            Assert.Contains("Received Final Find Response (Refused: OutOfResources)", log, StringComparison.Ordinal);

            var (filteredExit, filteredLog) = await Dcmtk.RunAsync("findscu", "-d", "-S", "-aec", "TESSERA", "-k", "QueryRetrieveLevel=IMAGE", "-k", "SOPInstanceUID", "-k", "StationName=NONE*", "127.0.0.1", port.ToString(System.Globalization.CultureInfo.InvariantCulture));
            Assert.True(filteredExit == 0, filteredLog);
            Assert.Contains("0xc000", filteredLog, StringComparison.OrdinalIgnoreCase);
            Assert.Contains("more than 2 candidates", filteredLog, StringComparison.Ordinal);
        }
        finally
        {
            await limited.StopAsync();
            copy.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task TheErrorCommentSaysWhyAQueryWasRefused()
    {
        await using var client = await archive.ConnectAsync(DicomUids.StudyRootQueryRetrieveInformationModelFind);
        var identifier = new DicomDataset();
        identifier.AddOrUpdate(DicomTags.QueryRetrieveLevel, DicomVR.CS, "PATIENT");

        var result = await client.FindAsync(DicomUids.StudyRootQueryRetrieveInformationModelFind, identifier, (_, _) => ValueTask.CompletedTask, CancellationToken.None);

        Assert.True(result.Status.Code == 0xC000, $"{result.Status} {result.ErrorComment}");
        Assert.True(result.ErrorComment?.StartsWith("Query/Retrieve Level 'PATIENT' is not a level", StringComparison.Ordinal) == true, result.ErrorComment);
    }

    [Fact]
    public async Task CombinedDateTimeMatchingIsNegotiatedAndMatchesOneRange()
    {
        // PS3.4 C.5.1.1: byte 1 relational queries (not supported: answered 0), byte 2 combined date-time matching.
        var find = DicomUids.StudyRootQueryRetrieveInformationModelFind;
        await using var client = await archive.ConnectNegotiatingAsync(find, new byte[] { 1, 1 });
        var context = client.Association.PresentationContexts.Single(c => c.AbstractSyntax == find);
        Assert.Equal(new byte[] { 0, 1 }, context.ExtendedNegotiation.ToArray());
        var identifier = new DicomDataset();
        identifier.AddOrUpdate(DicomTags.QueryRetrieveLevel, DicomVR.CS, "STUDY");
        identifier.AddOrUpdate(DicomTags.StudyDate, DicomVR.DA, "20030101-20141231");
        identifier.AddOrUpdate(DicomTags.StudyTime, DicomVR.TM, "1200-1200");
        identifier.AddOrUpdate(DicomTags.StudyInstanceUID, DicomVR.UI, string.Empty);
        var matches = new List<DicomDataset>();

        var result = await client.FindAsync(find, identifier, (match, _) => { matches.Add(match); return ValueTask.CompletedTask; }, CancellationToken.None);

        // From 2003-01-01 12:00:00 to 2014-12-31 12:00:59.999999, the study's date and time read together.
        var expected = archive.Instances
            .Where(i => Regex.IsMatch(i.StudyDate, "^[0-9]{8}$") && Regex.IsMatch(i.StudyTime, "^[0-9]{6}"))
            .Where(i => string.CompareOrdinal(i.StudyDate + i.StudyTime, "20030101120000") >= 0 && string.CompareOrdinal(i.StudyDate + i.StudyTime, "20141231120059.999999") <= 0)
            .Select(i => i.StudyInstanceUid).ToHashSet();
        Assert.True(result.Status.IsSuccess, result.Status.ToString());
        Assert.True(expected.Count >= 3, string.Join(", ", expected));
        Assert.Equal(expected, Values(matches, DicomTags.StudyInstanceUID));

        // Without the negotiation the same keys match apart: 12:00 on any day of the range, which no stored study has.
        await using var plain = await archive.ConnectAsync(find);
        var apart = 0;
        await plain.FindAsync(find, identifier, (_, _) => { apart++; return ValueTask.CompletedTask; }, CancellationToken.None);
        var expectedApart = archive.Instances
            .Where(i => Regex.IsMatch(i.StudyDate, "^(2003|200[4-9]|201[0-4])[0-9]{4}$") && i.StudyTime.StartsWith("1200", StringComparison.Ordinal))
            .Select(i => i.StudyInstanceUid).Distinct().Count();
        Assert.Equal(expectedApart, apart);
    }

    [Fact]
    public async Task MultipleValueMatchingIsNegotiatedAndMatchesAnyValue()
    {
        // PS3.4 C.5.1.1 byte 7: "MR\US" matches series of either modality.
        var find = DicomUids.StudyRootQueryRetrieveInformationModelFind;
        await using var client = await archive.ConnectNegotiatingAsync(find, new byte[] { 0, 0, 0, 0, 0, 1, 1 });
        Assert.Equal(new byte[] { 0, 0, 0, 0, 0, 1, 1 }, client.Association.PresentationContexts.Single(c => c.AbstractSyntax == find).ExtendedNegotiation.ToArray());
        var identifier = new DicomDataset();
        identifier.AddOrUpdate(DicomTags.QueryRetrieveLevel, DicomVR.CS, "SERIES");
        identifier.AddOrUpdate(DicomTags.Modality, DicomVR.CS, "MR", "US");
        identifier.AddOrUpdate(DicomTags.SeriesInstanceUID, DicomVR.UI, string.Empty);
        var matches = new List<DicomDataset>();

        var result = await client.FindAsync(find, identifier, (match, _) => { matches.Add(match); return ValueTask.CompletedTask; }, CancellationToken.None);

        var expected = archive.Instances.Where(i => i.Modality is "MR" or "US").Select(i => i.SeriesInstanceUid).ToHashSet();
        Assert.True(result.Status.IsSuccess, result.Status.ToString());
        Assert.True(expected.Count >= 4);
        Assert.Equal(expected, Values(matches, DicomTags.SeriesInstanceUID));
    }

    [Fact]
    public async Task CancelStopsTheSearchWithCancelStatus()
    {
        await using var client = await archive.ConnectAsync(DicomUids.PatientRootQueryRetrieveInformationModelFind);
        var identifier = new DicomDataset();
        identifier.AddOrUpdate(DicomTags.QueryRetrieveLevel, DicomVR.CS, "IMAGE");
        identifier.AddOrUpdate(DicomTags.SOPInstanceUID, DicomVR.UI, string.Empty);
        using var cancel = new CancellationTokenSource();
        var received = 0;

        // C-CANCEL-RQ on the first match; the archive stops and answers Cancel (FE00H), unless every match had already
        // been sent before the cancel arrived, in which case PS3.4 C.4.1.3.2 lets the final status be Success.
        var result = await client.FindAsync(DicomUids.PatientRootQueryRetrieveInformationModelFind, identifier, async (_, _) =>
        {
            if (Interlocked.Increment(ref received) == 1)
            {
                await cancel.CancelAsync();
            }
        }, cancel.Token);

        Assert.True(result.CancelRequested);
        Assert.True(result.Status == Tessera.Dimse.Messages.DimseStatus.Cancel || (result.Status.IsSuccess && received == archive.Instances.Count), $"{result.Status} after {received}");

        // The association goes on.
        Assert.True((await client.EchoAsync(CancellationToken.None)).IsSuccess);
        await client.ReleaseAsync(CancellationToken.None);
    }

    private static HashSet<string> Values(IEnumerable<DicomDataset> matches, DicomTag tag) =>
        matches.Select(m => (m.GetString(tag) ?? string.Empty).Trim()).ToHashSet();
}
