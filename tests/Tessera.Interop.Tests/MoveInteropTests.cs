using Tessera.Interop.Tests.Support;

namespace Tessera.Interop.Tests;

/// <summary>`tessera move` against DCMTK's dcmqrscp, which sends the instances to a `tessera receive` in its HostTable.</summary>
public sealed class MoveInteropTests
{
    private const string CtStudy = "1.3.6.1.4.1.5962.1.2.1.20040119072730.12322";

    [DcmtkFact]
    public async Task MoveOfOneStudyArrivesAtReceiveUnchanged()
    {
        await using var receive = await TesseraReceive.StartAsync("--quiet");
        await using var qr = await Dcmqrscp.StartAsync(["ct_small_evrle.dcm", "mr_small_evrle.dcm"], ("RECEIVER", receive.Port));

        var (exit, output) = await ExternalProcess.TesseraAsync("move", "--aec", "QRSCP", "--dest", "RECEIVER", "-k", $"StudyInstanceUID={CtStudy}", "127.0.0.1", qr.PortText);

        Assert.True(exit == 0, output + qr.Process.Output);
        Assert.Contains("status 0000H", output, StringComparison.Ordinal);
        Assert.Contains("1 completed, 0 failed", output, StringComparison.Ordinal);
        var received = Assert.Single(receive.Files);
        Assert.Equal(await Dcmdump.DataSetAsync(Repository.Corpus("ct_small_evrle.dcm")), await Dcmdump.DataSetAsync(received.FullName));
    }

    [DcmtkFact]
    public async Task PatientRootMoveOfEveryStudyReportsProgress()
    {
        await using var receive = await TesseraReceive.StartAsync("--quiet");
        await using var qr = await Dcmqrscp.StartAsync(["ct_small_evrle.dcm", "mr_small_evrle.dcm", "mr_qa_1_evrle.dcm"], ("RECEIVER", receive.Port));
        var (findExit, patients) = await ExternalProcess.TesseraAsync("find", "--aec", "QRSCP", "--patient-root", "--level", "PATIENT", "-k", "PatientID", "--json", "127.0.0.1", qr.PortText);
        Assert.True(findExit == 0, patients);

        var moved = 0;
        using var json = System.Text.Json.JsonDocument.Parse(patients[..(patients.LastIndexOf(']') + 1)]);
        foreach (var patient in json.RootElement.EnumerateArray())
        {
            var id = patient.GetProperty("00100020").GetProperty("Value")[0].GetString();
            var (exit, output) = await ExternalProcess.TesseraAsync("move", "--aec", "QRSCP", "--patient-root", "--level", "PATIENT", "--dest", "RECEIVER", "-k", $"PatientID={id}", "127.0.0.1", qr.PortText);
            Assert.True(exit == 0, output);
            Assert.Contains("tessera move: ", output, StringComparison.Ordinal);
            moved++;
        }

        Assert.True(moved >= 2, patients);
        Assert.Equal(3, receive.Files.Length);
    }

    /// <summary>A destination dcmqrscp does not know: A801H (PS3.4 C.4.2.1.5), exit 1.</summary>
    [DcmtkFact]
    public async Task UnknownDestinationExits1WithTheStatus()
    {
        await using var qr = await Dcmqrscp.StartAsync(["ct_small_evrle.dcm"]);
        var (exit, output) = await ExternalProcess.TesseraAsync("move", "--aec", "QRSCP", "--dest", "NOWHERE", "-k", $"StudyInstanceUID={CtStudy}", "127.0.0.1", qr.PortText);

        Assert.Equal(1, exit);
        Assert.Contains("status A801H", output, StringComparison.Ordinal);
    }
}
