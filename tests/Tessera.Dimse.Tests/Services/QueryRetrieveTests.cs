using System.Net;
using Tessera.Dicom;
using Tessera.Dimse.Messages;
using Tessera.Dimse.Negotiation;
using Tessera.Dimse.Network;
using Tessera.Dimse.Services;
using Tessera.Dimse.Tests.Interop;

namespace Tessera.Dimse.Tests.Services;

/// <summary>DicomClient's C-FIND/C-MOVE/C-GET against DicomServer's handlers, over loopback TCP.</summary>
public sealed class QueryRetrieveTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task FindReturnsEveryMatchThenSuccess()
    {
        var handler = new TestHandlers.FindHandler([TestHandlers.Study("Doe^John", "1.2.3.1"), TestHandlers.Study("Doe^Jane", "1.2.3.2"), TestHandlers.Study("Roe^Rick", "1.2.3.3")]);
        await using var server = await StartAsync(new DicomServerHandlers { Find = handler });
        await using var client = await ConnectAsync(server, DicomPresentationContexts.Scu(DicomPresentationContexts.FindSopClasses));
        var received = new List<DicomDataset>();
        var query = TestHandlers.Study("Doe*", string.Empty);

        var result = await client.FindAsync(DicomUids.StudyRootQueryRetrieveInformationModelFind, query, (d, _) => { received.Add(d); return ValueTask.CompletedTask; }, Cancel());

        Assert.Equal(DimseStatus.Success, result.Status);
        Assert.Equal(3, result.Matches);
        Assert.Equal(["1.2.3.1", "1.2.3.2", "1.2.3.3"], received.Select(d => d.GetString(DicomTags.StudyInstanceUID)));
        Assert.Equal("Doe*", handler.LastIdentifier!.GetString(DicomTags.PatientName));
        Assert.Equal(DicomUids.StudyRootQueryRetrieveInformationModelFind, handler.LastSopClass);
        await client.ReleaseAsync(Cancel());
    }

    [Fact]
    public async Task FindWithUnsupportedOptionalKeysSendsPendingWarning()
    {
        var handler = new TestHandlers.FindHandler([TestHandlers.Study("A", "1.1")]) { OptionalKeysSupported = false };
        await using var server = await StartAsync(new DicomServerHandlers { Find = handler });
        await using var client = await ConnectAsync(server, DicomPresentationContexts.Scu(DicomPresentationContexts.FindSopClasses));
        var statuses = new List<ushort?>();
        var operation = await client.Association.StartRequestAsync(DimseCommands.CFindRq(0, DicomUids.StudyRootQueryRetrieveInformationModelFind), EncodeExplicit(TestHandlers.Study("*", string.Empty)), null, Cancel());
        while (true)
        {
            var response = await client.Association.NextResponseAsync(operation, Cancel());
            statuses.Add(response.Command.Status);
            if (response.DataSet is { } data)
            {
                await data.CompleteAsync();
            }

            if (response.Command.Status != DimseStatus.PendingWarning.Code)
            {
                break;
            }
        }

        Assert.Equal(new ushort?[] { 0xFF01, 0x0000 }, statuses);
    }

    [Fact]
    public async Task FindAsAsyncStreamYieldsTheMatches()
    {
        var handler = new TestHandlers.FindHandler([TestHandlers.Study("A", "1.1"), TestHandlers.Study("B", "1.2")]);
        await using var server = await StartAsync(new DicomServerHandlers { Find = handler });
        await using var client = await ConnectAsync(server, DicomPresentationContexts.Scu(DicomPresentationContexts.FindSopClasses));
        var names = new List<string?>();
        await foreach (var match in client.FindAsync(DicomUids.PatientRootQueryRetrieveInformationModelFind, TestHandlers.Study("*", string.Empty), Cancel()))
        {
            names.Add(match.GetString(DicomTags.PatientName));
        }

        Assert.Equal(["A", "B"], names);
    }

    [Fact]
    public async Task LeavingTheAsyncStreamEarlyCancelsTheFindAndKeepsTheAssociation()
    {
        var matches = Enumerable.Range(1, 50).Select(i => TestHandlers.Study($"P{i}", $"1.2.{i}")).ToList();
        var handler = new TestHandlers.FindHandler(matches, TimeSpan.FromMilliseconds(20));
        await using var server = await StartAsync(new DicomServerHandlers { Find = handler });
        await using var client = await ConnectAsync(server, DicomPresentationContexts.Scu(DicomPresentationContexts.FindSopClasses));

        await foreach (var match in client.FindAsync(DicomUids.StudyRootQueryRetrieveInformationModelFind, TestHandlers.Study("*", string.Empty), Cancel()))
        {
            Assert.Equal("P1", match.GetString(DicomTags.PatientName));
            break;
        }

        Assert.True(handler.Yielded < 50, $"the handler went on to {handler.Yielded}");
        Assert.Equal(DimseStatus.Success, await client.EchoAsync(Cancel()));
    }

    [Fact]
    public async Task CancellingAFindSendsCCancelAndGetsTheCancelStatus()
    {
        var matches = Enumerable.Range(1, 50).Select(i => TestHandlers.Study($"P{i}", $"1.2.{i}")).ToList();
        var handler = new TestHandlers.FindHandler(matches, TimeSpan.FromMilliseconds(50));
        await using var server = await StartAsync(new DicomServerHandlers { Find = handler });
        await using var client = await ConnectAsync(server, DicomPresentationContexts.Scu(DicomPresentationContexts.FindSopClasses));
        using var cancel = new CancellationTokenSource();
        var result = await client.FindAsync(
            DicomUids.StudyRootQueryRetrieveInformationModelFind,
            TestHandlers.Study("*", string.Empty),
            (_, _) =>
            {
                cancel.Cancel();
                return ValueTask.CompletedTask;
            },
            cancel.Token);

        Assert.True(result.CancelRequested);
        Assert.Equal(DimseStatus.Cancel, result.Status);
        Assert.InRange(result.Matches, 1, 5);
        Assert.True(handler.Yielded < 50, $"the handler went on to {handler.Yielded}");

        // The association survives the cancel: another operation works on it.
        Assert.Equal(DimseStatus.Success, await client.EchoAsync(Cancel()));
    }

    [Fact]
    public async Task FindHandlerThatThrowsGivesUnableToProcessWithErrorCommentAndKeepsTheAssociation()
    {
        var handler = new TestHandlers.FindHandler([]) { Throw = new InvalidOperationException("index offline") };
        await using var server = await StartAsync(new DicomServerHandlers { Find = handler });
        await using var client = await ConnectAsync(server, DicomPresentationContexts.Scu(DicomPresentationContexts.FindSopClasses));

        var result = await client.FindAsync(DicomUids.StudyRootQueryRetrieveInformationModelFind, TestHandlers.Study("*", string.Empty), (_, _) => ValueTask.CompletedTask, Cancel());

        Assert.Equal(DimseStatus.CannotUnderstand, result.Status);
        Assert.Equal("index offline", result.ErrorComment);
        Assert.Equal(DimseStatus.Success, await client.EchoAsync(Cancel()));
    }

    [Fact]
    public async Task FindStopsAtTheConfiguredMaximumWithOutOfResources()
    {
        var handler = new TestHandlers.FindHandler(Enumerable.Range(1, 10).Select(i => TestHandlers.Study($"P{i}", $"1.2.{i}")).ToList());
        await using var server = await StartAsync(new DicomServerHandlers { Find = handler }, o => o with { MaxFindResults = 4 });
        await using var client = await ConnectAsync(server, DicomPresentationContexts.Scu(DicomPresentationContexts.FindSopClasses));

        var result = await client.FindAsync(DicomUids.StudyRootQueryRetrieveInformationModelFind, TestHandlers.Study("*", string.Empty), (_, _) => ValueTask.CompletedTask, Cancel());

        Assert.Equal(4, result.Matches);
        Assert.Equal(DimseStatus.OutOfResources, result.Status);
        Assert.Contains("More than 4", result.ErrorComment, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetSendsTheInstancesOnTheSameAssociationConvertingImplicitToExplicit()
    {
        var ct = await DicomInstanceSource.FromFileAsync(Dcmtk.Corpus("ct_small_evrle.dcm"));
        var rtplan = await DicomInstanceSource.FromFileAsync(Dcmtk.Corpus("rtplan.dcm"));
        var retrieve = new TestHandlers.RetrieveHandler([ct, rtplan]);
        await using var server = await StartAsync(new DicomServerHandlers { Get = retrieve }, o => o with { TransferSyntaxes = [DimseUids.ExplicitVRLittleEndian] });
        await using var client = await ConnectAsync(server, DicomPresentationContexts.ForGet());
        var store = new TestHandlers.MemoryStoreHandler();
        var progress = new List<SubOperationCounts>();

        var result = await client.GetAsync(DicomUids.StudyRootQueryRetrieveInformationModelGet, TestHandlers.Study(string.Empty, "1.2.3"), store, new SynchronousProgress<SubOperationCounts>(progress.Add), Cancel());

        Assert.Equal(DimseStatus.Success, result.Status);
        Assert.Equal(new SubOperationCounts(0, 2, 0, 0), result.Counts);
        Assert.Equal([new SubOperationCounts(1, 1, 0, 0)], progress);
        Assert.Equal(2, store.Received.Count);
        // The explicit file goes byte for byte; the implicit one is re-encoded as Explicit VR LE, the only syntax accepted.
        Assert.Equal(Dcmtk.DataSetOf(Dcmtk.Corpus("ct_small_evrle.dcm")), store.Received[0].Bytes);
        Assert.All(store.Received, r => Assert.Equal(DimseUids.ExplicitVRLittleEndian, r.TransferSyntax));
        var plan = new DicomDatasetReaderHarness(store.Received[1].Bytes, DimseUids.ExplicitVRLittleEndian).Dataset;
        Assert.Equal("1.2.777.777.77.7.7777.7777.20030903150023", plan.GetString(DicomTags.SOPInstanceUID));
    }

    [Fact]
    public async Task GetOfACompressedInstanceThatOnlyNativeContextsCanCarryFailsThatSubOperation()
    {
        var ct = await DicomInstanceSource.FromFileAsync(Dcmtk.Corpus("ct_small_evrle.dcm"));
        var jpegLs = await DicomInstanceSource.FromFileAsync(Dcmtk.Corpus("sc_jlsn_8bit.dcm"));
        var retrieve = new TestHandlers.RetrieveHandler([ct, jpegLs]);
        await using var server = await StartAsync(new DicomServerHandlers { Get = retrieve });
        await using var client = await ConnectAsync(server, DicomPresentationContexts.ForGet());
        var store = new TestHandlers.MemoryStoreHandler();

        var result = await client.GetAsync(DicomUids.StudyRootQueryRetrieveInformationModelGet, TestHandlers.Study(string.Empty, "1.2.3"), store, null, Cancel());

        Assert.Equal(DimseStatus.SubOperationsCompleteWithFailures, result.Status);
        Assert.Equal(new SubOperationCounts(0, 1, 1, 0), result.Counts);
        Assert.Equal([jpegLs.SopInstanceUid], result.FailedSopInstanceUids);
        Assert.Single(store.Received);
    }

    [Fact]
    public async Task MoveStoresToTheDestinationFromTheAETable()
    {
        var destinationStore = new TestHandlers.MemoryStoreHandler();
        await using var destination = await StartAsync(new DicomServerHandlers { Store = destinationStore }, o => o with { AETitle = "DEST", StorageSopClasses = DicomPresentationContexts.StorageSopClasses });
        var ct = await DicomInstanceSource.FromFileAsync(Dcmtk.Corpus("ct_small_evrle.dcm"));
        var mr = await DicomInstanceSource.FromFileAsync(Dcmtk.Corpus("mr_small_evrle.dcm"));
        var table = new ApplicationEntityTable([new RemoteApplicationEntity("DEST", "127.0.0.1", destination.LocalEndPoint!.Port)]);
        await using var server = await StartAsync(new DicomServerHandlers { Move = new TestHandlers.RetrieveHandler([ct, mr]), ApplicationEntities = table });
        await using var client = await ConnectAsync(server, DicomPresentationContexts.Scu(DicomPresentationContexts.MoveSopClasses));
        var progress = new List<SubOperationCounts>();

        var result = await client.MoveAsync(DicomUids.StudyRootQueryRetrieveInformationModelMove, "DEST", TestHandlers.Study(string.Empty, "1.2.3"), new SynchronousProgress<SubOperationCounts>(progress.Add), Cancel());

        Assert.Equal(DimseStatus.Success, result.Status);
        Assert.Equal(new SubOperationCounts(0, 2, 0, 0), result.Counts);
        Assert.Equal([new SubOperationCounts(1, 1, 0, 0)], progress);
        Assert.Equal([ct.SopInstanceUid, mr.SopInstanceUid], destinationStore.Received.Select(r => r.SopInstanceUid));
    }

    [Fact]
    public async Task MoveToAnUnknownDestinationIsRefusedWithA801()
    {
        await using var server = await StartAsync(new DicomServerHandlers { Move = new TestHandlers.RetrieveHandler([]), ApplicationEntities = new ApplicationEntityTable([]) });
        await using var client = await ConnectAsync(server, DicomPresentationContexts.Scu(DicomPresentationContexts.MoveSopClasses));

        var result = await client.MoveAsync(DicomUids.StudyRootQueryRetrieveInformationModelMove, "NOWHERE", TestHandlers.Study(string.Empty, "1.2.3"), null, Cancel());

        Assert.Equal(DimseStatus.MoveDestinationUnknown, result.Status);
        Assert.Contains("NOWHERE", result.ErrorComment, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StoreFileSendsTheStoredSyntaxWhenAcceptedAndConvertsOtherwise()
    {
        var store = new TestHandlers.MemoryStoreHandler();
        await using var server = await StartAsync(new DicomServerHandlers { Store = store }, o => o with { StorageSopClasses = DicomPresentationContexts.StorageSopClasses, TransferSyntaxes = [DimseUids.ImplicitVRLittleEndian, DimseUids.ExplicitVRLittleEndian] });
        var files = new[] { Dcmtk.Corpus("ct_small_evrle.dcm"), Dcmtk.Corpus("rtplan.dcm") };
        var sources = await Task.WhenAll(files.Select(f => DicomInstanceSource.FromFileAsync(f)));
        await using var client = await ConnectAsync(server, DicomPresentationContexts.ForInstances(sources));

        foreach (var file in files)
        {
            Assert.Equal(DimseStatus.Success, await client.StoreFileAsync(file, Cancel()));
        }

        // The server prefers Implicit VR LE, but the CT's own context offered only Explicit VR LE: sent as stored.
        Assert.Equal(DimseUids.ExplicitVRLittleEndian, store.Received[0].TransferSyntax);
        Assert.Equal(Dcmtk.DataSetOf(files[0]), store.Received[0].Bytes);
        Assert.Equal(DimseUids.ImplicitVRLittleEndian, store.Received[1].TransferSyntax);
        Assert.Equal(Dcmtk.DataSetOf(files[1]), store.Received[1].Bytes);
    }

    [Fact]
    public async Task StoreOfACompressedFileWithOnlyNativeContextsThrowsNotSupported()
    {
        await using var server = await StartAsync(new DicomServerHandlers { Store = new TestHandlers.MemoryStoreHandler() }, o => o with { StorageSopClasses = DicomPresentationContexts.StorageSopClasses });
        await using var client = await ConnectAsync(server, DicomPresentationContexts.Scu([DicomUids.SecondaryCaptureImageStorage]));

        var ex = await Assert.ThrowsAsync<NotSupportedException>(() => client.StoreFileAsync(Dcmtk.Corpus("sc_jlsn_8bit.dcm"), Cancel()));
        Assert.Contains("codec", ex.Message, StringComparison.Ordinal);
    }

    private static MemoryStream EncodeExplicit(DicomDataset dataSet)
    {
        var stream = new MemoryStream();
        new Tessera.Dicom.IO.DicomWriter(DicomTransferSyntax.ExplicitVRLittleEndian).Write(stream, dataSet);
        stream.Position = 0;
        return stream;
    }

    internal static CancellationToken Cancel() => new CancellationTokenSource(Timeout).Token;

    internal static async Task<DicomServer> StartAsync(DicomServerHandlers handlers, Func<DicomServerOptions, DicomServerOptions>? configure = null)
    {
        var options = new DicomServerOptions
        {
            AETitle = "TESSERA",
            Address = IPAddress.Loopback,
            Port = 0,
            ShutdownGracePeriod = TimeSpan.FromSeconds(2),
            Association = new DicomAssociationOptions { ArtimTimeout = TimeSpan.FromSeconds(5), DimseTimeout = TimeSpan.FromSeconds(20) },
        };
        var server = new DicomServer(configure?.Invoke(options) ?? options, handlers);
        await server.StartAsync(CancellationToken.None);
        return server;
    }

    internal static Task<DicomClient> ConnectAsync(DicomServer server, IReadOnlyList<PresentationContextProposal> contexts, string calledAE = "TESSERA") =>
        DicomClient.ConnectAsync(
            new DicomClientOptions
            {
                Host = "127.0.0.1",
                Port = server.LocalEndPoint!.Port,
                CalledAETitle = calledAE,
                CallingAETitle = "TESTSCU",
                PresentationContexts = contexts,
                Association = new DicomAssociationOptions { DimseTimeout = TimeSpan.FromSeconds(20) },
            },
            cancellationToken: Cancel());

    /// <summary>Progress that reports on the calling thread (Progress&lt;T&gt; posts to the thread pool, racing the assertions).</summary>
    internal sealed class SynchronousProgress<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }
}
