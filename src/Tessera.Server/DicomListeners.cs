using Tessera.Dimse.Network;

namespace Tessera.Server;

/// <summary>
/// The DICOM listeners of one server: plain TCP and/or TLS on its own port (PS3.15 B.9), with the same handlers, so a site
/// can move peers to TLS one at a time. At least one is present (validated).
/// </summary>
public sealed record DicomListeners(DicomServer? Plain, DicomServer? Tls)
{
    public IEnumerable<DicomServer> All => new[] { Plain, Tls }.OfType<DicomServer>();
}
