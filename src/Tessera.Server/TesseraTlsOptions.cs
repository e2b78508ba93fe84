namespace Tessera.Server;

/// <summary>
/// TLS of the DICOM listener (PS3.15 B.9, the Basic TLS Secure Transport Connection Profile; BCP 195: TLS 1.2/1.3): section
/// <c>Tessera:Dicom:Tls</c>. Used when <see cref="TesseraDicomOptions.TlsPort"/> is set.
/// </summary>
public sealed class TesseraTlsOptions
{
    /// <summary>The server certificate: a PKCS#12 file (.pfx/.p12, with <see cref="Password"/>) or a PEM certificate (with <see cref="Key"/>).</summary>
    public string? Certificate { get; set; }

    /// <summary>PEM private key of a PEM <see cref="Certificate"/>; empty when the key is in the certificate file.</summary>
    public string? Key { get; set; }

    /// <summary>Password of the PKCS#12 file or of an encrypted PEM key. A secret: never logged, never echoed in errors.</summary>
    public string? Password { get; set; }

    /// <summary>Mutual TLS: a client without a certificate issued by <see cref="ClientCertificateAuthorities"/> is refused in the handshake.</summary>
    public bool RequireClientCertificate { get; set; }

    /// <summary>PEM bundle of the CAs whose client certificates are trusted (custom root trust, system roots not used); empty: the system store.</summary>
    public string? ClientCertificateAuthorities { get; set; }

    /// <summary>Whether <see cref="Password"/> is set, for messages that must mention it without showing it.</summary>
    public override string ToString() =>
        $"Certificate={Certificate}, Key={Key}, Password={(string.IsNullOrEmpty(Password) ? "(none)" : "(set)")}, RequireClientCertificate={RequireClientCertificate}, ClientCertificateAuthorities={ClientCertificateAuthorities}";
}
