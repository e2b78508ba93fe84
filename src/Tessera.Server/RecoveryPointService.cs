using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Tessera.Archive.Ingest;

namespace Tessera.Server;

/// <summary>
/// Every <see cref="TesseraServerOptions.RecoveryPointInterval"/>, makes the index durable and sets the running marker's
/// time to the recovery point (<see cref="IngestService.MakeIndexDurableAsync"/>), so a recovery after a crash looks only
/// at the blobs of the last seconds. Costs one WAL fsync per interval instead of one per C-STORE. A marker time that a
/// crash loses is an earlier one: the recovery then looks further back, never less far.
/// </summary>
public sealed class RecoveryPointService(IOptions<TesseraServerOptions> options, IngestService ingest, ILogger<RecoveryPointService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var marker = DicomListenerService.RunningMarkerPath(options.Value.Data);
        using var timer = new PeriodicTimer(options.Value.RecoveryPointInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                await MoveAsync(marker, stoppingToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: DicomListenerService makes the index durable once more and removes the marker.
        }
    }

    private async Task MoveAsync(string marker, CancellationToken cancellationToken)
    {
        try
        {
            var point = await ingest.MakeIndexDurableAsync(cancellationToken).ConfigureAwait(false);
            if (File.Exists(marker))
            {
                File.SetLastWriteTimeUtc(marker, point.UtcDateTime);
            }
        }
#pragma warning disable CA1031 // whatever the index adapter throws, the server runs on; the next tick tries again
        catch (Exception exception) when (exception is not OperationCanceledException)
#pragma warning restore CA1031
        {
            // The marker keeps its older time: a recovery would look further back, nothing is lost.
            ServerLog.RecoveryPointFailed(logger, exception);
        }
    }
}
