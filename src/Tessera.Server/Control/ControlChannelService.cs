using System.Collections.Concurrent;
using System.Net.Sockets;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Tessera.Server.Control;

/// <summary>
/// The local control channel of a running server: a Unix domain socket, <see cref="ControlChannel.SocketFileName"/> in
/// the data folder, through which `tessera import` and `tessera check` run inside the server (<see cref="ControlSession"/>).
/// Started after the DICOM listener (the index is open, the start-up sweep done), stopped before it.
/// </summary>
/// <remarks>
/// The socket is created with mode 0600 and no window in which it is wider: it is bound inside a fresh folder of mode
/// 0700, narrowed, then renamed into place (a listening socket keeps its inode across a rename). A socket file found at
/// start is stale — the data folder lock (<see cref="DataFolderLockService"/>) says no other server runs here — unless
/// it answers, which is checked anyway and refused. The file is removed on a graceful stop.
/// </remarks>
public sealed class ControlChannelService(IOptions<TesseraServerOptions> options, ControlSession session, ILogger<ControlChannelService> logger) : IHostedService, IDisposable
{
    private readonly CancellationTokenSource _stopping = new();
    private readonly ConcurrentDictionary<Task, byte> _connections = new();
    private Socket? _listener;
    private Task? _accepting;
    private string? _path;

    /// <summary>The socket's path once listening; null when the channel could not be created.</summary>
    public string? SocketPath => _listener is null ? null : _path;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var path = ControlChannel.SocketPath(options.Value.Data);
        _path = path;
        if (!Socket.OSSupportsUnixDomainSockets || OperatingSystem.IsWindows())
        {
            ControlLog.Unavailable(logger, path, "Unix domain sockets with file modes are not available on this system");
            return;
        }

        if (File.Exists(path) || Directory.Exists(path))
        {
            if (await AnswersAsync(path, cancellationToken).ConfigureAwait(false))
            {
                throw new DataFolderInUseException($"{path} answers: another tessera serve runs on this data folder");
            }

            File.Delete(path);
            ControlLog.StaleReplaced(logger, path);
        }

        try
        {
            _listener = Bind(path);
        }
        catch (Exception exception) when (exception is SocketException or IOException or ArgumentException or UnauthorizedAccessException)
        {
            // A path longer than sun_path (108 bytes) or a file system without sockets: the server still serves DICOM.
            ControlLog.Unavailable(logger, path, exception.Message);
            return;
        }

        ControlLog.Listening(logger, path);
        _accepting = AcceptAsync(_listener, _stopping.Token);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        _listener?.Dispose();
        if (_path is not null && _listener is not null)
        {
            File.Delete(_path);
        }

        if (_accepting is not null)
        {
            await _accepting.ConfigureAwait(false);
        }

        await Task.WhenAll(_connections.Keys).WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    public void Dispose()
    {
        _listener?.Dispose();
        _stopping.Dispose();
    }

    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    private static Socket Bind(string path)
    {
        var folder = Path.Combine(Path.GetDirectoryName(path)!, $".control-{Environment.ProcessId}");
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }

        Directory.CreateDirectory(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            var temporary = Path.Combine(folder, "s");
            socket.Bind(new UnixDomainSocketEndPoint(temporary));
            File.SetUnixFileMode(temporary, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            socket.Listen(8);
            File.Move(temporary, path, overwrite: true);
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task<bool> AnswersAsync(string path, CancellationToken cancellationToken)
    {
        using var probe = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            await probe.ConnectAsync(new UnixDomainSocketEndPoint(path), cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private async Task AcceptAsync(Socket listener, CancellationToken stopping)
    {
        while (!stopping.IsCancellationRequested)
        {
            Socket connection;
            try
            {
                connection = await listener.AcceptAsync(stopping).ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }

            var task = session.RunAsync(connection, stopping);
            _connections.TryAdd(task, 0);
            _ = task.ContinueWith(t => _connections.TryRemove(t, out _), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }
    }
}
