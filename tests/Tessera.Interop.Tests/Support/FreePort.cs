using System.Net;
using System.Net.Sockets;

namespace Tessera.Interop.Tests.Support;

/// <summary>Free loopback ports for peers that cannot pick their own (storescp, dcmqrscp).</summary>
internal static class FreePort
{
    public static int Next()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    public static async Task WaitForListenerAsync(int port)
    {
        for (var i = 0; i < 200; i++)
        {
            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync(IPAddress.Loopback, port);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(25);
            }
        }

        throw new TimeoutException($"Nothing listens on 127.0.0.1:{port}");
    }
}
