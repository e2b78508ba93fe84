using System.Buffers;
using System.IO.Pipelines;
using System.Net;
using System.Net.Sockets;
using Tessera.Dimse.Pdus;
using Tessera.Dimse.Transport;

namespace Tessera.Dimse.Tests.Network;

/// <summary>A scripted fake peer on a real socket: sends exactly the bytes a test gives it and reports the PDUs it gets back.</summary>
internal sealed class RawPeer : IAsyncDisposable
{
    private readonly TcpClient _client;
    private readonly NetworkStream _stream;
    private readonly PduFramer _framer;

    private RawPeer(TcpClient client)
    {
        _client = client;
        _stream = client.GetStream();
        _framer = new PduFramer(PipeReader.Create(_stream), 1 << 24);
    }

    /// <param name="receiveBufferSize">A small socket receive buffer makes the server's sends block soon when the peer reads nothing.</param>
    public static async Task<RawPeer> ConnectAsync(IPEndPoint endPoint, int? receiveBufferSize = null)
    {
        var client = new TcpClient { NoDelay = true };
        if (receiveBufferSize is { } size)
        {
            client.ReceiveBufferSize = size;
        }

        await client.ConnectAsync(IPAddress.Loopback, endPoint.Port);
        return new RawPeer(client);
    }

    public async Task SendAsync(byte[] bytes) => await _stream.WriteAsync(bytes);

    public Task SendAsync(Pdu pdu) => SendAsync(PduEncoder.Encode(pdu));

    /// <summary>The next PDU from the server, or null when it closed the connection.</summary>
    public async Task<Pdu?> ReceiveAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            var frame = await _framer.ReadAsync(cts.Token);
            if (frame is null)
            {
                return null;
            }

            var pdu = PduDecoder.Decode(frame.Value.ToArray());
            _framer.Advance();
            return pdu;
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <summary>Reads until the server closes; returns the PDUs seen on the way.</summary>
    public async Task<List<Pdu>> ReceiveUntilClosedAsync(TimeSpan timeout)
    {
        var pdus = new List<Pdu>();
        while (await ReceiveAsync(timeout) is { } pdu)
        {
            pdus.Add(pdu);
        }

        return pdus;
    }

    public async ValueTask DisposeAsync()
    {
        await _stream.DisposeAsync();
        _client.Dispose();
    }
}
