using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Tessera.Server;

/// <summary>
/// Holds the data folder's <see cref="DataFolderLock"/> for the server's run. Registered before every other hosted
/// service, so that the start-up sweep and the crash recovery run only once the folder is the server's alone.
/// </summary>
public sealed class DataFolderLockService(IOptions<TesseraServerOptions> options) : IHostedService, IDisposable
{
    private DataFolderLock? _lock;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        var data = options.Value.Data;
        _lock = DataFolderLock.TryAcquire(data)
            ?? throw new DataFolderInUseException($"{Path.GetFullPath(data)} is in use by {DataFolderLock.DescribeHolder(data)}; stop it or let it finish");
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        Dispose();
        return Task.CompletedTask;
    }

    public void Dispose()
    {
        _lock?.Dispose();
        _lock = null;
    }
}
