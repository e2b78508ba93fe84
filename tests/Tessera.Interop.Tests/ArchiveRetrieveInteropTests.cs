using System.Globalization;
using Tessera.Dicom.IO;
using Tessera.Dicom;
using Tessera.Interop.Tests.Support;
using Tessera.Testing;

namespace Tessera.Interop.Tests;

/// <summary>
/// `tessera serve`'s C-MOVE and C-GET sub-operations towards DCMTK: stored files that need repair arrive repaired, and a
/// move needing more presentation contexts than one association carries arrives whole over several associations.
/// </summary>
public sealed class ArchiveRetrieveInteropTests
{
    private const string Destination = "STORESCP";

    /// <summary>
    /// Regression: the archive keeps what it imported byte for byte — odd-length values (dx_mono1's Pixel Data, PS3.5 7.1),
    /// an odd-length deflated stream — and sent it so, which storescp refused ("Odd Fragment Length"). Each blob's header is
    /// now checked when sent and re-encoded with padding when needed: movescu to storescp and getscu receive all five, and
    /// dcmdump prints each as its original (values compared without padding).
    /// </summary>
    [DcmtkFact]
    public async Task MovescuAndGetscuReceiveStoredFilesThatNeedRepair()
    {
        var originals = StoreInteropTests.NeedRepair.Select(Repository.Corpus).ToArray();
        var moved = Directory.CreateTempSubdirectory("tessera-move-repair-");
        var got = Directory.CreateTempSubdirectory("tessera-get-repair-");
        var port = Dcmtk.FreePort();
        try
        {
            await using var serve = await TesseraServe.StartAsync(originals, Destination, port);
            Assert.Contains(Directory.EnumerateFiles(Path.Combine(serve.Data.FullName, "files"), "*.dcm", SearchOption.AllDirectories),
                blob => DicomFile.Open(blob).Deviations.Any(d => d.Tag == DicomTags.PixelData));
            await using var storescp = ChildProcess.Start("/usr/bin/storescp", "-aet", Destination, "+xa", "-od", moved.FullName, port.ToString(CultureInfo.InvariantCulture));
            await Dcmtk.WaitForListenerAsync(port);
            var studies = string.Join('\\', originals.Select(f => DicomFile.Open(f).Dataset.GetString(DicomTags.StudyInstanceUID)).Distinct());

            var (moveExit, moveLog) = await ExternalProcess.DcmtkAsync("movescu", "-v", "-S", "-aec", TesseraServe.AETitle, "-aem", Destination,
                "-k", "QueryRetrieveLevel=STUDY", "-k", $"StudyInstanceUID={studies}", "127.0.0.1", serve.PortText);
            var (getExit, getLog) = await ExternalProcess.DcmtkAsync("getscu", "-v", "-S", "-aec", TesseraServe.AETitle, "-od", got.FullName,
                "-k", "QueryRetrieveLevel=STUDY", "-k", $"StudyInstanceUID={studies}", "127.0.0.1", serve.PortText);

            Assert.True(moveExit == 0, moveLog + storescp.Output);
            Assert.Contains("Received Final Move Response (Success)", moveLog, StringComparison.Ordinal);
            Assert.True(getExit == 0, getLog);
            Assert.Contains("Received C-GET Response (Success)", getLog, StringComparison.Ordinal);
            Assert.Contains("Number of Completed Suboperations : 5", getLog, StringComparison.Ordinal);
            Assert.DoesNotContain("Odd", storescp.Output, StringComparison.Ordinal);
            await AssertSameDataSetsAsync(originals, moved.GetFiles());
            await AssertSameDataSetsAsync(originals, got.GetFiles());
        }
        finally
        {
            moved.Delete(recursive: true);
            got.Delete(recursive: true);
        }
    }

    /// <summary>
    /// `tessera get --window 4` from `tessera serve`: the archive sends the C-GET's sub-operations four at a time (the
    /// asynchronous operations window, PS3.7 D.3.3.3, answered up to Tessera:Dicom:OperationsWindow), each arrives whole,
    /// in the uncompressed syntax it was stored in although `get` also proposes compressed ones and Deflated.
    /// </summary>
    [DcmtkFact]
    public async Task TesseraGetWithAWindowReceivesEveryInstanceWhole()
    {
        var originals = new[] { "ct_small_evrle.dcm", "mr_small_evrle.dcm", "sc_ybrfull_native.dcm", "sc_rgb32_2frame.dcm" }.Select(Repository.Corpus).ToArray();
        var got = Directory.CreateTempSubdirectory("tessera-get-window-");
        try
        {
            await using var serve = await TesseraServe.StartAsync(originals, Destination, Dcmtk.FreePort());
            var studies = string.Join('\\', originals.Select(f => DicomFile.Open(f).Dataset.GetString(DicomTags.StudyInstanceUID)).Distinct());

            var (exit, log) = await ExternalProcess.TesseraAsync("get", "--aec", TesseraServe.AETitle, "--window", "4", "--out", got.FullName,
                "-k", $"StudyInstanceUID={studies}", "127.0.0.1", serve.PortText);

            Assert.True(exit == 0, log);
            Assert.Contains("window 4 of 4 asked", log, StringComparison.Ordinal);
            await AssertSameDataSetsAsync(originals, got.GetFiles());
            Assert.All(got.GetFiles(), f => Assert.Equal(DicomTransferSyntax.ExplicitVRLittleEndian, DicomFile.Open(f.FullName).TransferSyntax));
        }
        finally
        {
            got.Delete(recursive: true);
        }
    }

    /// <summary>
    /// 140 SOP classes of our own plus Secondary Capture: 282 presentation contexts (stored syntax and uncompressed
    /// fall-back each), more than one association's 128 (PS3.8 9.3.2.2). movescu gets one move, Success with 141
    /// completed; storescp (-pm: unknown SOP classes accepted) receives every instance over three associations. getscu
    /// proposes only the storage classes it knows: the private ones are failed sub-operations (PS3.4 C.4.3), B000H.
    /// </summary>
    [DcmtkFact]
    public async Task MoveOfMoreSopClassesThanOneAssociationCarriesArrivesWholeAtStorescp()
    {
        var source = Directory.CreateTempSubdirectory("tessera-many-classes-");
        var moved = Directory.CreateTempSubdirectory("tessera-move-many-");
        var got = Directory.CreateTempSubdirectory("tessera-get-many-");
        var port = Dcmtk.FreePort();
        try
        {
            const string study = "1.2.826.0.1.3680043.2.1143.77.1";
            for (var n = 0; n <= 140; n++)
            {
                var sopClass = n == 0 ? "1.2.840.10008.5.1.4.1.1.7" : $"2.25.31415926535897932384{n + 100}";
                DicomFileWriter.Save(Path.Combine(source.FullName, string.Create(CultureInfo.InvariantCulture, $"{n}.dcm")), null, Synthetic(study, sopClass, n), DicomTransferSyntax.ExplicitVRLittleEndian);
            }

            await using var serve = await TesseraServe.StartAsync([source.FullName], Destination, port);
            await using var storescp = ChildProcess.Start("/usr/bin/storescp", "-v", "-aet", Destination, "-pm", "-od", moved.FullName, port.ToString(CultureInfo.InvariantCulture));
            await Dcmtk.WaitForListenerAsync(port);

            var (moveExit, moveLog) = await ExternalProcess.DcmtkAsync("movescu", "-v", "-S", "-aec", TesseraServe.AETitle, "-aem", Destination,
                "-k", "QueryRetrieveLevel=STUDY", "-k", $"StudyInstanceUID={study}", "127.0.0.1", serve.PortText);
            var (getExit, getLog) = await ExternalProcess.DcmtkAsync("getscu", "-v", "-S", "-aec", TesseraServe.AETitle, "-od", got.FullName,
                "-k", "QueryRetrieveLevel=STUDY", "-k", $"StudyInstanceUID={study}", "127.0.0.1", serve.PortText);

            Assert.True(moveExit == 0, moveLog + storescp.Output);
            Assert.Contains("Received Final Move Response (Success)", moveLog, StringComparison.Ordinal);
            Assert.Equal(141, moved.GetFiles().Length);
            Assert.True(3 == CountOf(storescp.Output, "Association Acknowledged"), storescp.Output);
            Assert.Contains("Number of Completed Suboperations : 1", getLog, StringComparison.Ordinal);
            Assert.Contains("Number of Failed Suboperations    : 140", getLog, StringComparison.Ordinal);
            Assert.Single(got.GetFiles());
        }
        finally
        {
            source.Delete(recursive: true);
            moved.Delete(recursive: true);
            got.Delete(recursive: true);
        }
    }

    private static DicomDataset Synthetic(string study, string sopClass, int n)
    {
        var data = new DicomDataset();
        data.AddOrUpdate(DicomTags.SOPClassUID, DicomVR.UI, sopClass);
        data.AddOrUpdate(DicomTags.SOPInstanceUID, DicomVR.UI, string.Create(CultureInfo.InvariantCulture, $"{study}.1.{n + 1}"));
        data.AddOrUpdate(DicomTags.StudyInstanceUID, DicomVR.UI, study);
        data.AddOrUpdate(DicomTags.SeriesInstanceUID, DicomVR.UI, study + ".1");
        data.AddOrUpdate(DicomTags.PatientID, DicomVR.LO, "MANYCLASSES");
        data.AddOrUpdate(DicomTags.PatientName, DicomVR.PN, "Many^Classes");
        data.AddOrUpdate(DicomTags.Modality, DicomVR.CS, "OT");
        data.AddOrUpdate(DicomTags.InstanceNumber, DicomVR.IS, (n + 1).ToString(CultureInfo.InvariantCulture));
        return data;
    }

    private static int CountOf(string text, string value)
    {
        var count = 0;
        for (var at = text.IndexOf(value, StringComparison.Ordinal); at >= 0; at = text.IndexOf(value, at + value.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }

    /// <summary>Each original arrived once (found by SOP Instance UID), and dcmdump prints the same data set for both.</summary>
    private static async Task AssertSameDataSetsAsync(string[] originals, FileInfo[] received)
    {
        Assert.Equal(originals.Length, received.Length);
        var byInstance = received.ToDictionary(f => DicomFile.Open(f.FullName).Dataset.GetString(DicomTags.SOPInstanceUID)!, f => f.FullName, StringComparer.Ordinal);
        foreach (var original in originals)
        {
            var uid = DicomFile.Open(original).Dataset.GetString(DicomTags.SOPInstanceUID)!;
            Assert.True(byInstance.TryGetValue(uid, out var copy), $"{original} not received");
            Assert.Equal(await Dcmdump.DataSetAsync(original), await Dcmdump.DataSetAsync(copy));
        }
    }
}
