using System.Buffers;
using System.Diagnostics;
using System.IO.Pipelines;
using System.Net;
using System.Net.Sockets;
using Tessera.Dicom;
using Tessera.Dicom.IO;
using Tessera.Dimse.Messages;
using Tessera.Dimse.Network;
using Tessera.Dimse.Pdus;
using Tessera.Dimse.Services;
using Tessera.Dimse.Tests.Services;
using Tessera.Dimse.Transport;

namespace Tessera.Dimse.Tests.Network;

/// <summary>
/// Peers that write a PDU header and its body in two writes with Nagle on, as DCMTK and Orthanc do: the body waits for the
/// ACK of the header, so a receiver that delays its ACKs (Linux: 40 ms) stalls every exchange. A C-ECHO takes well under a
/// millisecond when every received segment is acknowledged at once and at least 40 ms when not: the median of 20 exchanges
/// is bounded between, so one stalled by a loaded machine (a starved thread pool, a GC) does not fail the test, a stall in
/// every exchange does.
/// </summary>
public sealed class DelayedAckTests
{
    private const int Exchanges = 20;

    private static readonly TimeSpan MedianBound = TimeSpan.FromMilliseconds(20);

    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task ServerAcknowledgesAPeerThatSplitsEveryPduWithNagleOn()
    {
        await using var server = await ServerFixture.StartAsync();
        using var client = new TcpClient { NoDelay = false };
        var (stream, framer) = await AssociateSplitAsync(client, server, DimseUids.Verification);

        AssertNoStall(await TimeExchangesAsync(id => EchoAsync(stream, framer, id)));
    }

    [Fact]
    public async Task ServerAcknowledgesAPeerThatSplitsEveryPduAfterACFindOfManyPendingResponses()
    {
        // The Pending responses do not re-arm quick-ack mode (SocketTuning.PeerAnswersNothing): the final one must, or the
        // next request's body waits for a delayed ACK.
        var matches = Enumerable.Range(0, 30).Select(i => TestHandlers.Study($"Pending^{i}", $"1.2.3.{i}")).ToList();
        await using var server = new DicomServer(ServerFixture.Options(), new DicomServerHandlers { Find = new TestHandlers.FindHandler(matches) });
        await server.StartAsync(CancellationToken.None);
        using var client = new TcpClient { NoDelay = false };
        var (stream, framer) = await AssociateSplitAsync(client, server, DicomUids.StudyRootQueryRetrieveInformationModelFind);
        using var identifier = new MemoryStream();
        new DicomWriter(DicomTransferSyntax.ImplicitVRLittleEndian).Write(identifier, TestHandlers.Study(string.Empty, string.Empty));

        AssertNoStall(await TimeExchangesAsync(async id => Assert.Equal(matches.Count, await FindAsync(stream, framer, id, identifier.ToArray()))));
    }

    [Fact]
    public async Task ClientAcknowledgesAPeerThatSplitsEveryPduWithNagleOn()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var peer = Task.Run(async () =>
        {
            using var socket = await listener.AcceptSocketAsync();
            socket.NoDelay = false;
            await using var stream = new NetworkStream(socket);
            var framer = new PduFramer(PipeReader.Create(stream), 1 << 24);
            var rq = Assert.IsType<AAssociateRq>(await ReceiveAsync(framer));
            await SendSplitAsync(stream, new AAssociateAc
            {
                CalledAETitle = rq.CalledAETitle,
                CallingAETitle = rq.CallingAETitle,
                PresentationContexts = [.. rq.PresentationContexts.Select(pc => new PresentationContextAc(pc.Id, PresentationContextResult.Acceptance, DimseUids.ImplicitVRLittleEndian))],
                UserInformation = new UserInformation { MaximumLength = 16384, ImplementationClassUid = "1.2.3" },
            });
            while (await ReceiveAsync(framer) is PDataTf request)
            {
                var command = DimseCommandCodec.Decode(request.Values[0].Data.ToArray());
                await SendSplitAsync(stream, Command(DimseCommands.CEchoRsp(command, DimseStatus.Success), request.Values[0].PresentationContextId));
            }

            await SendSplitAsync(stream, new AReleaseRp());
        });

        var options = new DicomClientOptions
        {
            Host = "127.0.0.1",
            Port = port,
            CalledAETitle = "NAGLE",
            AbstractSyntaxes = [DimseUids.Verification],
            TransferSyntaxes = [DimseUids.ImplicitVRLittleEndian],
        };
        using var timeout = new CancellationTokenSource(Wait);
        await using (var client = await DicomClient.ConnectAsync(options, cancellationToken: timeout.Token))
        {
            Assert.Equal(DimseStatus.Success, await client.EchoAsync(timeout.Token));
            var times = new List<TimeSpan>();
            for (var i = 0; i < Exchanges; i++)
            {
                var clock = Stopwatch.StartNew();
                Assert.Equal(DimseStatus.Success, await client.EchoAsync(timeout.Token));
                times.Add(clock.Elapsed);
            }

            AssertNoStall(times);
            await client.ReleaseAsync(timeout.Token);
        }

        await peer.WaitAsync(Wait);
    }

    /// <summary>Connects <paramref name="client"/> (Nagle on) and negotiates one context for <paramref name="abstractSyntax"/>, every PDU split.</summary>
    private static async Task<(NetworkStream Stream, PduFramer Framer)> AssociateSplitAsync(TcpClient client, DicomServer server, string abstractSyntax)
    {
        await client.ConnectAsync(IPAddress.Loopback, server.LocalEndPoint!.Port);
        var stream = client.GetStream();
        var framer = new PduFramer(PipeReader.Create(stream), 1 << 24);
        await SendSplitAsync(stream, new AAssociateRq
        {
            CalledAETitle = "TESSERA",
            CallingAETitle = "NAGLE",
            PresentationContexts = [new PresentationContextRq(1, abstractSyntax, [DimseUids.ImplicitVRLittleEndian])],
            UserInformation = new UserInformation { MaximumLength = 16384, ImplementationClassUid = "1.2.3" },
        });
        Assert.IsType<AAssociateAc>(await ReceiveAsync(framer));
        return (stream, framer);
    }

    /// <summary>Message ID 0 untimed (it compiles the server's request path), then <see cref="Exchanges"/> timed ones.</summary>
    private static async Task<List<TimeSpan>> TimeExchangesAsync(Func<ushort, Task> exchange)
    {
        await exchange(0);
        var times = new List<TimeSpan>();
        for (ushort id = 1; id <= Exchanges; id++)
        {
            var clock = Stopwatch.StartNew();
            await exchange(id);
            times.Add(clock.Elapsed);
        }

        return times;
    }

    private static async Task EchoAsync(NetworkStream stream, PduFramer framer, ushort messageId)
    {
        await SendSplitAsync(stream, Command(DimseCommands.CEchoRq(messageId)));
        var response = Assert.IsType<PDataTf>(await ReceiveAsync(framer));
        Assert.Equal(CommandField.CEchoRsp, DimseCommandCodec.Decode(response.Values[0].Data.ToArray()).CommandField);
    }

    /// <summary>A C-FIND-RQ and its identifier, each PDU split; returns the Pending responses counted up to the final one.</summary>
    private static async Task<int> FindAsync(NetworkStream stream, PduFramer framer, ushort messageId, byte[] identifier)
    {
        var command = DimseCommands.CFindRq(messageId, DicomUids.StudyRootQueryRetrieveInformationModelFind);
        command.HasDataSet = true;
        await SendSplitAsync(stream, Command(command));
        await SendSplitAsync(stream, new PDataTf([new PresentationDataValue(1, false, true, (ReadOnlyMemory<byte>)identifier)]));
        var pending = 0;
        while (true)
        {
            var pdu = Assert.IsType<PDataTf>(await ReceiveAsync(framer));
            foreach (var value in pdu.Values.Where(v => v.IsCommand))
            {
                var status = new DimseStatus(DimseCommandCodec.Decode(value.Data.ToArray()).Status!.Value);
                if (!status.IsPending)
                {
                    Assert.Equal(DimseStatus.Success, status);
                    return pending;
                }

                pending++;
            }
        }
    }

    private static PDataTf Command(DimseCommand command, byte presentationContextId = 1) =>
        new([new PresentationDataValue(presentationContextId, true, true, (ReadOnlyMemory<byte>)DimseCommandCodec.Encode(command))]);

    /// <summary>The PDU header (PS3.8 9.3.1: type, reserved, length) in one write, the rest in another, like DCMTK.</summary>
    private static async Task SendSplitAsync(NetworkStream stream, Pdu pdu)
    {
        var bytes = PduEncoder.Encode(pdu);
        await stream.WriteAsync(bytes.AsMemory(0, 6));
        await stream.WriteAsync(bytes.AsMemory(6));
    }

    private static async Task<Pdu?> ReceiveAsync(PduFramer framer)
    {
        using var timeout = new CancellationTokenSource(Wait);
        var frame = await framer.ReadAsync(timeout.Token);
        if (frame is null)
        {
            return null;
        }

        var pdu = PduDecoder.Decode(frame.Value.ToArray());
        framer.Advance();
        return pdu;
    }

    private static void AssertNoStall(List<TimeSpan> times)
    {
        var median = times.Order().ElementAt(times.Count / 2);
        Assert.True(median < MedianBound, $"C-ECHO median {median.TotalMilliseconds:F1} ms, delayed ACKs stall the peer's Nagle (each: {string.Join(", ", times.Select(t => t.TotalMilliseconds.ToString("F1", System.Globalization.CultureInfo.InvariantCulture)))} ms)");
    }
}
