using System.Text.Json;
using Tessera.Interop.Tests.Support;
using Tessera.Testing;

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

    /// <summary>--repeat sends the query again on the association: the first answer is printed, the others timed.</summary>
    [DcmtkFact]
    public async Task RepeatedFindPrintsTheMatchesOnceAndTheRoundTrips()
    {
        await using var qr = await Dcmqrscp.StartAsync(["ct_small_evrle.dcm", "mr_small_evrle.dcm"]);
        var (exit, output) = await ExternalProcess.TesseraAsync("find", "--aec", "QRSCP", "--repeat", "4", "-k", "StudyInstanceUID", "127.0.0.1", qr.PortText);

        Assert.True(exit == 0, output);
        Assert.Equal(2, output.Split("# Match ").Length - 1);
        Assert.Matches(@"2 match\(es\), status 0000H \(Successful operation\); 3 more time\(s\), round trip p50 [0-9.]+ ms, p95 [0-9.]+ ms", output);
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
        using var worklist = await WorklistFolder.CreateAsync();
        var port = Dcmtk.FreePort();
        await using var wlm = ChildProcess.Start("/usr/bin/wlmscpfs", "-dfp", worklist.Root.FullName, port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await Dcmtk.WaitForListenerAsync(port);

        var (exit, output) = await ExternalProcess.TesseraAsync("find", "--worklist", "--aec", WorklistFolder.AETitle, "-k", "PatientName", "-k", "AccessionNumber", "-k", "ScheduledProcedureStepSequence", "--json", "127.0.0.1", port.ToString(System.Globalization.CultureInfo.InvariantCulture));

        Assert.True(exit == 0, output + wlm.Output);
        using var json = JsonDocument.Parse(output[..(output.LastIndexOf(']') + 1)]);
        var item = Assert.Single(json.RootElement.EnumerateArray().ToList());
        Assert.Equal("ACC001", item.GetProperty("00080050").GetProperty("Value")[0].GetString());
        var step = item.GetProperty("00400100").GetProperty("Value")[0];
        Assert.Equal("CTSCANNER", step.GetProperty("00400001").GetProperty("Value")[0].GetString());
    }

    [Fact]
    public async Task UnknownKeyIsAUsageError()
    {
        var (exit, output) = await ExternalProcess.TesseraAsync("find", "-k", "NoSuchKeyword=1", "127.0.0.1", "104");
        Assert.Equal(2, exit);
        Assert.Contains("NoSuchKeyword", output, StringComparison.Ordinal);
    }
}
