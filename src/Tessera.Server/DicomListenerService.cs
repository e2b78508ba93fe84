using System.Net;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Tessera.Archive.Index;
using Tessera.Archive.Ingest;
using Tessera.Archive.Storage;

namespace Tessera.Server;

/// <summary>
/// The server's lifetime: on start, the index is opened, temporaries left by a crash are swept (STYLE 9: before any
/// ingest), then the DICOM listeners start and one line says so; on stop, running associations get the grace period.
/// </summary>
/// <remarks>
/// A marker file (<see cref="RunningMarker"/>) lives in the data folder while the server runs and is removed on a clean
/// stop. Found at start, it means the last run was killed: then blobs without an index row are deleted too. Such an
/// orphan is a blob renamed into place whose index commit never happened, so its C-STORE was never acknowledged (the
/// response follows the commit) and the sender still holds it; left in place, a re-send whose file meta differs (another
/// Source AE Title, PS3.10 7.1) names a new blob and the orphan stays for ever. Only blobs committed since the crashed run
/// started (the marker's time, less a minute for coarse file-system clocks) are looked at, each against the index rows of
/// the instance it is named after: a recovery does not walk a whole archive (<see cref="IBlobStore.EnumerateCommittedSinceAsync"/>).
/// </remarks>
public sealed class DicomListenerService(
    IOptions<TesseraServerOptions> options,
    IIndexStore index,
    IBlobStore blobs,
    DicomListeners listeners,
    ILogger<DicomListenerService> logger) : IHostedService
{
    /// <summary>File in the data folder while a server runs on it; see the remarks.</summary>
    public const string RunningMarker = "serve.running";

    /// <summary>Where the plain listener is, once started (the actual port when 0 was configured); null when disabled.</summary>
    public IPEndPoint? LocalEndPoint => listeners.Plain?.LocalEndPoint;

    /// <summary>Where the TLS listener is, once started; null without one.</summary>
    public IPEndPoint? TlsLocalEndPoint => listeners.Tls?.LocalEndPoint;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await index.InitializeAsync(cancellationToken).ConfigureAwait(false);
        var swept = await blobs.SweepTemporariesAsync(cancellationToken).ConfigureAwait(false);
        if (swept > 0)
        {
            ServerLog.Swept(logger, swept);
        }

        var marker = Path.Combine(options.Value.Data, RunningMarker);
        if (File.Exists(marker))
        {
            await DeleteOrphansAsync(File.GetLastWriteTimeUtc(marker) - TimeSpan.FromMinutes(1), cancellationToken).ConfigureAwait(false);
        }

        await File.WriteAllTextAsync(marker, $"{Environment.ProcessId}\n", cancellationToken).ConfigureAwait(false);

        foreach (var server in listeners.All)
        {
            await server.StartAsync(cancellationToken).ConfigureAwait(false);
        }

        var settings = options.Value;
        var dicom = settings.Dicom;
        if (dicom.AllowAnyCallingAETitle && !IPAddress.IsLoopback(IPAddress.Parse(dicom.Bind)))
        {
            ServerLog.AnyCallingAETitle(logger, dicom.Bind);
        }

        var where = string.Join(" and ", new[]
        {
            LocalEndPoint is { } plain ? $"{plain.Address}:{plain.Port}" : null,
            TlsLocalEndPoint is { } tls ? $"TLS {tls.Address}:{tls.Port}" : null,
        }.OfType<string>());
        ServerLog.Ready(logger, dicom.AETitle, where, settings.Data);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        ServerLog.Stopping(logger, options.Value.Dicom.ShutdownGracePeriod, listeners.All.Sum(s => s.ActiveAssociations));
        await Task.WhenAll(listeners.All.Select(s => s.StopAsync(cancellationToken))).ConfigureAwait(false);
        File.Delete(Path.Combine(options.Value.Data, RunningMarker));
        ServerLog.Stopped(logger);
    }

    private async Task DeleteOrphansAsync(DateTime since, CancellationToken cancellationToken)
    {
        var examined = 0;
        var orphans = 0;
        await foreach (var path in blobs.EnumerateCommittedSinceAsync(new DateTimeOffset(since, TimeSpan.Zero), cancellationToken).ConfigureAwait(false))
        {
            // Ingest names a blob STUDY/SERIES/SOP.HASH.dcm (StoragePaths); anything else in the store is not ingest's to delete.
            if (StoragePaths.SopInstanceUidOf(path) is not { } sop)
            {
                continue;
            }

            examined++;
            var referenced = false;
            await foreach (var version in index.ListInstanceVersionsAsync(sop, cancellationToken).ConfigureAwait(false))
            {
                referenced |= version.Location.StorageId == blobs.StorageId && version.Location.RelativePath == path;
            }

            if (!referenced)
            {
                await blobs.DeleteAsync(path, cancellationToken).ConfigureAwait(false);
                orphans++;
            }
        }

        ServerLog.RecoveredAfterCrash(logger, examined, orphans);
    }
}
