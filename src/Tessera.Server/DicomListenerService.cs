using System.Net;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Tessera.Archive.Index;
using Tessera.Archive.Storage;

namespace Tessera.Server;

/// <summary>
/// The server's lifetime: on start, the index is opened, temporaries left by a crash are swept (STYLE 9: before any
/// ingest), then the DICOM listeners start and one line says so; on stop, running associations get the grace period.
/// </summary>
public sealed class DicomListenerService(
    IOptions<TesseraServerOptions> options,
    IIndexStore index,
    IBlobStore blobs,
    DicomListeners listeners,
    ILogger<DicomListenerService> logger) : IHostedService
{
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
        ServerLog.Stopped(logger);
    }
}
