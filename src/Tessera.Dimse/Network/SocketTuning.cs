using System.Net.Sockets;

namespace Tessera.Dimse.Network;

/// <summary>Socket options against Nagle and delayed-ACK stalls (a request/response protocol with small PDUs is their worst case).</summary>
internal static class SocketTuning
{
    /// <summary>Linux TCP_QUICKACK (linux/tcp.h: 12); IPPROTO_TCP is 6.</summary>
    private const int TcpQuickAck = 12;

    private const int IpProtoTcp = 6;

    public static void Apply(Socket socket)
    {
        socket.NoDelay = true;
        if (OperatingSystem.IsLinux())
        {
            try
            {
                // Quick-ack mode is not permanent on Linux, so this only helps the first exchanges; NoDelay plus
                // whole-PDU writes are what prevent the 40 ms stalls.
                socket.SetRawSocketOption(IpProtoTcp, TcpQuickAck, BitConverter.GetBytes(1));
            }
            catch (SocketException)
            {
                // Not supported here: NoDelay is enough.
            }
        }
    }
}
