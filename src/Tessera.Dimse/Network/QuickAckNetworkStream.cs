using System.Net.Sockets;

namespace Tessera.Dimse.Network;

/// <summary>
/// The <see cref="NetworkStream"/> of an association's socket that keeps Linux out of delayed-ACK ("pingpong") mode (see
/// <see cref="SocketTuning.ArmQuickAck"/>): re-armed before each read and after each write, because sending data soon after
/// receiving puts the socket back into that mode while the association's read is already pending. With TLS it is the stream
/// under the <see cref="System.Net.Security.SslStream"/>, where the segments are received.
/// </summary>
internal sealed class QuickAckNetworkStream(Socket socket) : NetworkStream(socket, ownsSocket: true)
{
    public override int Read(Span<byte> buffer)
    {
        SocketTuning.ArmQuickAck(Socket);
        return base.Read(buffer);
    }

    public override int Read(byte[] buffer, int offset, int count)
    {
        SocketTuning.ArmQuickAck(Socket);
        return base.Read(buffer, offset, count);
    }

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        SocketTuning.ArmQuickAck(Socket);
        return base.ReadAsync(buffer, cancellationToken);
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
    {
        SocketTuning.ArmQuickAck(Socket);
        return base.ReadAsync(buffer, offset, count, cancellationToken);
    }

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        base.Write(buffer);
        SocketTuning.ArmQuickAck(Socket);
    }

    public override void Write(byte[] buffer, int offset, int count)
    {
        base.Write(buffer, offset, count);
        SocketTuning.ArmQuickAck(Socket);
    }

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        await base.WriteAsync(buffer, cancellationToken).ConfigureAwait(false);
        SocketTuning.ArmQuickAck(Socket);
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();
}
