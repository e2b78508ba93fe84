using System.Globalization;
using Tessera.Interop.Tests.Support;
using Tessera.Testing;

namespace Tessera.Interop.Tests;

/// <summary>
/// The network verbs over TLS (PS3.15 B.9) against DCMTK built with OpenSSL: `tessera echo/store --tls` to storescp +tls,
/// and echoscu/storescu +tls to `tessera receive --tls`, both sides authenticated by a PKI made for the class.
/// </summary>
public sealed class TlsInteropTests(TestCertificates pki) : IClassFixture<TestCertificates>
{
    private readonly TestCertificates _pki = pki;

    [DcmtkFact]
    public async Task EchoAndStoreWithTlsToStorescp()
    {
        var output = Directory.CreateTempSubdirectory("tessera-store-tls-");
        var port = Dcmtk.FreePort().ToString(CultureInfo.InvariantCulture);
        await using var storescp = ChildProcess.Start("/usr/bin/storescp", "+tls", _pki.ServerKeyPath, _pki.ServerCertificatePath, "+cf", _pki.CaPath, "+xa", "-aet", "STORESCP", "-od", output.FullName, "-fe", ".dcm", port);
        try
        {
            await Dcmtk.WaitForListenerAsync(int.Parse(port, CultureInfo.InvariantCulture));
            string[] tls = ["--tls", "--tls-certificate", _pki.ClientCertificatePath, "--tls-key", _pki.ClientKeyPath, "--tls-ca", _pki.CaPath, "--aec", "STORESCP"];

            var (exit, log) = await ExternalProcess.TesseraAsync(["echo", .. tls, "127.0.0.1", port]);
            Assert.True(exit == 0, log + storescp.Output);

            (exit, log) = await ExternalProcess.TesseraAsync(["store", .. tls, "127.0.0.1", port, Repository.Corpus("ct_small_evrle.dcm"), Repository.Corpus("mr_small_j2k.dcm")]);
            Assert.True(exit == 0, log + storescp.Output);
            Assert.Contains("2 sent", log, StringComparison.Ordinal);
            Assert.Equal(2, output.GetFiles("*.dcm").Length);

            // A peer whose certificate chains to another CA is refused: --tls-ca is checked, not decoration.
            (exit, log) = await ExternalProcess.TesseraAsync(["echo", "--tls", "--tls-ca", _pki.OtherCaPath, "--aec", "STORESCP", "--timeout", "5", "127.0.0.1", port]);
            Assert.NotEqual(0, exit);
        }
        finally
        {
            output.Delete(recursive: true);
        }
    }

    [DcmtkFact]
    public async Task EchoscuAndStorescuWithTlsToTesseraReceive()
    {
        await using var receive = await TesseraReceive.StartAsync(
            "--quiet", "--tls", "--tls-certificate", _pki.ServerCertificatePath, "--tls-key", _pki.ServerKeyPath, "--tls-ca", _pki.CaPath, "--tls-require-client-certificate");
        string[] tls = ["+tls", _pki.ClientKeyPath, _pki.ClientCertificatePath, "+cf", _pki.CaPath];

        var (exit, output) = await ExternalProcess.DcmtkAsync("echoscu", [.. tls, "-v", "127.0.0.1", receive.PortText]);
        Assert.True(exit == 0, output + receive.Process.Output);
        Assert.Contains("Received Echo Response (Success)", output, StringComparison.Ordinal);

        (exit, output) = await ExternalProcess.DcmtkAsync("storescu", [.. tls, "127.0.0.1", receive.PortText, Repository.Corpus("ct_small_evrle.dcm")]);
        Assert.True(exit == 0, output + receive.Process.Output);
        Assert.Single(receive.Files);

        // Without a client certificate, mutual TLS refuses the connection.
        (exit, _) = await ExternalProcess.DcmtkAsync("echoscu", "+tls", "-", "-", "+cf", _pki.CaPath, "-to", "5", "127.0.0.1", receive.PortText);
        Assert.NotEqual(0, exit);
    }
}
