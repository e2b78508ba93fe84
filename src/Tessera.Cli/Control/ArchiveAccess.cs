using Tessera.Server;

namespace Tessera.Cli.Control;

/// <summary>
/// How an `import` or `check` reaches the data folder: through the running server (<see cref="Server"/>) or directly,
/// holding the folder's lock (<see cref="Lock"/>) so that a server cannot start on it meanwhile; or neither, with
/// <see cref="Problem"/> saying why.
/// </summary>
internal sealed class ArchiveAccess : IAsyncDisposable
{
    /// <summary>How long a command waits for a busy data folder: a server starting (lock taken, socket not yet listening).</summary>
    private static readonly TimeSpan BusyWait = TimeSpan.FromSeconds(10);

    private ArchiveAccess(ControlClient? server, DataFolderLock? folderLock, string? problem)
    {
        Server = server;
        Lock = folderLock;
        Problem = problem;
    }

    public ControlClient? Server { get; }

    public DataFolderLock? Lock { get; }

    public string? Problem { get; }

    public static async Task<ArchiveAccess> OpenAsync(string dataFolder, ArchiveMode mode, CancellationToken cancellationToken)
    {
        var socket = Tessera.Server.Control.ControlChannel.SocketPath(dataFolder);
        var deadline = DateTime.UtcNow + BusyWait;
        while (true)
        {
            if (mode != ArchiveMode.Direct && await ControlClient.TryConnectAsync(dataFolder, cancellationToken).ConfigureAwait(false) is { } client)
            {
                return new ArchiveAccess(client, null, null);
            }

            if (mode == ArchiveMode.ThroughServer)
            {
                return new ArchiveAccess(null, null, $"no tessera serve answers on {socket} (--through-server)");
            }

            if (DataFolderLock.TryAcquire(dataFolder) is { } folderLock)
            {
                return new ArchiveAccess(null, folderLock, null);
            }

            if (mode == ArchiveMode.Direct || DateTime.UtcNow > deadline)
            {
                var how = mode == ArchiveMode.Direct ? "; without --direct the work goes through a running server" : $" (waited {BusyWait.TotalSeconds:0} s)";
                return new ArchiveAccess(null, null, $"{Path.GetFullPath(dataFolder)} is in use by {DataFolderLock.DescribeHolder(dataFolder)}{how}");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(200), cancellationToken).ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Server is not null)
        {
            await Server.DisposeAsync().ConfigureAwait(false);
        }

        Lock?.Dispose();
    }
}
