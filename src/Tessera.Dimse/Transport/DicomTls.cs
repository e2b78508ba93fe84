using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace Tessera.Dimse.Transport;

/// <summary>Builds the <see cref="SslStream"/> options of <see cref="DicomTlsOptions"/> and validates peers against a CA bundle.</summary>
internal static class DicomTls
{
    public static X509Certificate2 LoadCertificate(DicomTlsOptions options)
    {
        var path = options.CertificatePath ?? throw new InvalidOperationException("TLS needs a certificate (CertificatePath)");
        var extension = Path.GetExtension(path);
        if (extension.Equals(".pfx", StringComparison.OrdinalIgnoreCase) || extension.Equals(".p12", StringComparison.OrdinalIgnoreCase))
        {
            return X509CertificateLoader.LoadPkcs12FromFile(path, options.CertificatePassword);
        }

        var pem = options.CertificatePassword is { } password
            ? X509Certificate2.CreateFromEncryptedPemFile(path, password, options.PrivateKeyPath)
            : X509Certificate2.CreateFromPemFile(path, options.PrivateKeyPath);
        // SslStream needs the key in a form the platform's TLS stack can use: round-trip through PKCS#12.
        using (pem)
        {
            return X509CertificateLoader.LoadPkcs12(pem.Export(X509ContentType.Pkcs12), null);
        }
    }

    public static X509Certificate2Collection? LoadCaBundle(DicomTlsOptions options)
    {
        if (options.CaBundlePath is not { } path)
        {
            return null;
        }

        var bundle = new X509Certificate2Collection();
        bundle.ImportFromPemFile(path);
        return bundle;
    }

    public static SslServerAuthenticationOptions ServerOptions(DicomTlsOptions options, X509Certificate2 certificate, X509Certificate2Collection? caBundle) => new()
    {
        ServerCertificate = certificate,
        EnabledSslProtocols = options.Protocols,
        ClientCertificateRequired = options.RequireClientCertificate,
        // A resumed session carries no client certificate to validate again: with mutual TLS every handshake is a full one
        // (seen on Linux, where a client resumed the session of an earlier server and arrived without its certificate).
        AllowTlsResume = !options.RequireClientCertificate,
        CertificateRevocationCheckMode = System.Security.Cryptography.X509Certificates.X509RevocationMode.NoCheck,
        RemoteCertificateValidationCallback = (_, certificate, _, errors) =>
            certificate is null
                ? !options.RequireClientCertificate
                : Validate(certificate, errors, caBundle, checkName: false),
    };

    public static SslClientAuthenticationOptions ClientOptions(DicomTlsOptions options, string host, X509Certificate2? certificate, X509Certificate2Collection? caBundle) => new()
    {
        TargetHost = options.TargetHost ?? host,
        EnabledSslProtocols = options.Protocols,
        ClientCertificates = certificate is null ? null : new X509CertificateCollection { certificate },
        CertificateRevocationCheckMode = X509RevocationMode.NoCheck,
        RemoteCertificateValidationCallback = (_, serverCertificate, _, errors) =>
            serverCertificate is not null && Validate(serverCertificate, errors, caBundle, options.CheckServerName),
    };

    /// <summary>
    /// With a CA bundle, the chain must end in one of its certificates (custom root trust, no system roots); without, the
    /// platform's verdict stands. Revocation is not checked: DICOM sites rarely publish CRLs reachable from the modality network.
    /// </summary>
    private static bool Validate(X509Certificate certificate, SslPolicyErrors errors, X509Certificate2Collection? caBundle, bool checkName)
    {
        if (checkName && errors.HasFlag(SslPolicyErrors.RemoteCertificateNameMismatch))
        {
            return false;
        }

        if (caBundle is null)
        {
            return (errors & ~(checkName ? SslPolicyErrors.None : SslPolicyErrors.RemoteCertificateNameMismatch)) == SslPolicyErrors.None;
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(caBundle);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        using var leaf = new X509Certificate2(certificate);
        return chain.Build(leaf);
    }
}
