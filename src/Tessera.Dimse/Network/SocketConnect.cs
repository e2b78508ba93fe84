using System.Net.Sockets;

namespace Tessera.Dimse.Network;

/// <summary>
/// Connects an association's socket with a blocking connect(2), on a thread of its own for the time it takes.
/// </summary>
/// <remarks>
/// .NET's asynchronous connect registers the socket with its event thread (epoll) for good, and from then on every segment
/// the peer sends wakes that thread, which hands the event to a thread-pool worker, which wakes another — even though the
/// association reads on its own thread (<see cref="ReceiveThread"/>) and nobody waits for the event. Measured on C-MOVE
/// sub-operations to storescp (two segments per response): 12 context switches per instance. A socket connected
/// synchronously never joins the event thread while its sends complete at once. The connect runs on a dedicated thread,
/// not a pool thread, since an unreachable peer can take until the timeout; the timeout or a cancellation closes the
/// socket, which ends the connect.
/// </remarks>
internal static class SocketConnect
{
    public static Task ConnectAsync(Socket socket, string host, int port, CancellationToken cancellationToken) =>
        Task.Factory.StartNew(
            () =>
            {
                cancellationToken.ThrowIfCancellationRequested();
                using var abort = cancellationToken.UnsafeRegister(static s => ((Socket)s!).Dispose(), socket);
                try
                {
                    socket.Connect(host, port);
                }
                catch (Exception ex) when (cancellationToken.IsCancellationRequested && ex is SocketException or ObjectDisposedException)
                {
                    throw new OperationCanceledException($"Connecting to {host}:{port} was cancelled or timed out", ex, cancellationToken);
                }
            },
            CancellationToken.None,
            TaskCreationOptions.LongRunning | TaskCreationOptions.DenyChildAttach,
            TaskScheduler.Default);
}
