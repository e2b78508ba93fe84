using Microsoft.Extensions.Logging;
using Tessera.Dimse.Negotiation;
using Tessera.Dimse.Services;

namespace Tessera.Dimse.Network;

/// <summary>Opens the associations a server initiates itself: to C-MOVE destinations and to Storage Commitment requesters.</summary>
internal sealed class DicomServerConnector(DicomServerOptions options, ILogger logger, TimeProvider timeProvider)
{
    public string CallingAETitle => options.OutboundAETitle ?? options.AETitle ?? "TESSERA";

    public Task<DicomClient> ConnectAsync(RemoteApplicationEntity peer, IReadOnlyList<PresentationContextProposal> contexts, CancellationToken cancellationToken) =>
        DicomClient.ConnectAsync(
            new DicomClientOptions
            {
                Host = peer.Host,
                Port = peer.Port,
                CalledAETitle = peer.AETitle,
                CallingAETitle = CallingAETitle,
                PresentationContexts = contexts,
                // The window is proposed only when asked for: some implementations drop an association that carries the item.
                Association = options.Association with { MaxOperationsInvoked = options.OutboundMaxOperationsInvoked, MaxOperationsPerformed = 1 },
                Tls = options.OutboundTls,
            },
            logger,
            timeProvider,
            cancellationToken);
}
