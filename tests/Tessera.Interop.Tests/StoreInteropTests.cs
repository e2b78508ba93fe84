using System.Globalization;
using Tessera.Interop.Tests.Support;

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

    [DcmtkTheory]
    [InlineData("1")]
    [InlineData("4")]
    public async Task StorescpReceivesTheOriginals(string parallel)
    {
        var output = Directory.CreateTempSubdirectory("tessera-store-storescp-");
        var port = Dcmtk.FreePort();
        await using var storescp = BackgroundProcess.Start("/usr/bin/storescp", "-aet", "STORESCP", "+xa", "-od", output.FullName, "-fe", ".dcm", port.ToString(CultureInfo.InvariantCulture));
        try
        {
            await Dcmtk.WaitForListenerAsync(port);
            var (exit, log) = await ExternalProcess.TesseraAsync(["store", "--aec", "STORESCP", "--parallel", parallel, "127.0.0.1", port.ToString(CultureInfo.InvariantCulture), .. Files.Select(f => Repository.Corpus(f.File))]);

            Assert.True(exit == 0, log + storescp.Output);
            Assert.Contains(string.Create(CultureInfo.InvariantCulture, $"{Files.Length} sent"), log, StringComparison.Ordinal);
            Assert.Contains(", 0 failed", log, StringComparison.Ordinal);
            await AssertReceivedAsync(output.GetFiles("*.dcm"));
        }
        finally
        {
            output.Delete(recursive: true);
        }
    }

    [DcmtkFact]
    public async Task TesseraReceiveGetsAFolderWalkedRecursively()
    {
        var source = Directory.CreateTempSubdirectory("tessera-store-source-");
        try
        {
            // A nested tree, and one file that is not DICOM: it is reported, the others still go.
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
            Assert.Equal(1, exitWithJunk);
            Assert.Contains("notes.txt", logWithJunk, StringComparison.Ordinal);
            Assert.Contains(string.Create(CultureInfo.InvariantCulture, $"{Files.Length} sent"), logWithJunk, StringComparison.Ordinal);
        }
        finally
        {
            source.Delete(recursive: true);
        }
    }

    /// <summary>
    /// rtplan.dcm's File Meta names another SOP Instance UID than its data set: the receiver refuses it with A900H (PS3.4
    /// B.2.3), which store prints for that file and counts in the summary, and exits 1; the other file still goes.
    /// </summary>
    [DcmtkFact]
    public async Task RefusedFileIsReportedWithItsStatusAndExits1()
    {
        await using var receive = await TesseraReceive.StartAsync("--quiet");
        var (exit, log) = await ExternalProcess.TesseraAsync("store", "127.0.0.1", receive.PortText, Repository.Corpus("rtplan.dcm"), Repository.Corpus("ct_small_evrle.dcm"));

        Assert.Equal(1, exit);
        Assert.Contains("rtplan.dcm: C-STORE status A900H", log, StringComparison.Ordinal);
        Assert.Contains("1 sent", log, StringComparison.Ordinal);
        Assert.Contains("1 x status A900H", log, StringComparison.Ordinal);
        Assert.Single(receive.Files);
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
    private static async Task AssertReceivedAsync(FileInfo[] received)
    {
        Assert.Equal(Files.Length, received.Length);
        var byInstance = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var file in received)
        {
            var (_, uid) = await ExternalProcess.DcmtkAsync("dcmdump", "-s", "+P", "0008,0018", file.FullName);
            byInstance[Bracketed(uid)] = file.FullName;
        }

        foreach (var (file, _) in Files)
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
