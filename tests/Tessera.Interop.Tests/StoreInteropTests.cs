using System.Globalization;
using Tessera.Interop.Tests.Support;
using Tessera.Testing;

namespace Tessera.Interop.Tests;

/// <summary>`tessera store` against DCMTK's storescp and against `tessera receive`: what arrives is what was sent.</summary>
public sealed class StoreInteropTests
{
    /// <summary>
    /// Four SOP classes (CT, MR, PET, Encapsulated PDF) in several transfer syntaxes: Explicit VR LE and BE,
    /// JPEG Lossless SV1, RLE, JPEG 2000.
    /// </summary>
    private static readonly (string File, int Unused)[] Files =
    [
        ("ct_small_evrle.dcm", 0),
        ("mr_qa_5_jpll70.dcm", 0),
        ("mr_qa_3_evrbe.dcm", 0),
        ("mr_qa_4_rle.dcm", 0),
        ("mr_small_j2k.dcm", 0),
        ("pt_jpll70.dcm", 0),
        ("pdf_encapsulated_dcmtk.dcm", 0),
    ];

    /// <summary>
    /// Files a careless sender gets refused for: File Meta UIDs that are not the data set's (rtplan, rtdose: A900H when the
    /// command carries the meta's), odd-length values (dx_mono1's pixel data, ecg_12lead: PS3.5 7.1) and a deflated stream
    /// of odd length (sc_deflated: PS3.5 A.5 pads it; DCMTK aborts with "Odd Fragment Length").
    /// </summary>
    internal static readonly string[] NeedRepair = ["rtplan.dcm", "rtdose_15frame.dcm", "sc_deflated.dcm", "dx_mono1.dcm", "ecg_12lead.dcm"];

    /// <summary>storescp answers no asynchronous operations window: with --window 8 the C-STOREs still go one at a time.</summary>
    [DcmtkTheory]
    [InlineData("1", "1")]
    [InlineData("4", "1")]
    [InlineData("1", "8")]
    public async Task StorescpReceivesTheOriginals(string parallel, string window)
    {
        var output = Directory.CreateTempSubdirectory("tessera-store-storescp-");
        var port = Dcmtk.FreePort();
        await using var storescp = ChildProcess.Start("/usr/bin/storescp", "-aet", "STORESCP", "+xa", "-od", output.FullName, "-fe", ".dcm", port.ToString(CultureInfo.InvariantCulture));
        try
        {
            await Dcmtk.WaitForListenerAsync(port);
            var (exit, log) = await ExternalProcess.TesseraAsync(["store", "--aec", "STORESCP", "--parallel", parallel, "--window", window, "127.0.0.1", port.ToString(CultureInfo.InvariantCulture), .. Files.Select(f => Repository.Corpus(f.File))]);

            Assert.True(exit == 0, log + storescp.Output);
            Assert.Contains(string.Create(CultureInfo.InvariantCulture, $"{Files.Length} sent"), log, StringComparison.Ordinal);
            Assert.Contains(", 0 failed", log, StringComparison.Ordinal);
            if (window != "1")
            {
                Assert.Contains(string.Create(CultureInfo.InvariantCulture, $"(window 1 of {window} asked)"), log, StringComparison.Ordinal);
            }

            await AssertReceivedAsync(output.GetFiles("*.dcm"));
        }
        finally
        {
            output.Delete(recursive: true);
        }
    }

    /// <summary>
    /// Regression: the command carries the data set's own SOP Class/Instance UIDs, and values are sent even-length
    /// (re-encoded with padding only for the files that need it): storescp stores every one, and each received data set
    /// prints as its original (dcmdump compares values without their padding).
    /// </summary>
    [DcmtkFact]
    public async Task StorescpReceivesFilesThatNeedRepair()
    {
        var output = Directory.CreateTempSubdirectory("tessera-store-repair-");
        var port = Dcmtk.FreePort();
        await using var storescp = ChildProcess.Start("/usr/bin/storescp", "-aet", "STORESCP", "+xa", "-od", output.FullName, "-fe", ".dcm", port.ToString(CultureInfo.InvariantCulture));
        try
        {
            await Dcmtk.WaitForListenerAsync(port);
            var (exit, log) = await ExternalProcess.TesseraAsync(["store", "--aec", "STORESCP", "127.0.0.1", port.ToString(CultureInfo.InvariantCulture), .. NeedRepair.Select(Repository.Corpus)]);

            Assert.True(exit == 0, log + storescp.Output);
            Assert.Contains(string.Create(CultureInfo.InvariantCulture, $"{NeedRepair.Length} sent"), log, StringComparison.Ordinal);
            Assert.DoesNotContain("Odd Fragment Length", storescp.Output, StringComparison.Ordinal);
            await AssertReceivedAsync(output.GetFiles("*.dcm"), NeedRepair);
        }
        finally
        {
            output.Delete(recursive: true);
        }
    }

    /// <summary>`tessera receive` agrees to a window (PS3.7 D.3.3.3): the C-STOREs overlap on one association, each arrives whole.</summary>
    [DcmtkFact]
    public async Task TesseraReceiveGetsOverlappingStoresWhole()
    {
        await using var receive = await TesseraReceive.StartAsync("--quiet");
        var (exit, log) = await ExternalProcess.TesseraAsync(["store", "--window", "4", "127.0.0.1", receive.PortText, .. Files.Select(f => Repository.Corpus(f.File))]);

        Assert.True(exit == 0, log + receive.Process.Output);
        Assert.Contains(string.Create(CultureInfo.InvariantCulture, $"{Files.Length} sent"), log, StringComparison.Ordinal);
        Assert.Contains("1 association(s) (window 4 of 4 asked)", log, StringComparison.Ordinal);
        await AssertReceivedAsync(receive.Files);
    }

    [DcmtkFact]
    public async Task TesseraReceiveGetsAFolderWalkedRecursively()
    {
        var source = Directory.CreateTempSubdirectory("tessera-store-source-");
        try
        {
            // A nested tree, and one file that is not DICOM: it is skipped and counted, the others still go.
            foreach (var (file, i) in Files.Select((f, i) => (f.File, i)))
            {
                var folder = Directory.CreateDirectory(Path.Combine(source.FullName, $"series{i % 3}", "sub"));
                File.Copy(Repository.Corpus(file), Path.Combine(folder.FullName, file));
            }

            await using var receive = await TesseraReceive.StartAsync("--quiet");
            var (exit, log) = await ExternalProcess.TesseraAsync("store", "--parallel", "2", "127.0.0.1", receive.PortText, source.FullName);

            Assert.True(exit == 0, log + receive.Process.Output);
            await AssertReceivedAsync(receive.Files);

            await File.WriteAllTextAsync(Path.Combine(source.FullName, "notes.txt"), "not DICOM");
            var (exitWithJunk, logWithJunk) = await ExternalProcess.TesseraAsync("store", "127.0.0.1", receive.PortText, source.FullName);
            Assert.True(exitWithJunk == 0, logWithJunk);
            Assert.Contains("1 skipped (not DICOM)", logWithJunk, StringComparison.Ordinal);
            Assert.Contains(string.Create(CultureInfo.InvariantCulture, $"{Files.Length} sent"), logWithJunk, StringComparison.Ordinal);
        }
        finally
        {
            source.Delete(recursive: true);
        }
    }

    /// <summary>
    /// A SOP Instance UID that is no UID (PS3.5 9.1; made with dcmodify): the receiver refuses it with C000H, which store
    /// prints for that file and counts in the summary, and exits 1; the other file still goes.
    /// </summary>
    [DcmtkFact]
    public async Task RefusedFileIsReportedWithItsStatusAndExits1()
    {
        var folder = Directory.CreateTempSubdirectory("tessera-store-refused-");
        try
        {
            var refused = Path.Combine(folder.FullName, "not-a-uid.dcm");
            File.Copy(Repository.Corpus("ct_small_evrle.dcm"), refused);
            var (modified, modifyLog) = await ExternalProcess.DcmtkAsync("dcmodify", "-nb", "-m", "(0008,0018)=1.2.3.not-a-uid", refused);
            Assert.True(modified == 0, modifyLog);

            await using var receive = await TesseraReceive.StartAsync("--quiet");
            var (exit, log) = await ExternalProcess.TesseraAsync("store", "127.0.0.1", receive.PortText, refused, Repository.Corpus("mr_qa_3_evrbe.dcm"));

            Assert.Equal(1, exit);
            Assert.Contains("not-a-uid.dcm: C-STORE status C000H", log, StringComparison.Ordinal);
            Assert.Contains("is not a UID", log, StringComparison.Ordinal);
            Assert.Contains("1 sent", log, StringComparison.Ordinal);
            Assert.Contains("1 x status C000H", log, StringComparison.Ordinal);
            Assert.Single(receive.Files);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task NobodyListeningExits1WithOneLinePerAssociation()
    {
        var (exit, log) = await ExternalProcess.TesseraAsync("store", "127.0.0.1", Dcmtk.FreePort().ToString(CultureInfo.InvariantCulture), Repository.Corpus("ct_small_evrle.dcm"));
        Assert.Equal(1, exit);
        Assert.Contains("cannot connect", log, StringComparison.Ordinal);
        Assert.Contains("0 sent", log, StringComparison.Ordinal);
    }

    /// <summary>Every file arrived once, and dcmdump prints the same data set for it and its original.</summary>
    private static Task AssertReceivedAsync(FileInfo[] received) => AssertReceivedAsync(received, [.. Files.Select(f => f.File)]);

    private static async Task AssertReceivedAsync(FileInfo[] received, string[] originals)
    {
        Assert.Equal(originals.Length, received.Length);
        var byInstance = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var file in received)
        {
            var (_, uid) = await ExternalProcess.DcmtkAsync("dcmdump", "-s", "+P", "0008,0018", file.FullName);
            byInstance[Bracketed(uid)] = file.FullName;
        }

        foreach (var file in originals)
        {
            var (_, uid) = await ExternalProcess.DcmtkAsync("dcmdump", "-s", "+P", "0008,0018", Repository.Corpus(file));
            Assert.True(byInstance.TryGetValue(Bracketed(uid), out var copy), $"{file} not received");
            Assert.Equal(await Dcmdump.DataSetAsync(Repository.Corpus(file)), await Dcmdump.DataSetAsync(copy));
        }
    }

    private static string Bracketed(string dump)
    {
        var start = dump.IndexOf('[', StringComparison.Ordinal);
        return dump[(start + 1)..dump.IndexOf(']', start + 1)].TrimEnd('\0');
    }
}
