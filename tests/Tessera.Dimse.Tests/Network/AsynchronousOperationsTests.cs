using System.Buffers;
using Tessera.Dicom;
using Tessera.Dimse.Messages;
using Tessera.Dimse.Negotiation;
using Tessera.Dimse.Network;
using Tessera.Dimse.Pdus;
using Tessera.Dimse.Services;
using Tessera.Testing;

namespace Tessera.Dimse.Tests.Network;

/// <summary>
/// The asynchronous operations window (PS3.7 D.3.3.3) on the wire: operations overlap on one association as far as both
/// sides agreed, a requestor never exceeds what it got, and a peer that exceeds the window is refused, not queued.
/// </summary>
public sealed class AsynchronousOperationsTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task StoresOverlapOnOneAssociationUpToTheAgreedWindow()
    {
        var handler = new OverlapStoreHandler(expected: 4, hold: TimeSpan.FromSeconds(5));
        await using var server = await ServerFixture.StartAsync(handler, o => o with { Association = o.Association with { MaxOperationsPerformed = 4 } });
        var instances = await CtInstancesAsync(12);
        await using var client = await DicomClient.ConnectAsync(ClientOptions(server, instances, maxOperationsInvoked: 6));

        Assert.Equal(new OperationsWindow(4, 1), client.Association.OperationsWindow);
        var statuses = await Task.WhenAll(instances.Select(i => client.StoreAsync(i, CancellationToken.None)));
        await client.ReleaseAsync(CancellationToken.None);

        Assert.All(statuses, s => Assert.Equal(DimseStatus.Success, s));
        Assert.Equal(12, handler.Stored);
        Assert.Equal(4, handler.MostAtOnce);
    }

    [Fact]
    public async Task AServerThatPerformsOneAtATimeNarrowsTheWindowAndTheClientWaits()
    {
        // Each store is held 200 ms for a second one to join it, which must not happen.
        var handler = new OverlapStoreHandler(expected: 2, hold: TimeSpan.FromMilliseconds(200));
        await using var server = await ServerFixture.StartAsync(handler);
        var instances = await CtInstancesAsync(5);
        await using var client = await DicomClient.ConnectAsync(ClientOptions(server, instances, maxOperationsInvoked: 4));

        Assert.Equal(OperationsWindow.Synchronous, client.Association.OperationsWindow);
        var statuses = await Task.WhenAll(instances.Select(i => client.StoreAsync(i, CancellationToken.None)));

        Assert.All(statuses, s => Assert.Equal(DimseStatus.Success, s));
        Assert.Equal(1, handler.MostAtOnce);
    }

    [Fact]
    public async Task ARequestBeyondTheWindowIsRefusedWithResourceLimitationAndTheAssociationGoesOn()
    {
        var echo = new GatedEchoHandler();
        await using var server = await StartAsync(echo, maxOperationsPerformed: 4);
        await using var peer = await RawPeer.ConnectAsync(server.LocalEndPoint!);
        await peer.SendAsync(Rq(window: null));
        var accept = Assert.IsType<AAssociateAc>(await peer.ReceiveAsync(Wait));
        Assert.Null(accept.UserInformation.AsynchronousOperationsWindow);

        // No window was proposed, so it is 1: the second echo arrives while the first is performed.
        await peer.SendAsync(Echo(1));
        await echo.Entered.Task.WaitAsync(Wait);
        await peer.SendAsync(Echo(2));
        var refused = await ResponseAsync(peer);
        Assert.Equal((ushort)2, refused.MessageIDBeingRespondedTo);
        Assert.Equal(DimseStatus.ResourceLimitation.Code, refused.Status);
        Assert.Equal("Operations window of 1 exceeded (PS3.7 D.3.3.3)", refused.ErrorComment);

        echo.Release.SetResult();
        var first = await ResponseAsync(peer);
        Assert.Equal((ushort)1, first.MessageIDBeingRespondedTo);
        Assert.Equal(DimseStatus.Success.Code, first.Status);

        await peer.SendAsync(Echo(3));
        Assert.Equal(DimseStatus.Success.Code, (await ResponseAsync(peer)).Status);
    }

    [Fact]
    public async Task AMessageIdInUseByAnOperationInProgressIsRefusedAsDuplicateInvocation()
    {
        var echo = new GatedEchoHandler();
        await using var server = await StartAsync(echo, maxOperationsPerformed: 4);
        await using var peer = await RawPeer.ConnectAsync(server.LocalEndPoint!);
        await peer.SendAsync(Rq(window: new AsynchronousOperationsWindow(2, 1)));
        var accept = Assert.IsType<AAssociateAc>(await peer.ReceiveAsync(Wait));
        Assert.Equal(new AsynchronousOperationsWindow(2, 1), accept.UserInformation.AsynchronousOperationsWindow);

        await peer.SendAsync(Echo(7));
        await echo.Entered.Task.WaitAsync(Wait);
        await peer.SendAsync(Echo(7));
        var refused = await ResponseAsync(peer);
        Assert.Equal(DimseStatus.DuplicateInvocation.Code, refused.Status);

        echo.Release.SetResult();
        Assert.Equal(DimseStatus.Success.Code, (await ResponseAsync(peer)).Status);

        // Once answered, the ID is free again: a synchronous peer may number every request the same.
        await peer.SendAsync(Echo(7));
        Assert.Equal(DimseStatus.Success.Code, (await ResponseAsync(peer)).Status);
    }

    [Fact]
    public async Task TwoRequestsWithinAWindowOfTwoAreBothPerformed()
    {
        var echo = new GatedEchoHandler(expected: 2);
        await using var server = await StartAsync(echo, maxOperationsPerformed: 4);
        await using var peer = await RawPeer.ConnectAsync(server.LocalEndPoint!);
        await peer.SendAsync(Rq(window: new AsynchronousOperationsWindow(2, 1)));
        Assert.IsType<AAssociateAc>(await peer.ReceiveAsync(Wait));

        await peer.SendAsync(Echo(1));
        await peer.SendAsync(Echo(2));

        // Both are in the handler at once; only then are they let go.
        await echo.Entered.Task.WaitAsync(Wait);
        echo.Release.SetResult();
        var answered = new[] { await ResponseAsync(peer), await ResponseAsync(peer) };
        Assert.All(answered, r => Assert.Equal(DimseStatus.Success.Code, r.Status));
        Assert.Equal([(ushort)1, (ushort)2], answered.Select(r => r.MessageIDBeingRespondedTo!.Value).Order());
    }

    [Fact]
    public async Task APeerThatFloodsPastTheWindowIsAbortedInsteadOfQueued()
    {
        var echo = new GatedEchoHandler();
        var log = new RecordingLogger<DicomServer>();
        await using var server = await StartAsync(echo, maxOperationsPerformed: 1, dimseTimeout: TimeSpan.FromSeconds(1), logger: log);
        await using var peer = await RawPeer.ConnectAsync(server.LocalEndPoint!, receiveBufferSize: 4096);
        await peer.SendAsync(Rq(window: null));
        Assert.IsType<AAssociateAc>(await peer.ReceiveAsync(Wait));
        await peer.SendAsync(Echo(1));
        await echo.Entered.Task.WaitAsync(Wait);

        // Every further echo is refused on a task of its own; the peer sends them faster than they are answered, and once 16
        // wait to be sent the server aborts the association instead of piling up more.
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var batch = Enumerable.Range(2, 1000).SelectMany(id => PduEncoder.Encode(Echo((ushort)id))).ToArray();
        var sent = 0;
        try
        {
            while (watch.Elapsed < Wait)
            {
                await peer.SendAsync(batch);
                sent += 1000;
            }
        }
        catch (IOException)
        {
            // The server closed the connection: the point of the test.
        }

        Assert.True(watch.Elapsed < Wait, $"still connected after {sent} refused echoes");
        while (server.ActiveAssociations > 0)
        {
            Assert.True(watch.Elapsed < Wait, "the association did not end");
            await Task.Delay(20);
        }

        Assert.True(log.Has(1115, "Operations window of 1 exceeded"), string.Join("\n", log.Lines));
        Assert.True(log.Has(1101, "16 refused requests unanswered"), string.Join("\n", log.Lines));
    }

    [Fact]
    public async Task CGetSubOperationsOverlapAsFarAsTheRequestorPerformsAndTheCountsOnlyProgress()
    {
        var instances = await CtInstancesAsync(12);
        await using var server = await Services.QueryRetrieveTests.StartAsync(
            new DicomServerHandlers { Get = new Services.TestHandlers.RetrieveHandler(instances) },
            o => o with { Association = o.Association with { MaxOperationsInvoked = 8 } });
        await using var client = await DicomClient.ConnectAsync(ServerFixture.Client(server) with
        {
            PresentationContexts = DicomPresentationContexts.ForGet(),
            Association = new DicomAssociationOptions { MaxOperationsPerformed = 4, DimseTimeout = TimeSpan.FromSeconds(20) },
        });
        Assert.Equal(new OperationsWindow(1, 4), client.Association.OperationsWindow);
        var store = new OverlapStoreHandler(expected: 4, hold: TimeSpan.FromSeconds(5));
        var remaining = new List<int>();

        var result = await client.GetAsync(
            DicomUids.StudyRootQueryRetrieveInformationModelGet,
            Services.TestHandlers.Study(string.Empty, "1.2.3"),
            store,
            new Services.QueryRetrieveTests.SynchronousProgress<SubOperationCounts>(c => remaining.Add(c.Remaining)),
            CancellationToken.None);

        Assert.Equal(DimseStatus.Success, result.Status);
        Assert.Equal(12, result.Counts.Completed);
        Assert.Equal(12, store.Stored);
        Assert.Equal(4, store.MostAtOnce);
        Assert.Equal(Enumerable.Range(1, 11).Reverse(), remaining);
    }

    [Fact]
    public async Task CMoveSubOperationsOverlapAtADestinationThatAgrees()
    {
        var instances = await CtInstancesAsync(10);
        var store = new OverlapStoreHandler(expected: 3, hold: TimeSpan.FromSeconds(5));
        await using var destination = await ServerFixture.StartAsync(store, o => o with { AETitle = "DEST", Association = o.Association with { MaxOperationsPerformed = 3 } });
        var table = new ApplicationEntityTable([new RemoteApplicationEntity("DEST", "127.0.0.1", destination.LocalEndPoint!.Port)]);
        await using var server = await Services.QueryRetrieveTests.StartAsync(
            new DicomServerHandlers { Move = new Services.TestHandlers.RetrieveHandler(instances), ApplicationEntities = table },
            o => o with { OutboundMaxOperationsInvoked = 6 });
        await using var client = await Services.QueryRetrieveTests.ConnectAsync(server, DicomPresentationContexts.Scu(DicomPresentationContexts.MoveSopClasses));

        var result = await client.MoveAsync(DicomUids.StudyRootQueryRetrieveInformationModelMove, "DEST", Services.TestHandlers.Study(string.Empty, "1.2.3"), null, CancellationToken.None);

        Assert.Equal(DimseStatus.Success, result.Status);
        Assert.Equal(10, result.Counts.Completed);
        Assert.Equal(3, store.MostAtOnce);
    }

    private static Task<DicomServer> StartAsync(IVerificationHandler echo, int maxOperationsPerformed, TimeSpan? dimseTimeout = null, RecordingLogger<DicomServer>? logger = null)
    {
        var options = new DicomServerOptions
        {
            AETitle = "TESSERA",
            Address = System.Net.IPAddress.Loopback,
            Port = 0,
            ShutdownGracePeriod = TimeSpan.FromSeconds(2),
            Association = new DicomAssociationOptions { ArtimTimeout = TimeSpan.FromSeconds(1), DimseTimeout = dimseTimeout ?? TimeSpan.FromSeconds(10), MaxOperationsPerformed = maxOperationsPerformed },
        };
        return StartServerAsync(new DicomServer(options, new DicomServerHandlers { Verification = echo }, logger));
    }

    private static async Task<DicomServer> StartServerAsync(DicomServer server)
    {
        await server.StartAsync(CancellationToken.None);
        return server;
    }

    private static AAssociateRq Rq(AsynchronousOperationsWindow? window) => new()
    {
        CalledAETitle = "TESSERA",
        CallingAETitle = "ASYNC",
        PresentationContexts = [new PresentationContextRq(1, DimseUids.Verification, [DimseUids.ImplicitVRLittleEndian])],
        UserInformation = new UserInformation { MaximumLength = 16384, ImplementationClassUid = "1.2.3", AsynchronousOperationsWindow = window },
    };

    private static PDataTf Echo(ushort messageId) =>
        new([new PresentationDataValue(1, true, true, (ReadOnlyMemory<byte>)DimseCommandCodec.Encode(DimseCommands.CEchoRq(messageId)))]);

    private static async Task<DimseCommand> ResponseAsync(RawPeer peer)
    {
        var data = Assert.IsType<PDataTf>(await peer.ReceiveAsync(Wait));
        var value = Assert.Single(data.Values);
        Assert.True(value.IsCommand && value.IsLastFragment);
        return DimseCommandCodec.Decode(value.Data.ToArray());
    }

    private static async Task<List<DicomInstanceSource>> CtInstancesAsync(int count)
    {
        var ct = await DicomInstanceSource.FromFileAsync(Dcmtk.Corpus("ct_small_evrle.dcm"));
        return [.. Enumerable.Range(0, count).Select(i => ct with { SopInstanceUid = $"{ct.SopInstanceUid}.{i}" })];
    }

    private static DicomClientOptions ClientOptions(DicomServer server, IReadOnlyList<DicomInstanceSource> instances, int maxOperationsInvoked) =>
        ServerFixture.Client(server) with
        {
            PresentationContexts = DicomPresentationContexts.ForInstances(instances),
            Association = new DicomAssociationOptions { MaxOperationsInvoked = maxOperationsInvoked },
        };

    /// <summary>Reads each data set, then holds it until <c>expected</c> are in at once (or <c>hold</c> passes), counting the most at once.</summary>
    private sealed class OverlapStoreHandler(int expected, TimeSpan hold) : IStoreHandler
    {
        private readonly TaskCompletionSource _overlapped = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _inside;
        private int _mostAtOnce;
        private int _stored;

        public int MostAtOnce => Volatile.Read(ref _mostAtOnce);

        public int Stored => Volatile.Read(ref _stored);

        public async ValueTask<StoreResponse> OnCStoreAsync(DimseRequestContext context, Stream dataSet, CancellationToken cancellationToken)
        {
            await dataSet.CopyToAsync(Stream.Null, cancellationToken);
            var inside = Interlocked.Increment(ref _inside);
            InterlockedMax(ref _mostAtOnce, inside);
            if (inside >= expected)
            {
                _overlapped.TrySetResult();
            }

            try
            {
                await _overlapped.Task.WaitAsync(hold, cancellationToken);
            }
            catch (TimeoutException)
            {
                // Fewer overlapped than expected: MostAtOnce tells the test.
            }

            Interlocked.Decrement(ref _inside);
            Interlocked.Increment(ref _stored);
            return DimseStatus.Success;
        }

        private static void InterlockedMax(ref int location, int value)
        {
            int seen;
            while ((seen = Volatile.Read(ref location)) < value && Interlocked.CompareExchange(ref location, value, seen) != seen)
            {
            }
        }
    }

    /// <summary>Answers C-ECHO only once released; <see cref="Entered"/> completes when <c>expected</c> echoes are inside.</summary>
    private sealed class GatedEchoHandler(int expected = 1) : IVerificationHandler
    {
        private int _inside;

        public TaskCompletionSource Entered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public async ValueTask<DimseStatus> OnCEchoAsync(DimseRequestContext context, CancellationToken cancellationToken)
        {
            if (Interlocked.Increment(ref _inside) >= expected)
            {
                Entered.TrySetResult();
            }

            await Release.Task.WaitAsync(cancellationToken);
            return DimseStatus.Success;
        }
    }
}
