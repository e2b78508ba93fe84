using System.Diagnostics;
using System.Net.Sockets;
using Tessera.Dimse.Messages;
using Tessera.Dimse.Network;
using Tessera.Dimse.Pdus;

namespace Tessera.Dimse.Tests.Network;

/// <summary>The hostile peers of the issue: each ends with the server still up and, where PS3.8 says so, an A-ABORT or A-ASSOCIATE-RJ.</summary>
public sealed class HostilePeerTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(15);

    /// <summary>The timers of the tests about timers: short, so they end soon.</summary>
    private static readonly TimeSpan ShortTimer = TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// The ARTIM timer of every other test: long enough that a loaded machine, slow to read a peer's first PDU (the whole
    /// suite runs in parallel), does not take it for a silent one (a failure seen once: "01 00 FFFFFFFF" closed without its
    /// A-ABORT), short enough for the tests whose peer, after an A-ABORT, waits for the server to close (PS3.8 Sta13 ends
    /// when ARTIM expires).
    /// </summary>
    private static readonly TimeSpan PatientArtim = TimeSpan.FromSeconds(2);

    /// <summary>The idle timer of every other test: none of them waits for it.</summary>
    private static readonly TimeSpan PatientIdle = TimeSpan.FromSeconds(10);

    private static Task<DicomServer> StartAsync(TimeSpan? artim = null, TimeSpan? idle = null) => ServerFixture.StartAsync(configure: o => o with
    {
        Association = o.Association with { ArtimTimeout = artim ?? PatientArtim, IdleTimeout = idle ?? PatientIdle },
    });

    private static AAssociateRq Rq => new()
    {
        CalledAETitle = "TESSERA",
        CallingAETitle = "HOSTILE",
        PresentationContexts = [new PresentationContextRq(1, DimseUids.Verification, [DimseUids.ImplicitVRLittleEndian])],
        UserInformation = new UserInformation { MaximumLength = 16384, ImplementationClassUid = "1.2.3" },
    };

    [Fact]
    public async Task PDataBeforeAssociationIsAborted()
    {
        await using var server = await StartAsync();
        await using var peer = await RawPeer.ConnectAsync(server.LocalEndPoint!);
        await peer.SendAsync(new PDataTf([new PresentationDataValue(1, true, true, (ReadOnlyMemory<byte>)new byte[] { 1, 2, 3, 4 })]));
        var pdus = await peer.ReceiveUntilClosedAsync(Wait);
        Assert.IsType<AAbort>(Assert.Single(pdus));
        await AssertServerStillServesAsync(server);
    }

    [Theory]
    [InlineData("01 00 FFFFFFFF")]           // A-ASSOCIATE-RQ announcing 4 GiB
    [InlineData("04 00 FFFFFFFF")]           // P-DATA-TF announcing 4 GiB
    [InlineData("09 00 00000004 00000000")]  // unknown PDU type
    [InlineData("01 00 00000004 00000000")]  // A-ASSOCIATE-RQ too short to decode
    public async Task MalformedFirstPdusAreAborted(string hex)
    {
        await using var server = await StartAsync();
        await using var peer = await RawPeer.ConnectAsync(server.LocalEndPoint!);
        await peer.SendAsync(Hex.Parse(hex));
        var pdus = await peer.ReceiveUntilClosedAsync(Wait);
        Assert.IsType<AAbort>(Assert.Single(pdus));
        await AssertServerStillServesAsync(server);
    }

    [Fact]
    public async Task HugeLengthAfterAssociationIsAbortedByTheProvider()
    {
        await using var server = await StartAsync();
        await using var peer = await RawPeer.ConnectAsync(server.LocalEndPoint!);
        await peer.SendAsync(Rq);
        Assert.IsType<AAssociateAc>(await peer.ReceiveAsync(Wait));
        await peer.SendAsync(Hex.Parse("04 00 FFFFFFFF"));
        var abort = Assert.IsType<AAbort>(Assert.Single(await peer.ReceiveUntilClosedAsync(Wait)));
        Assert.Equal(new AAbort(AbortSource.ServiceProvider, AbortReason.InvalidPduParameterValue), abort);
    }

    [Fact]
    public async Task TruncatedPduThenCloseLeavesTheServerUp()
    {
        await using var server = await StartAsync();
        await using (var peer = await RawPeer.ConnectAsync(server.LocalEndPoint!))
        {
            await peer.SendAsync(PduEncoder.Encode(Rq)[..40]);
        }

        await AssertServerStillServesAsync(server);
        await WaitForAsync(() => server.ActiveAssociations == 0);
    }

    [Fact]
    public async Task SilentPeerIsClosedByArtim()
    {
        await using var server = await StartAsync(artim: ShortTimer);
        await using var peer = await RawPeer.ConnectAsync(server.LocalEndPoint!);
        var watch = Stopwatch.StartNew();
        Assert.Empty(await peer.ReceiveUntilClosedAsync(Wait));
        Assert.InRange(watch.Elapsed, TimeSpan.FromMilliseconds(300), TimeSpan.FromSeconds(4));
    }

    [Fact]
    public async Task OneByteAtATimeCannotHoldTheConnectionPastArtim()
    {
        await using var server = await StartAsync(artim: ShortTimer);
        await using var peer = await RawPeer.ConnectAsync(server.LocalEndPoint!);
        var bytes = PduEncoder.Encode(Rq);
        var sending = Task.Run(async () =>
        {
            try
            {
                foreach (var b in bytes)
                {
                    await peer.SendAsync([b]);
                    await Task.Delay(100);
                }
            }
            catch (IOException)
            {
                // The server closed on us: the point of the test.
            }
        });
        var watch = Stopwatch.StartNew();
        var pdus = await peer.ReceiveUntilClosedAsync(Wait);
        Assert.DoesNotContain(pdus, p => p is AAssociateAc);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(4));
        await sending;
    }

    [Fact]
    public async Task AbortInEstablishedAssociationClosesIt()
    {
        await using var server = await StartAsync();
        await using var peer = await RawPeer.ConnectAsync(server.LocalEndPoint!);
        await peer.SendAsync(Rq);
        Assert.IsType<AAssociateAc>(await peer.ReceiveAsync(Wait));
        await peer.SendAsync(new AAbort(AbortSource.ServiceUser, AbortReason.ReasonNotSpecified));
        Assert.Empty(await peer.ReceiveUntilClosedAsync(Wait));
        await WaitForAsync(() => server.ActiveAssociations == 0);
    }

    [Fact]
    public async Task AnAssociationThatNeverReleasesIsAbortedWhenIdle()
    {
        await using var server = await StartAsync(idle: ShortTimer);
        await using var peer = await RawPeer.ConnectAsync(server.LocalEndPoint!);
        await peer.SendAsync(Rq);
        Assert.IsType<AAssociateAc>(await peer.ReceiveAsync(Wait));
        var pdus = await peer.ReceiveUntilClosedAsync(Wait);
        Assert.IsType<AAbort>(Assert.Single(pdus));
        await WaitForAsync(() => server.ActiveAssociations == 0);
    }

    [Fact]
    public async Task UnsupportedProtocolVersionIsRejected()
    {
        await using var server = await StartAsync();
        await using var peer = await RawPeer.ConnectAsync(server.LocalEndPoint!);
        await peer.SendAsync(Rq with { ProtocolVersion = 2 });
        var rj = Assert.IsType<AAssociateRj>(Assert.Single(await peer.ReceiveUntilClosedAsync(Wait)));
        Assert.Equal(AssociateRejectReason.ProtocolVersionNotSupported, rj.Reason);
    }

    [Fact]
    public async Task RapidConnectDisconnectLeavesTheServerUpAndEmpty()
    {
        await using var server = await StartAsync();
        for (var i = 0; i < 1000; i++)
        {
            using var client = new TcpClient();
            await client.ConnectAsync(server.LocalEndPoint!);
            client.Client.LingerState = new LingerOption(true, 0);
        }

        // Resets are processed asynchronously, and connections still in the accept backlog are counted only once
        // accepted: until all are, a new association may meet the association limit (a transient RJ, by design),
        // so the server must serve again once the backlog has drained, not at the first moment the count is 0.
        await WaitForAsync(() => server.ActiveAssociations == 0);
        var watch = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                await AssertServerStillServesAsync(server);
                break;
            }
            catch (DicomAssociationRejectedException) when (watch.Elapsed < Wait)
            {
                await WaitForAsync(() => server.ActiveAssociations == 0);
            }
        }
    }

    private static async Task AssertServerStillServesAsync(DicomServer server)
    {
        await using var client = await DicomClient.ConnectAsync(ServerFixture.Client(server));
        Assert.Equal(DimseStatus.Success, await client.EchoAsync(CancellationToken.None));
        await client.ReleaseAsync(CancellationToken.None);
    }

    private static async Task WaitForAsync(Func<bool> condition)
    {
        var watch = Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(watch.Elapsed < Wait, "condition not reached");
            await Task.Delay(20);
        }
    }
}
