using System.Globalization;
using Tessera.Server.Tests.Support;

namespace Tessera.Server.Tests;

/// <summary>C-MOVE to a storescp the test starts (a --peer of the server) and C-GET with getscu: what comes back equals what was stored.</summary>
[Collection(ServedArchiveCollection.Name)]
public sealed class RetrieveTests(ServedArchive archive)
{
    [DcmtkFact]
    public async Task MovescuSendsEveryStudyToTheConfiguredPeerInItsStoredTransferSyntax()
    {
        // storescp +xa accepts every syntax, so each instance goes out as stored: RLE, deflated, JPEG, J2K, JPEG-LS, big endian.
        var studies = archive.Instances.Select(i => i.StudyInstanceUid).Distinct().ToList();
        var output = Directory.CreateTempSubdirectory("tessera-move-");
        using var storescp = Dcmtk.Start("storescp", "+xa", "-aet", ServedArchive.MoveDestination, "-od", output.FullName, archive.MovePort.ToString(CultureInfo.InvariantCulture));
        try
        {
            await Dcmtk.WaitForListenerAsync(archive.MovePort);

            var (exit, log) = await Dcmtk.RunAsync("movescu", "-v", "-S", "-aec", ServedArchive.AETitle, "-aem", ServedArchive.MoveDestination,
                "-k", "QueryRetrieveLevel=STUDY", "-k", $"StudyInstanceUID={string.Join('\\', studies)}", "127.0.0.1", archive.PortText);

            Assert.True(exit == 0, log);
            Assert.Contains("Received Final Move Response (Success)", log, StringComparison.Ordinal);
            await AssertReceivedAsync(archive.Instances, output, sameTransferSyntax: true);
        }
        finally
        {
            storescp.Kill();
            await storescp.WaitForExitAsync();
            output.Delete(true);
        }
    }

    [DcmtkFact]
    public async Task MoveToAnUnknownDestinationIsRefused()
    {
        var (_, log) = await Dcmtk.RunAsync("movescu", "-v", "-S", "-aec", ServedArchive.AETitle, "-aem", "NOBODY", "-k", "QueryRetrieveLevel=STUDY", "-k", "StudyInstanceUID=1.2.3", "127.0.0.1", archive.PortText);

        Assert.Contains("Received Final Move Response (Refused: MoveDestinationUnknown)", log, StringComparison.Ordinal);
    }

    [DcmtkFact]
    public async Task GetscuRetrievesUncompressedSeriesConvertedToTheNegotiatedSyntax()
    {
        // getscu (default +x=) offers uncompressed syntaxes only: implicit VR and big endian instances are re-encoded
        // by the server into the accepted explicit VR little endian, with the same data set.
        var uncompressed = new[] { "1.2.840.10008.1.2", "1.2.840.10008.1.2.1", "1.2.840.10008.1.2.2" };
        var series = archive.Instances.Where(i => uncompressed.Contains(i.TransferSyntaxUid)).GroupBy(i => i.TransferSyntaxUid).Select(g => g.First().SeriesInstanceUid).Distinct().ToList();
        await GetSeriesAsync(series, "+x=", sameTransferSyntax: false);
    }

    [DcmtkFact]
    public async Task GetscuRetrievesJpegLosslessAsStored()
    {
        var instance = archive.Instances.Single(i => i.TransferSyntaxUid == "1.2.840.10008.1.2.4.70");
        var output = Directory.CreateTempSubdirectory("tessera-get-");
        try
        {
            var (exit, log) = await Dcmtk.RunAsync("getscu", "-v", "-S", "-aec", ServedArchive.AETitle, "-od", output.FullName, "+xs",
                "-k", "QueryRetrieveLevel=IMAGE", "-k", $"SOPInstanceUID={instance.SopInstanceUid}", "127.0.0.1", archive.PortText);

            Assert.True(exit == 0, log);
            await AssertReceivedAsync([instance], output, sameTransferSyntax: true);
        }
        finally
        {
            output.Delete(true);
        }
    }

    private async Task GetSeriesAsync(List<string> series, string prefer, bool sameTransferSyntax)
    {
        Assert.NotEmpty(series);
        var expected = archive.Instances.Where(i => series.Contains(i.SeriesInstanceUid)).ToList();
        var output = Directory.CreateTempSubdirectory("tessera-get-");
        try
        {
            var (exit, log) = await Dcmtk.RunAsync("getscu", "-v", "-S", "-aec", ServedArchive.AETitle, "-od", output.FullName, prefer,
                "-k", "QueryRetrieveLevel=SERIES", "-k", $"SeriesInstanceUID={string.Join('\\', series)}", "127.0.0.1", archive.PortText);

            Assert.True(exit == 0, log);
            await AssertReceivedAsync(expected, output, sameTransferSyntax);
        }
        finally
        {
            output.Delete(true);
        }
    }

    [DcmtkFact]
    public async Task GetscuAtImageLevelInPatientRoot()
    {
        var instance = archive.Instances.First(i => i.PatientId == "SCSGREEK");
        var output = Directory.CreateTempSubdirectory("tessera-get-");
        try
        {
            var (exit, log) = await Dcmtk.RunAsync("getscu", "-v", "-P", "-aec", ServedArchive.AETitle, "-od", output.FullName,
                "-k", "QueryRetrieveLevel=IMAGE", "-k", $"PatientID={instance.PatientId}", "-k", $"StudyInstanceUID={instance.StudyInstanceUid}",
                "-k", $"SeriesInstanceUID={instance.SeriesInstanceUid}", "-k", $"SOPInstanceUID={instance.SopInstanceUid}", "127.0.0.1", archive.PortText);

            Assert.True(exit == 0, log);
            await AssertReceivedAsync([instance], output, sameTransferSyntax: true);
        }
        finally
        {
            output.Delete(true);
        }
    }

    private static async Task AssertReceivedAsync(IReadOnlyList<CorpusInstance> expected, DirectoryInfo output, bool sameTransferSyntax)
    {
        var received = output.GetFiles();
        Assert.Equal(expected.Count, received.Length);
        foreach (var instance in expected)
        {
            var file = Assert.Single(received, f => f.Name.Contains(instance.SopInstanceUid, StringComparison.Ordinal));
            if (sameTransferSyntax)
            {
                Assert.Equal(instance.TransferSyntaxUid, CorpusInstance.Read(file.FullName).TransferSyntaxUid);
            }

            Assert.Equal(await Dcmtk.DumpDataSetAsync(instance.File, !sameTransferSyntax), await Dcmtk.DumpDataSetAsync(file.FullName, !sameTransferSyntax));
        }
    }
}
