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
/// stop, after the index is made durable. Its modification time is the recovery point: the server's index syncs lazily
/// (SQLite synchronous=NORMAL), and <see cref="RecoveryPointService"/> makes it durable every few seconds and moves the
/// time forward. Found at start, the marker means the last run was killed or lost power: then every blob committed since
/// that time (less a minute for coarse file-system clocks) that no index row refers to is ingested again from itself
/// (<see cref="IngestService.RecoverAsync"/>): its row was lost with the WAL's unsynced tail, or its commit never happened.
/// A recovery looks only at the folders changed since, not the whole archive (<see cref="IBlobStore.EnumerateCommittedSinceAsync"/>).
/// </remarks>
public sealed class DicomListenerService(
    IOptions<TesseraServerOptions> options,
    IIndexStore index,
    IBlobStore blobs,
    IngestService ingest,
    DicomListeners listeners,
    ILogger<DicomListenerService> logger) : IHostedService
{
    /// <summary>File in the data folder while a server runs on it; see the remarks.</summary>
    public const string RunningMarker = "serve.running";

    /// <summary>The <see cref="RunningMarker"/> of <paramref name="dataFolder"/>.</summary>
    public static string RunningMarkerPath(string dataFolder) => Path.Combine(dataFolder, RunningMarker);

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

        var marker = RunningMarkerPath(options.Value.Data);
        if (File.Exists(marker))
        {
            var since = new DateTimeOffset(File.GetLastWriteTimeUtc(marker) - TimeSpan.FromMinutes(1), TimeSpan.Zero);
            var report = await ingest.RecoverAsync(since, cancellationToken).ConfigureAwait(false);
            ServerLog.RecoveredAfterCrash(logger, report.Examined, report.Indexed, report.Deleted, report.Left);

            // The rows just written must not be lost with the marker's new time: the next recovery would not look back here.
            await ingest.MakeIndexDurableAsync(cancellationToken).ConfigureAwait(false);
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

        // The marker goes only once every acknowledged row is durable: without it, no recovery would look for lost ones.
        await ingest.MakeIndexDurableAsync(CancellationToken.None).ConfigureAwait(false);
        File.Delete(RunningMarkerPath(options.Value.Data));
        ServerLog.Stopped(logger);
    }
}
