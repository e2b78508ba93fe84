using System.Globalization;
using System.Text.RegularExpressions;
using Tessera.Dicom;
using Tessera.Dimse.Messages;
using Tessera.Dimse.Negotiation;
using Tessera.Dimse.Network;
using Tessera.Dimse.Services;
using Tessera.Dimse.Tests.Services;

namespace Tessera.Dimse.Tests.Interop;

/// <summary>Query/Retrieve with DCMTK: its SCUs against DicomServer, DicomClient against dcmqrscp and wlmscpfs.</summary>
public sealed partial class QueryRetrieveInteropTests
{
    private const string CtSmall = "ct_small_evrle.dcm";
    private const string MrSmall = "mr_small_evrle.dcm";

    [DcmtkFact]
    public async Task FindscuReceivesEveryMatch()
    {
        var handler = new TestHandlers.FindHandler([TestHandlers.Study("Doe^John", "1.2.3.1"), TestHandlers.Study("Doe^Jane", "1.2.3.2"), TestHandlers.Study("Roe^Rick", "1.2.3.3")]);
        await using var server = await QueryRetrieveTests.StartAsync(new DicomServerHandlers { Find = handler });

        var (exit, output) = await Dcmtk.RunAsync("findscu", "-v", "-S", "-aec", "TESSERA", "-k", "QueryRetrieveLevel=STUDY", "-k", "PatientName=Doe*", "-k", "StudyInstanceUID", "127.0.0.1", Port(server));

        Assert.True(exit == 0, output);
        Assert.True(PendingResponse().Matches(output).Count == 3, output);
        Assert.Contains("1.2.3.2", output, StringComparison.Ordinal);
        Assert.Contains("Received Final Find Response (Success)", output, StringComparison.Ordinal);
        Assert.Equal("Doe*", handler.LastIdentifier!.GetString(DicomTags.PatientName));
    }

    [DcmtkFact]
    public async Task FindscuCancelEndsTheSearchWithCancelStatus()
    {
        var matches = Enumerable.Range(1, 40).Select(i => TestHandlers.Study($"P{i}", $"1.2.{i}")).ToList();
        var handler = new TestHandlers.FindHandler(matches, TimeSpan.FromMilliseconds(50));
        await using var server = await QueryRetrieveTests.StartAsync(new DicomServerHandlers { Find = handler });

        var (exit, output) = await Dcmtk.RunAsync("findscu", "-v", "-S", "--cancel", "2", "-aec", "TESSERA", "-k", "QueryRetrieveLevel=STUDY", "-k", "PatientName", "127.0.0.1", Port(server));

        Assert.True(exit == 0, output);
        Assert.True(output.Contains("Sending Cancel Request", StringComparison.OrdinalIgnoreCase), output);
        Assert.True(output.Contains("MatchingTerminatedDueToCancelRequest", StringComparison.OrdinalIgnoreCase), output);
        Assert.True(handler.Yielded < 40, $"the handler went on to {handler.Yielded}");
    }

    [DcmtkFact]
    public async Task GetscuReceivesTheOriginals()
    {
        var files = new[] { Dcmtk.Corpus(CtSmall), Dcmtk.Corpus(MrSmall) };
        var sources = await Task.WhenAll(files.Select(f => DicomInstanceSource.FromFileAsync(f)));
        await using var server = await QueryRetrieveTests.StartAsync(new DicomServerHandlers { Get = new TestHandlers.RetrieveHandler(sources) });
        var output = Directory.CreateTempSubdirectory("tessera-getscu-");
        try
        {
            var (exit, log) = await Dcmtk.RunAsync("getscu", "-v", "-S", "-aec", "TESSERA", "-od", output.FullName, "-k", "QueryRetrieveLevel=STUDY", "-k", "StudyInstanceUID=1.2.3", "127.0.0.1", Port(server));

            Assert.True(exit == 0, log);
            Assert.Equal(2, output.GetFiles().Length);
            foreach (var (file, source) in files.Zip(sources))
            {
                var received = Assert.Single(output.GetFiles(), f => f.Name.Contains(source.SopInstanceUid, StringComparison.Ordinal));
                Assert.Equal(await DumpDataSetAsync(file), await DumpDataSetAsync(received.FullName));
            }
        }
        finally
        {
            output.Delete(true);
        }
    }

    [DcmtkFact]
    public async Task MovescuThroughDicomServerToStorescp()
    {
        var port = Dcmtk.FreePort();
        var output = Directory.CreateTempSubdirectory("tessera-move-storescp-");
        using var storescp = Dcmtk.Start("storescp", "-aet", "STORESCP", "-od", output.FullName, port.ToString(CultureInfo.InvariantCulture));
        try
        {
            await Dcmtk.WaitForListenerAsync(port);
            var sources = await Task.WhenAll(new[] { CtSmall, MrSmall }.Select(f => DicomInstanceSource.FromFileAsync(Dcmtk.Corpus(f))));
            var table = new ApplicationEntityTable([new RemoteApplicationEntity("STORESCP", "127.0.0.1", port)]);
            await using var server = await QueryRetrieveTests.StartAsync(new DicomServerHandlers { Move = new TestHandlers.RetrieveHandler(sources), ApplicationEntities = table });

            var (exit, log) = await Dcmtk.RunAsync("movescu", "-v", "-S", "-aec", "TESSERA", "-aem", "STORESCP", "-k", "QueryRetrieveLevel=STUDY", "-k", "StudyInstanceUID=1.2.3", "127.0.0.1", Port(server));

            Assert.True(exit == 0, log);
            Assert.Contains("Received Final Move Response (Success)", log, StringComparison.Ordinal);
            var received = output.GetFiles().Select(f => f.Name).ToList();
            Assert.Equal(2, received.Count);
            Assert.All(sources, s => Assert.Contains(received, r => r.Contains(s.SopInstanceUid, StringComparison.Ordinal)));
        }
        finally
        {
            storescp.Kill();
            await storescp.WaitForExitAsync();
            output.Delete(true);
        }
    }

    [DcmtkFact]
    public async Task DicomClientFindMoveGetAgainstDcmqrscp()
    {
        var root = Directory.CreateTempSubdirectory("tessera-dcmqrscp-");
        var qrPort = Dcmtk.FreePort();
        var store = new TestHandlers.MemoryStoreHandler();
        await using var destination = await QueryRetrieveTests.StartAsync(new DicomServerHandlers { Store = store }, o => o with { AETitle = "TESSERA", StorageSopClasses = DicomPresentationContexts.StorageSopClasses });
        var db = Directory.CreateDirectory(Path.Combine(root.FullName, "db"));
        var config = Path.Combine(root.FullName, "dcmqrscp.cfg");
        await File.WriteAllTextAsync(config, $"""
            NetworkTCPPort  = {qrPort}
            MaxPDUSize      = 16384
            MaxAssociations = 16

            HostTable BEGIN
            tessera = (TESSERA, 127.0.0.1, {destination.LocalEndPoint!.Port})
            HostTable END

            VendorTable BEGIN
            VendorTable END

            AETable BEGIN
            QRSCP {db.FullName} RW (200, 1024mb) ANY
            AETable END
            """);
        // Forking mode: in --single-process mode DCMTK 3.6.7 stopped after the first association.
        using var qrscp = Dcmtk.Start("dcmqrscp", "-c", config);
        try
        {
            await Dcmtk.WaitForListenerAsync(qrPort);
            var (exit, log) = await Dcmtk.RunAsync("storescu", "-aec", "QRSCP", "127.0.0.1", qrPort.ToString(CultureInfo.InvariantCulture), Dcmtk.Corpus(CtSmall), Dcmtk.Corpus(MrSmall));
            Assert.True(exit == 0, log);
            var ct = await DicomInstanceSource.FromFileAsync(Dcmtk.Corpus(CtSmall));
            var studyUid = "1.3.6.1.4.1.5962.1.2.1.20040119072730.12322";

            await using (var client = await ConnectAsync(qrPort, [.. DicomPresentationContexts.Scu([.. DicomPresentationContexts.FindSopClasses, .. DicomPresentationContexts.MoveSopClasses])]))
            {
                var studies = new List<DicomDataset>();
                var find = await client.FindAsync(DicomUids.StudyRootQueryRetrieveInformationModelFind, Query("STUDY", string.Empty), (d, _) => { studies.Add(d); return ValueTask.CompletedTask; }, QueryRetrieveTests.Cancel());
                Assert.Equal(DimseStatus.Success, find.Status);
                Assert.Equal(2, studies.Count);
                Assert.Contains(studies, s => s.GetString(DicomTags.StudyInstanceUID) == studyUid);

                var progress = new List<SubOperationCounts>();
                var move = await client.MoveAsync(DicomUids.StudyRootQueryRetrieveInformationModelMove, "TESSERA", Query("STUDY", studyUid), new QueryRetrieveTests.SynchronousProgress<SubOperationCounts>(progress.Add), QueryRetrieveTests.Cancel());
                Assert.Equal(DimseStatus.Success, move.Status);
                Assert.Equal(1, move.Counts.Completed);
                Assert.Equal(ct.SopInstanceUid, Assert.Single(store.Received).SopInstanceUid);
                await client.ReleaseAsync(QueryRetrieveTests.Cancel());
            }

            await using (var client = await ConnectAsync(qrPort, DicomPresentationContexts.ForGet()))
            {
                var got = new TestHandlers.MemoryStoreHandler();
                var get = await client.GetAsync(DicomUids.StudyRootQueryRetrieveInformationModelGet, Query("STUDY", studyUid), got, null, QueryRetrieveTests.Cancel());
                Assert.Equal(DimseStatus.Success, get.Status);
                Assert.Equal(new SubOperationCounts(0, 1, 0, 0), get.Counts);
                var received = Assert.Single(got.Received);
                Assert.Equal(ct.SopInstanceUid, received.SopInstanceUid);
                await client.ReleaseAsync(QueryRetrieveTests.Cancel());
            }
        }
        finally
        {
            qrscp.Kill();
            await qrscp.WaitForExitAsync();
            root.Delete(true);
        }
    }

    [DcmtkFact]
    public async Task DicomClientFindAgainstWlmscpfs()
    {
        using var worklist = await WorklistFolder.CreateAsync();
        var port = Dcmtk.FreePort();
        using var wlm = Dcmtk.Start("wlmscpfs", "-dfp", worklist.Root.FullName, port.ToString(CultureInfo.InvariantCulture));
        try
        {
            await Dcmtk.WaitForListenerAsync(port);
            await using var client = await ConnectAsync(port, DicomPresentationContexts.Scu([DicomUids.ModalityWorklistInformationModelFind]), WorklistFolder.AETitle);
            var query = new DicomDataset();
            query.AddOrUpdate(DicomTags.PatientName, DicomVR.PN, string.Empty);
            query.AddOrUpdate(DicomTags.AccessionNumber, DicomVR.SH, string.Empty);
            var step = new DicomDataset();
            step.AddOrUpdate(DicomTags.Modality, DicomVR.CS, "CT");
            step.AddOrUpdate(DicomTags.ScheduledStationAETitle, DicomVR.AE, string.Empty);
            step.AddOrUpdate(DicomTags.ScheduledProcedureStepStartDate, DicomVR.DA, string.Empty);
            query.Add(new DicomSequence(DicomTags.ScheduledProcedureStepSequence, [step]));
            var items = new List<DicomDataset>();

            var result = await client.FindAsync(DicomUids.ModalityWorklistInformationModelFind, query, (d, _) => { items.Add(d); return ValueTask.CompletedTask; }, QueryRetrieveTests.Cancel());

            Assert.Equal(DimseStatus.Success, result.Status);
            var item = Assert.Single(items);
            Assert.Equal("Doe^John", item.GetString(DicomTags.PatientName));
            Assert.Equal("ACC001", item.GetString(DicomTags.AccessionNumber));
            var returnedStep = Assert.Single(Assert.IsType<DicomSequence>(item[DicomTags.ScheduledProcedureStepSequence]).Items);
            Assert.Equal("CTSCANNER", returnedStep.GetString(DicomTags.ScheduledStationAETitle));
            await client.ReleaseAsync(QueryRetrieveTests.Cancel());
        }
        finally
        {
            wlm.Kill();
            await wlm.WaitForExitAsync();
        }
    }

    private static DicomDataset Query(string level, string studyUid)
    {
        var ds = new DicomDataset();
        ds.AddOrUpdate(DicomTags.QueryRetrieveLevel, DicomVR.CS, level);
        ds.AddOrUpdate(DicomTags.StudyInstanceUID, DicomVR.UI, studyUid);
        ds.AddOrUpdate(DicomTags.PatientName, DicomVR.PN, string.Empty);
        return ds;
    }

    private static Task<DicomClient> ConnectAsync(int port, IReadOnlyList<PresentationContextProposal> contexts, string calledAE = "QRSCP") =>
        DicomClient.ConnectAsync(
            new DicomClientOptions
            {
                Host = "127.0.0.1",
                Port = port,
                CalledAETitle = calledAE,
                CallingAETitle = "TESSERA",
                PresentationContexts = contexts,
            },
            cancellationToken: QueryRetrieveTests.Cancel());

    /// <summary>The data set as dcmdump prints it, without the file meta group (which each writer fills its own way).</summary>
    private static async Task<string> DumpDataSetAsync(string file)
    {
        var (exit, output) = await Dcmtk.RunAsync("dcmdump", "-q", "+L", file);
        Assert.True(exit == 0, output);
        // Sequence and item lengths (explicit or undefined) are the writer's choice, not the data set's content.
        return string.Join('\n', output.Split('\n')
            .Where(l => !l.StartsWith("(0002,", StringComparison.Ordinal) && !l.StartsWith('#') && l.Length > 0 && !l.Contains("Delimitation", StringComparison.Ordinal))
            .Select(l => l.Contains(" SQ (", StringComparison.Ordinal) || l.Contains(" na (", StringComparison.Ordinal) ? l.TrimStart()[..14] + l[l.LastIndexOf(' ')..] : l));
    }

    private static string Port(DicomServer server) => server.LocalEndPoint!.Port.ToString(CultureInfo.InvariantCulture);

    [GeneratedRegex("Find Response: [0-9]+ \\(Pending\\)")]
    private static partial Regex PendingResponse();
}
