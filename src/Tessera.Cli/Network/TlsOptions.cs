using System.CommandLine;
using Tessera.Dimse.Transport;

namespace Tessera.Cli.Network;

/// <summary>
/// TLS for the network verbs (PS3.15 B.9 Basic TLS Secure Transport Connection Profile; BCP 195: TLS 1.2/1.3), in the
/// spirit of DCMTK's +tls KEY CERT and +cf CA: this side's certificate and key, and the CA bundle the peer's certificate is
/// checked against. There is no switch to skip that check: an unverified peer is not what TLS is asked for.
/// </summary>
internal sealed class TlsOptions
{
    public TlsOptions(bool server)
    {
        Server = server;
        Enable = new Option<bool>("--tls") { Description = "secure the association with TLS 1.2/1.3 (PS3.15 B.9; DCMTK's +tls)" };
        Certificate = new Option<string?>("--tls-certificate")
        {
            Description = server ? "our certificate: PEM (with --tls-key) or PKCS#12 .pfx/.p12 (required with --tls)" : "our certificate, for a peer that asks for one: PEM (with --tls-key) or PKCS#12 .pfx/.p12",
        };
        Key = new Option<string?>("--tls-key") { Description = "PEM private key of --tls-certificate (when not in the same file)" };
        Password = new Option<string?>("--tls-password") { Description = "password of a PKCS#12 certificate or an encrypted PEM key" };
        Ca = new Option<string?>("--tls-ca")
        {
            Description = server ? "PEM bundle of the CAs client certificates must chain to (default: the system store)" : "PEM bundle of the CAs (or the peer certificate) the peer must chain to (default: the system store)",
        };
        ServerName = new Option<string?>("--tls-server-name") { Description = "the name the peer's certificate must carry (default: HOST)" };
        RequireClientCertificate = new Option<bool>("--tls-require-client-certificate") { Description = "reject clients without a certificate that chains to --tls-ca (mutual TLS)" };
    }

    public bool Server { get; }

    public Option<bool> Enable { get; }

    public Option<string?> Certificate { get; }

    public Option<string?> Key { get; }

    public Option<string?> Password { get; }

    public Option<string?> Ca { get; }

    public Option<string?> ServerName { get; }

    public Option<bool> RequireClientCertificate { get; }

    public void AddTo(Command command)
    {
        command.Options.Add(Enable);
        command.Options.Add(Certificate);
        command.Options.Add(Key);
        command.Options.Add(Password);
        command.Options.Add(Ca);
        if (Server)
        {
            command.Options.Add(RequireClientCertificate);
        }
        else
        {
            command.Options.Add(ServerName);
        }

        command.Validators.Add(result =>
        {
            var enabled = result.GetValue(Enable);
            Option[] dependent = Server ? [Certificate, Key, Password, Ca, RequireClientCertificate] : [Certificate, Key, Password, Ca, ServerName];
            if (!enabled && dependent.FirstOrDefault(o => result.GetResult(o) is { Implicit: false }) is { } stray)
            {
                result.AddError($"{stray.Name} needs --tls");
            }

            if (Server && enabled && string.IsNullOrEmpty(result.GetValue(Certificate)))
            {
                result.AddError("--tls needs --tls-certificate for a server");
            }

            foreach (var file in new[] { Certificate, Key, Ca })
            {
                if (result.GetValue(file) is { } path && !File.Exists(path))
                {
                    result.AddError($"{file.Name}: no file {path}");
                }
            }
        });
    }

    /// <summary>The TLS options chosen, or null without --tls.</summary>
    public DicomTlsOptions? Build(ParseResult parseResult)
    {
        if (!parseResult.GetValue(Enable))
        {
            return null;
        }

        return new DicomTlsOptions
        {
            CertificatePath = parseResult.GetValue(Certificate),
            PrivateKeyPath = parseResult.GetValue(Key),
            CertificatePassword = parseResult.GetValue(Password),
            CaBundlePath = parseResult.GetValue(Ca),
            RequireClientCertificate = Server && parseResult.GetValue(RequireClientCertificate),
            TargetHost = Server ? null : parseResult.GetValue(ServerName),
        };
    }
}
