using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Tessera.Dimse.Network;

namespace Tessera.Dimse.Tests.Network;

/// <summary>The blocking connect of an association's socket (<see cref="SocketConnect"/>).</summary>
public sealed class SocketConnectTests
{
    [Fact]
    public async Task A_connect_connects()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        using var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
        await SocketConnect.ConnectAsync(socket, "localhost", ((IPEndPoint)listener.LocalEndpoint).Port, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(15));
        Assert.True(socket.Connected);
    }

    [Fact]
    public async Task A_refused_connect_fails_as_a_socket_error()
    {
        int port;
        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            port = ((IPEndPoint)probe.LocalEndpoint).Port;
        }

        using var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
        var error = await Assert.ThrowsAsync<SocketException>(() => SocketConnect.ConnectAsync(socket, "127.0.0.1", port, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(15)));
        Assert.Equal(SocketError.ConnectionRefused, error.SocketErrorCode);
    }

    [Fact]
    public async Task A_connect_nobody_answers_ends_at_the_timeout()
    {
        // A listener whose accept queue is full drops further SYNs (Linux), so a connect to it waits for an answer that
        // does not come: the timeout must end it rather than the kernel's minutes of SYN retries.
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen(0);
        var port = ((IPEndPoint)listener.LocalEndPoint!).Port;
        var fillers = new List<Socket>();
        try
        {
            for (var i = 0; i < 4; i++)
            {
                var filler = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { Blocking = false };
                fillers.Add(filler);
                try
                {
                    filler.Connect(IPAddress.Loopback, port);
                }
                catch (SocketException)
                {
                    // In progress, or already waiting: either way it holds a place in the queue.
                }
            }

            using var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
            using var timeout = new CancellationTokenSource(TimeSpan.FromMilliseconds(500));
            var clock = Stopwatch.StartNew();
            var error = await Record.ExceptionAsync(() => SocketConnect.ConnectAsync(socket, "127.0.0.1", port, timeout.Token).WaitAsync(TimeSpan.FromSeconds(30)));
            Assert.True(error is OperationCanceledException, error?.ToString() ?? "connected");
            Assert.InRange(clock.Elapsed, TimeSpan.FromMilliseconds(400), TimeSpan.FromSeconds(10));
        }
        finally
        {
            fillers.ForEach(f => f.Dispose());
        }
    }
}
