using Tessera.Dicom;
using Tessera.Dicom.IO;
using Tessera.Dimse.Messages;
using Tessera.Dimse.Negotiation;
using Tessera.Dimse.Network;
using Tessera.Dimse.Services;
using Tessera.Dimse.Tests.Interop;

namespace Tessera.Dimse.Tests.Services;

/// <summary>
/// One C-STORE at a time, the next instance is opened and read while the peer files the current one: as a client's
/// C-STOREs, a C-GET's and a C-MOVE's sub-operations. Each test's receiver files an instance only once the next was
/// opened, and would wait 5 s in vain without the read-ahead.
/// </summary>
public sealed class ReadAheadTests
{
    [Fact]
    public async Task AClientOpensTheNextInstanceWhileThePeerFilesThisOne()
    {
        var probe = new ReadAheadProbe();
        var instances = probe.Instances(await DicomInstanceSource.FromFileAsync(Dcmtk.Corpus("ct_small_evrle.dcm")), 3);
        await using var server = await QueryRetrieveTests.StartAsync(new DicomServerHandlers { Store = probe.Handler() }, o => o with { StorageSopClasses = DicomPresentationContexts.StorageSopClasses });
        await using var client = await QueryRetrieveTests.ConnectAsync(server, DicomPresentationContexts.ForInstances(instances));

        for (var i = 0; i < instances.Count; i++)
        {
            var response = await client.StoreInstanceAsync(instances[i], i + 1 < instances.Count ? instances[i + 1] : null, null, null, QueryRetrieveTests.Cancel());
            Assert.Equal(DimseStatus.Success, response.Status);
        }

        Assert.Equal([true, true], probe.NextOpenedWhileFiling);
        await AssertReceivedAsIsAsync(probe, 3);
    }

    [Fact]
    public async Task AStoreOfAnotherInstanceThanTheOneNamedNextStillSendsIt()
    {
        var probe = new ReadAheadProbe();
        var instances = probe.Instances(await DicomInstanceSource.FromFileAsync(Dcmtk.Corpus("ct_small_evrle.dcm")), 3);
        var store = new TestHandlers.MemoryStoreHandler();
        await using var server = await QueryRetrieveTests.StartAsync(new DicomServerHandlers { Store = store }, o => o with { StorageSopClasses = DicomPresentationContexts.StorageSopClasses });
        await using var client = await QueryRetrieveTests.ConnectAsync(server, DicomPresentationContexts.ForInstances(instances));

        // Named the second, then sends the third: the second's preparation is discarded, the third prepared anew.
        Assert.Equal(DimseStatus.Success, (await client.StoreInstanceAsync(instances[0], instances[1], null, null, QueryRetrieveTests.Cancel())).Status);
        Assert.Equal(DimseStatus.Success, (await client.StoreInstanceAsync(instances[2], null, null, null, QueryRetrieveTests.Cancel())).Status);

        Assert.Equal([instances[0].SopInstanceUid, instances[2].SopInstanceUid], store.Received.Select(r => r.SopInstanceUid));
    }

    [Fact]
    public async Task AGetOpensTheNextInstanceWhileTheRequestorFilesThisOne()
    {
        var probe = new ReadAheadProbe();
        var instances = probe.Instances(await DicomInstanceSource.FromFileAsync(Dcmtk.Corpus("ct_small_evrle.dcm")), 3);
        await using var server = await QueryRetrieveTests.StartAsync(new DicomServerHandlers { Get = new TestHandlers.RetrieveHandler(instances) });
        await using var client = await QueryRetrieveTests.ConnectAsync(server, DicomPresentationContexts.ForGet());

        var result = await client.GetAsync(DicomUids.StudyRootQueryRetrieveInformationModelGet, TestHandlers.Study(string.Empty, "1.2.3"), probe.Handler(), null, QueryRetrieveTests.Cancel());

        Assert.Equal(DimseStatus.Success, result.Status);
        Assert.Equal([true, true], probe.NextOpenedWhileFiling);
        await AssertReceivedAsIsAsync(probe, 3);
    }

    [Fact]
    public async Task AMoveOpensTheNextInstanceWhileTheDestinationFilesThisOne()
    {
        var probe = new ReadAheadProbe();
        var instances = probe.Instances(await DicomInstanceSource.FromFileAsync(Dcmtk.Corpus("ct_small_evrle.dcm")), 3);
        await using var destination = await QueryRetrieveTests.StartAsync(new DicomServerHandlers { Store = probe.Handler() }, o => o with { AETitle = "DEST", StorageSopClasses = DicomPresentationContexts.StorageSopClasses });
        var table = new ApplicationEntityTable([new RemoteApplicationEntity("DEST", "127.0.0.1", destination.LocalEndPoint!.Port)]);
        await using var server = await QueryRetrieveTests.StartAsync(new DicomServerHandlers { Move = new TestHandlers.RetrieveHandler(instances), ApplicationEntities = table });
        await using var client = await QueryRetrieveTests.ConnectAsync(server, DicomPresentationContexts.Scu(DicomPresentationContexts.MoveSopClasses));

        var result = await client.MoveAsync(DicomUids.StudyRootQueryRetrieveInformationModelMove, "DEST", TestHandlers.Study(string.Empty, "1.2.3"), null, QueryRetrieveTests.Cancel());

        Assert.Equal(DimseStatus.Success, result.Status);
        Assert.Equal([true, true], probe.NextOpenedWhileFiling);
        await AssertReceivedAsIsAsync(probe, 3);
    }

    [Fact]
    public async Task APreparationIsClosedWhenNoStoreTakesIt()
    {
        var source = await DicomInstanceSource.FromFileAsync(Dcmtk.Corpus("ct_small_evrle.dcm"));
        var streams = new List<Stream>();
        var tracked = source with
        {
            OpenDataSet = async cancellationToken =>
            {
                var stream = await source.OpenDataSet(cancellationToken);
                lock (streams)
                {
                    streams.Add(stream);
                }

                return stream;
            },
        };
        var other = source with { SopInstanceUid = "1.2.3.4" };
        AcceptedPresentationContext[] contexts = [new(1, source.SopClassUid, source.TransferSyntaxUid, RequestorIsScu: true, RequestorIsScp: false)];

        // Replaced by another preparation, and left at disposal: both closed.
        var readAhead = new InstanceReadAhead();
        readAhead.Begin(tracked, contexts);
        readAhead.Begin(tracked with { SopInstanceUid = "1.2.3.5" }, contexts);
        var (transfer, _) = await readAhead.TakeAsync(other, contexts, CancellationToken.None);
        await transfer!.DisposeAsync();
        await readAhead.DisposeAsync();

        await WaitForAsync(() => { lock (streams) { return streams.Count == 2 && streams.All(s => !s.CanRead); } });
    }

    [Fact]
    public async Task APreparationsFailureIsThrownByTheStoreThatTakesIt()
    {
        var source = await DicomInstanceSource.FromFileAsync(Dcmtk.Corpus("ct_small_evrle.dcm"));
        var gone = source with { OpenDataSet = _ => ValueTask.FromException<Stream>(new FileNotFoundException("gone")) };
        AcceptedPresentationContext[] contexts = [new(1, source.SopClassUid, source.TransferSyntaxUid, RequestorIsScu: true, RequestorIsScp: false)];
        await using var readAhead = new InstanceReadAhead();

        readAhead.Begin(gone, contexts);

        await Assert.ThrowsAsync<FileNotFoundException>(() => readAhead.TakeAsync(gone, contexts, CancellationToken.None));
    }

    private static async Task AssertReceivedAsIsAsync(ReadAheadProbe probe, int count)
    {
        var file = await DicomFile.OpenAsync(Dcmtk.Corpus("ct_small_evrle.dcm"));
        var expected = File.ReadAllBytes(Dcmtk.Corpus("ct_small_evrle.dcm"))[(int)file.DatasetOffset..];
        Assert.Equal(count, probe.Received.Count);
        Assert.All(probe.Received, bytes => Assert.Equal(expected, bytes));
    }

    private static async Task WaitForAsync(Func<bool> condition)
    {
        for (var i = 0; i < 200 && !condition(); i++)
        {
            await Task.Delay(25);
        }

        Assert.True(condition());
    }
}
