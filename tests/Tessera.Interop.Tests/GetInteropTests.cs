using Tessera.Interop.Tests.Support;

namespace Tessera.Interop.Tests;

/// <summary>`tessera get` against DCMTK's dcmqrscp: the instances come back on the same association, written as the originals.</summary>
public sealed class GetInteropTests
{
    private const string CtStudy = "1.3.6.1.4.1.5962.1.2.1.20040119072730.12322";

    [DcmtkFact]
    public async Task GetOfOneStudyWritesTheOriginalNamedByItsUid()
    {
        await using var qr = await Dcmqrscp.StartAsync(["ct_small_evrle.dcm", "mr_small_evrle.dcm"]);
        var output = Directory.CreateTempSubdirectory("tessera-get-");
        try
        {
            var target = Path.Combine(output.FullName, "new");
            var (exit, log) = await ExternalProcess.TesseraAsync("get", "--aec", "QRSCP", "--out", target, "-k", $"StudyInstanceUID={CtStudy}", "127.0.0.1", qr.PortText);

            Assert.True(exit == 0, log + qr.Process.Output);
            Assert.Contains("1 completed, 0 failed", log, StringComparison.Ordinal);
            var file = Assert.Single(Directory.GetFiles(target));
            var (_, uid) = await ExternalProcess.DcmtkAsync("dcmdump", "-s", "+P", "0008,0018", Repository.Corpus("ct_small_evrle.dcm"));
            var start = uid.IndexOf('[', StringComparison.Ordinal);
            Assert.Equal(uid[(start + 1)..uid.IndexOf(']', start)].TrimEnd('\0') + ".dcm", Path.GetFileName(file));
            Assert.Equal(await Dcmdump.DataSetAsync(Repository.Corpus("ct_small_evrle.dcm")), await Dcmdump.DataSetAsync(file));
        }
        finally
        {
            output.Delete(recursive: true);
        }
    }

    [DcmtkFact]
    public async Task PatientRootGetOfEveryPatientWritesEveryInstance()
    {
        string[] files = ["ct_small_evrle.dcm", "mr_small_evrle.dcm", "mr_qa_1_evrle.dcm"];
        await using var qr = await Dcmqrscp.StartAsync(files);
        var output = Directory.CreateTempSubdirectory("tessera-get-");
        try
        {
            var (exit, log) = await ExternalProcess.TesseraAsync("get", "--aec", "QRSCP", "--patient-root", "--level", "PATIENT", "--out", output.FullName, "-k", "PatientID=*", "127.0.0.1", qr.PortText);

            // dcmqrscp answers a universal patient-level C-GET; whatever it matched must arrive complete.
            Assert.True(exit == 0, log + qr.Process.Output);
            var received = Directory.GetFiles(output.FullName, "*.dcm");
            Assert.Equal(files.Length, received.Length);
            var originals = await Task.WhenAll(files.Select(f => Dcmdump.DataSetAsync(Repository.Corpus(f))));
            foreach (var file in received)
            {
                Assert.Contains(await Dcmdump.DataSetAsync(file), originals);
            }
        }
        finally
        {
            output.Delete(recursive: true);
        }
    }
}
