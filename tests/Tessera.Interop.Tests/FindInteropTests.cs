using System.Text.Json;
using Tessera.Interop.Tests.Support;

namespace Tessera.Interop.Tests;

/// <summary>`tessera find` against DCMTK's dcmqrscp (Query/Retrieve) and wlmscpfs (Modality Worklist).</summary>
public sealed class FindInteropTests
{
    private const string CtStudy = "1.3.6.1.4.1.5962.1.2.1.20040119072730.12322";

    [DcmtkFact]
    public async Task StudyRootFindPrintsEveryStudyAsJson()
    {
        await using var qr = await Dcmqrscp.StartAsync(["ct_small_evrle.dcm", "mr_small_evrle.dcm"]);
        var (exit, output) = await ExternalProcess.TesseraAsync("find", "--aec", "QRSCP", "--study-root", "--level", "STUDY", "-k", "StudyInstanceUID", "-k", "PatientName", "--json", "127.0.0.1", qr.PortText);

        Assert.True(exit == 0, output);
        using var json = JsonDocument.Parse(output[..(output.LastIndexOf(']') + 1)]);
        var studies = json.RootElement.EnumerateArray().Select(m => m.GetProperty("0020000D").GetProperty("Value")[0].GetString()).ToList();
        Assert.Equal(2, studies.Count);
        Assert.Contains(CtStudy, studies);
        Assert.Contains("2 match(es), status 0000H", output, StringComparison.Ordinal);
    }

    [DcmtkFact]
    public async Task MatchingKeyByTagNumberSelectsOneStudyAndPrintsADumpBlock()
    {
        await using var qr = await Dcmqrscp.StartAsync(["ct_small_evrle.dcm", "mr_small_evrle.dcm"]);
        var (exit, output) = await ExternalProcess.TesseraAsync("find", "--aec", "QRSCP", "-k", $"0020,000D={CtStudy}", "-k", "PatientID", "127.0.0.1", qr.PortText);

        Assert.True(exit == 0, output);
        Assert.Single(output.Split("# Match ").Skip(1));
        Assert.Contains($"(0020,000D) UI [{CtStudy}]", output, StringComparison.Ordinal);
        Assert.Contains("(0008,0052) CS [STUDY", output, StringComparison.Ordinal);
    }

    [DcmtkFact]
    public async Task PatientRootFindAtPatientLevel()
    {
        await using var qr = await Dcmqrscp.StartAsync(["ct_small_evrle.dcm", "mr_small_evrle.dcm"]);
        var (exit, output) = await ExternalProcess.TesseraAsync("find", "--aec", "QRSCP", "--patient-root", "--level", "PATIENT", "-k", "PatientID", "-k", "PatientName", "127.0.0.1", qr.PortText);

        Assert.True(exit == 0, output);
        Assert.Contains("match(es), status 0000H", output, StringComparison.Ordinal);
        Assert.Contains("(0010,0020) LO", output, StringComparison.Ordinal);
    }

    /// <summary>A Modality Worklist query with an empty (universal) sequence key against wlmscpfs, which serves one worklist file.</summary>
    [DcmtkFact]
    public async Task WorklistFindReturnsTheScheduledStep()
    {
        var root = Directory.CreateTempSubdirectory("tessera-wlm-");
        try
        {
            var aeDir = Directory.CreateDirectory(Path.Combine(root.FullName, "WLMSCP"));
            await File.WriteAllTextAsync(Path.Combine(aeDir.FullName, "lockfile"), string.Empty);
            var dump = Path.Combine(root.FullName, "item.dump");
            await File.WriteAllTextAsync(dump, """
                (0008,0050) SH  ACC001
                (0008,0005) CS  [ISO_IR 100]
                (0010,0010) PN  Doe^John
                (0010,0020) LO  PID001
                (0010,0030) DA  19700101
                (0010,0040) CS  M
                (0010,2000) LO  NONE
                (0010,2110) LO  NONE
                (0020,000d) UI  1.2.826.0.1.3680043.2.1143.1
                (0032,1032) PN  SMITH
                (0032,1060) LO  CT HEAD
                (0040,0100) SQ
                (fffe,e000) -
                (0008,0060) CS  CT
                (0032,1070) LO  NONE
                (0040,0001) AE  CTSCANNER
                (0040,0002) DA  20260101
                (0040,0003) TM  101500
                (0040,0006) PN  JOHNSON
                (0040,0007) LO  CT HEAD
                (0040,0009) SH  SPS001
                (0040,0010) SH  CT1
                (0040,0011) SH  ROOM1
                (0040,0012) LO
                (0040,0400) LT
                (fffe,e00d) -
                (fffe,e0dd) -
                (0040,1001) SH  RP001
                (0040,1003) SH  LOW
                """);
            var (dumpExit, dumpLog) = await ExternalProcess.DcmtkAsync("dump2dcm", dump, Path.Combine(aeDir.FullName, "item.wl"));
            Assert.True(dumpExit == 0, dumpLog);
            var port = Dcmtk.FreePort();
            await using var wlm = BackgroundProcess.Start("/usr/bin/wlmscpfs", "-dfp", root.FullName, port.ToString(System.Globalization.CultureInfo.InvariantCulture));
            await Dcmtk.WaitForListenerAsync(port);

            var (exit, output) = await ExternalProcess.TesseraAsync("find", "--worklist", "--aec", "WLMSCP", "-k", "PatientName", "-k", "AccessionNumber", "-k", "ScheduledProcedureStepSequence", "--json", "127.0.0.1", port.ToString(System.Globalization.CultureInfo.InvariantCulture));

            Assert.True(exit == 0, output + wlm.Output);
            using var json = JsonDocument.Parse(output[..(output.LastIndexOf(']') + 1)]);
            var item = Assert.Single(json.RootElement.EnumerateArray().ToList());
            Assert.Equal("ACC001", item.GetProperty("00080050").GetProperty("Value")[0].GetString());
            var step = item.GetProperty("00400100").GetProperty("Value")[0];
            Assert.Equal("CTSCANNER", step.GetProperty("00400001").GetProperty("Value")[0].GetString());
        }
        finally
        {
            root.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task UnknownKeyIsAUsageError()
    {
        var (exit, output) = await ExternalProcess.TesseraAsync("find", "-k", "NoSuchKeyword=1", "127.0.0.1", "104");
        Assert.Equal(2, exit);
        Assert.Contains("NoSuchKeyword", output, StringComparison.Ordinal);
    }
}
