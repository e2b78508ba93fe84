using System.Net.Sockets;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Tessera.Server.Control;

namespace Tessera.Cli.Control;

/// <summary>The CLI's end of a running server's control channel (<see cref="ControlChannel"/>): one request, a stream of replies.</summary>
internal sealed class ControlClient : IAsyncDisposable
{
    private readonly NetworkStream _stream;

    private ControlClient(NetworkStream stream) => _stream = stream;

    /// <summary>Connected to the server on <paramref name="dataFolder"/>; null when no socket is there or it does not answer (stale, or no permission).</summary>
    public static async Task<ControlClient?> TryConnectAsync(string dataFolder, CancellationToken cancellationToken)
    {
        var path = ControlChannel.SocketPath(dataFolder);
        if (!Socket.OSSupportsUnixDomainSockets || !File.Exists(path))
        {
            return null;
        }

        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            await socket.ConnectAsync(new UnixDomainSocketEndPoint(path), cancellationToken).ConfigureAwait(false);
            return new ControlClient(new NetworkStream(socket, ownsSocket: true));
        }
        catch (SocketException)
        {
            socket.Dispose();
            return null;
        }
    }

    public async Task SendAsync(ControlRequest request, CancellationToken cancellationToken)
    {
        var bytes = JsonSerializer.SerializeToUtf8Bytes(request, ControlJson.Default.ControlRequest);
        await _stream.WriteAsync(bytes, cancellationToken).ConfigureAwait(false);
        await _stream.WriteAsync("\n"u8.ToArray(), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The server's replies until it closes the connection.</summary>
    /// <exception cref="InvalidDataException">A reply is not one the protocol knows.</exception>
    public async IAsyncEnumerable<ControlMessage> ReadAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var reader = new ControlLineReader(_stream, ControlChannel.MaxReplyBytes);
        while (await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
        {
            ControlMessage? message;
            try
            {
                message = JsonSerializer.Deserialize(line, ControlJson.Default.ControlMessage);
            }
            catch (JsonException exception)
            {
                throw new InvalidDataException($"the server sent an unreadable reply: {exception.Message}", exception);
            }

            if (message is not null)
            {
                yield return message;
            }
        }
    }

    public ValueTask DisposeAsync() => _stream.DisposeAsync();
}
