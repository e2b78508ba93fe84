using Tessera.Dicom;
using Tessera.Dicom.IO;
using Tessera.Dimse.Messages;
using Tessera.Dimse.Negotiation;
using Tessera.Dimse.Network;
using Tessera.Dimse.Pdus;
using Tessera.Dimse.Tests.Services;

namespace Tessera.Dimse.Tests.Network;

/// <summary>
/// An operation that takes longer than the DIMSE timeout while its requestor, rightly, sends nothing (a C-MOVE of a large
/// study, a slow C-FIND): the server keeps the association; the DIMSE timeout bounds a message in progress, not the wait
/// for the next request. And a peer that stops reading what it asked for does not hold the server's sends for ever.
/// </summary>
public sealed class LongOperationTests
{
    [Fact]
    public async Task AFindLongerThanTheDimseTimeoutIsAnsweredWhole()
    {
        var matches = Enumerable.Range(0, 6).Select(i => TestHandlers.Study($"Long^{i}", $"1.2.3.{i}")).ToList();
        var find = new TestHandlers.FindHandler(matches, delay: TimeSpan.FromMilliseconds(400));
        await using var server = await QueryRetrieveTests.StartAsync(
            new DicomServerHandlers { Find = find },
            o => o with { Association = o.Association with { DimseTimeout = TimeSpan.FromSeconds(1) } });
        await using var client = await QueryRetrieveTests.ConnectAsync(server, DicomPresentationContexts.Scu(DicomPresentationContexts.FindSopClasses));

        var received = 0;
        var result = await client.FindAsync(DicomUids.StudyRootQueryRetrieveInformationModelFind, TestHandlers.Study(string.Empty, string.Empty), (_, _) =>
        {
            received++;
            return ValueTask.CompletedTask;
        }, QueryRetrieveTests.Cancel());

        Assert.Equal(DimseStatus.Success, result.Status);
        Assert.Equal(6, received);
        Assert.Equal(DimseStatus.Success, await client.EchoAsync(QueryRetrieveTests.Cancel()));
    }

    [Fact]
    public async Task APeerThatStopsReadingIsDisconnectedAfterTheDimseTimeout()
    {
        // 2,000 matches of 8 KB: far more than the socket buffers of a peer that reads nothing take.
        var matches = Enumerable.Range(0, 2000).Select(i =>
        {
            var match = TestHandlers.Study($"Big^{i}", $"1.2.3.{i}");
            match.AddOrUpdate(DicomTags.StudyComments, DicomVR.LT, new string('x', 8000));
            return match;
        }).ToList();
        var log = new RecordingLogger<DicomServer>();
        var options = new DicomServerOptions
        {
            AETitle = "TESSERA",
            Address = System.Net.IPAddress.Loopback,
            Port = 0,
            ShutdownGracePeriod = TimeSpan.FromSeconds(2),
            Association = new DicomAssociationOptions { ArtimTimeout = TimeSpan.FromSeconds(1), DimseTimeout = TimeSpan.FromSeconds(1) },
        };
        await using var server = new DicomServer(options, new DicomServerHandlers { Find = new TestHandlers.FindHandler(matches) }, log);
        await server.StartAsync(CancellationToken.None);
        await using var peer = await RawPeer.ConnectAsync(server.LocalEndPoint!, receiveBufferSize: 4096);
        await peer.SendAsync(new AAssociateRq
        {
            CalledAETitle = "TESSERA",
            CallingAETitle = "STALLED",
            PresentationContexts = [new PresentationContextRq(1, DicomUids.StudyRootQueryRetrieveInformationModelFind, [DimseUids.ImplicitVRLittleEndian])],
            UserInformation = new UserInformation { MaximumLength = 16384, ImplementationClassUid = "1.2.3" },
        });
        Assert.IsType<AAssociateAc>(await peer.ReceiveAsync(TimeSpan.FromSeconds(10)));
        var identifier = new MemoryStream();
        new DicomWriter(DicomTransferSyntax.ImplicitVRLittleEndian).Write(identifier, TestHandlers.Study(string.Empty, string.Empty));
        var command = DimseCommands.CFindRq(1, DicomUids.StudyRootQueryRetrieveInformationModelFind);
        command.HasDataSet = true;
        await peer.SendAsync(new PDataTf(
        [
            new PresentationDataValue(1, true, true, (ReadOnlyMemory<byte>)DimseCommandCodec.Encode(command)),
            new PresentationDataValue(1, false, true, (ReadOnlyMemory<byte>)identifier.ToArray()),
        ]));

        // The peer reads nothing more: the server's sends stall, and after the DIMSE timeout it closes the connection.
        var watch = System.Diagnostics.Stopwatch.StartNew();
        while (server.ActiveAssociations > 0)
        {
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(15), "the association did not end");
            await Task.Delay(20);
        }

        Assert.True(log.Has(1116, "took nothing sent"), string.Join("\n", log.Lines));
    }
}
