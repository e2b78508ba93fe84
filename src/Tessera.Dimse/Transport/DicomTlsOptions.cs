using System.Security.Authentication;

namespace Tessera.Dimse.Transport;

/// <summary>
/// TLS for an association (PS3.15 B.9, BCP 195: TLS 1.2 or 1.3 only, certificate-based authentication). One type for both
/// sides: a server needs its certificate; a client needs the certificate only for mutual authentication.
/// </summary>
public sealed record DicomTlsOptions
{
    /// <summary>This side's certificate: a PKCS#12 file (.pfx/.p12), or a PEM certificate with <see cref="PrivateKeyPath"/>.</summary>
    public string? CertificatePath { get; init; }

    /// <summary>PEM private key of a PEM <see cref="CertificatePath"/>; null when the key is in the same PEM file or in the PKCS#12.</summary>
    public string? PrivateKeyPath { get; init; }

    /// <summary>Password of the PKCS#12 file or of an encrypted PEM key.</summary>
    public string? CertificatePassword { get; init; }

    /// <summary>
    /// PEM bundle of the CAs trusted for the peer's certificate; null trusts the system store. A server with a bundle
    /// validates client certificates against it only.
    /// </summary>
    public string? CaBundlePath { get; init; }

    /// <summary>Server: require and validate a client certificate (mutual TLS).</summary>
    public bool RequireClientCertificate { get; init; }

    /// <summary>Client: the name the server's certificate must carry (SNI and validation); null uses the host connected to.</summary>
    public string? TargetHost { get; init; }

    /// <summary>Client: check that the server certificate names <see cref="TargetHost"/> (on by default; off only for IP-addressed test peers).</summary>
    public bool CheckServerName { get; init; } = true;

    /// <summary>BCP 195 (RFC 9325): TLS 1.2 and 1.3; older versions are refused.</summary>
    public SslProtocols Protocols { get; init; } = SslProtocols.Tls12 | SslProtocols.Tls13;
}
