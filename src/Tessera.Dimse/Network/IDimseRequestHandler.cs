using Tessera.Dimse.PData;

namespace Tessera.Dimse.Network;

/// <summary>Serves the requests a peer sends on an association (the SCP side of whatever was negotiated).</summary>
internal interface IDimseRequestHandler
{
    /// <summary>Handles one request and sends its response(s) on <paramref name="association"/>.</summary>
    Task HandleAsync(DicomAssociation association, IncomingDimseMessage request, CancellationToken cancellationToken);
}
