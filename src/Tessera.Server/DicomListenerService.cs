using System.Net;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Tessera.Archive.Index;
using Tessera.Archive.Storage;
using Tessera.Dimse.Network;

namespace Tessera.Server;

/// <summary>
/// The server's lifetime: on start, the index is opened, temporaries left by a crash are swept (STYLE 9: before any
/// ingest), then the DICOM listener starts and one line says so; on stop, running associations get the grace period.
/// </summary>
public sealed class DicomListenerService(
    IOptions<TesseraServerOptions> options,
    IIndexStore index,
    IBlobStore blobs,
    DicomServer server,
    ILogger<DicomListenerService> logger) : IHostedService
{
    /// <summary>Where the listener is, once started (the actual port when 0 was configured).</summary>
    public IPEndPoint? LocalEndPoint => server.LocalEndPoint;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await index.InitializeAsync(cancellationToken).ConfigureAwait(false);
        var swept = await blobs.SweepTemporariesAsync(cancellationToken).ConfigureAwait(false);
        if (swept > 0)
        {
            ServerLog.Swept(logger, swept);
        }

        await server.StartAsync(cancellationToken).ConfigureAwait(false);
        var settings = options.Value;
        var endPoint = server.LocalEndPoint!;
        ServerLog.Ready(logger, settings.Dicom.AETitle, endPoint.Address.ToString(), endPoint.Port, settings.Data);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        ServerLog.Stopping(logger, options.Value.Dicom.ShutdownGracePeriod, server.ActiveAssociations);
        await server.StopAsync(cancellationToken).ConfigureAwait(false);
        ServerLog.Stopped(logger);
    }
}
