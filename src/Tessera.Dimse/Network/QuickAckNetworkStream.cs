using System.Net.Sockets;

namespace Tessera.Dimse.Network;

/// <summary>
/// The <see cref="NetworkStream"/> of an association's socket that keeps Linux out of delayed-ACK ("pingpong") mode (see
/// <see cref="SocketTuning.ArmQuickAck"/>): re-armed before each read and after each write, because sending data soon after
/// receiving puts the socket back into that mode while the association's read is already pending — except after a write
/// the peer answers nothing to (<see cref="SocketTuning.PeerAnswersNothing"/>), since the write that follows it re-arms. With TLS it is the stream
/// under the <see cref="System.Net.Security.SslStream"/>, where the segments are received.
/// </summary>
/// <remarks>
/// A synchronous read (<see cref="ReceiveThread"/>'s) first waits in poll(2): once the socket has been used asynchronously
/// .NET makes it non-blocking and would wait for a synchronous read through its event thread, one more thread to wake for
/// each segment. The wait is cut into seconds so that a socket closed under it ends it: closing does not wake a poll.
/// </remarks>
internal sealed class QuickAckNetworkStream(Socket socket) : NetworkStream(socket, ownsSocket: true)
{
    /// <summary>One second, in microseconds (<see cref="Socket.Poll(int, SelectMode)"/>).</summary>
    private const int PollInterval = 1_000_000;

    /// <summary>Set when the association closes the stream: what its receive thread reads next is the end, not an error.</summary>
    private volatile bool _closed;

    public override int Read(Span<byte> buffer)
    {
        // The association closes its socket once released, often while this thread waits here for the peer's close. Seen
        // as the end of the stream rather than as an ObjectDisposedException from the socket, it costs nothing to unwind
        // (measured: four exceptions at each association's end, about 0.1 ms of CPU in the native build).
        if (_closed)
        {
            return 0;
        }

        SocketTuning.ArmQuickAck(Socket);
        while (!Socket.Poll(PollInterval, SelectMode.SelectRead))
        {
            // Nothing yet; an ObjectDisposedException from the next poll ends a read of a socket closed under the wait.
        }

        if (_closed)
        {
            return 0;
        }

        // The socket itself: NetworkStream.Read(Span) of a derived class goes through Read(byte[]), which comes back here.
        try
        {
            return Socket.Receive(buffer, SocketFlags.None);
        }
        catch (SocketException ex)
        {
            throw new IOException($"Unable to read data from the transport connection: {ex.Message}", ex);
        }
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

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
        ArmUnlessNothingAnswers();
    }

    public override void Write(byte[] buffer, int offset, int count)
    {
        base.Write(buffer, offset, count);
        ArmUnlessNothingAnswers();
    }

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        await base.WriteAsync(buffer, cancellationToken).ConfigureAwait(false);
        ArmUnlessNothingAnswers();
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    private void ArmUnlessNothingAnswers()
    {
        if (!SocketTuning.PeerAnswersNothing.Value)
        {
            SocketTuning.ArmQuickAck(Socket);
        }
    }

    protected override void Dispose(bool disposing)
    {
        _closed = true;
        base.Dispose(disposing);
    }
}
