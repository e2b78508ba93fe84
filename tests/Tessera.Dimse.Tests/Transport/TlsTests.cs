using System.Globalization;
using System.Security.Authentication;
using Tessera.Dicom;
using Tessera.Dimse.Messages;
using Tessera.Dimse.Negotiation;
using Tessera.Dimse.Network;
using Tessera.Dimse.Services;
using Tessera.Dimse.Tests.Interop;
using Tessera.Dimse.Tests.Services;
using Tessera.Dimse.Transport;

namespace Tessera.Dimse.Tests.Transport;

/// <summary>TLS (PS3.15 B.9, BCP 195) between DicomClient, DicomServer and DCMTK, with certificates made at run time.</summary>
/// <remarks>One PKI for the class: RSA key generation is the slow part.</remarks>
public sealed class TlsTests(TestCertificates pki) : IClassFixture<TestCertificates>
{
    private readonly TestCertificates _pki = pki;

    [Fact]
    public async Task ClientAndServerEchoAndStoreOverMutualTls()
    {
        var store = new TestHandlers.MemoryStoreHandler();
        await using var server = await StartAsync(requireClientCertificate: true, store);
        await using var client = await ConnectAsync(server, ClientTls());

        Assert.Equal(DimseStatus.Success, await client.EchoAsync(QueryRetrieveTests.Cancel()));
        Assert.Equal(DimseStatus.Success, await client.StoreFileAsync(Dcmtk.Corpus("ct_small_evrle.dcm"), QueryRetrieveTests.Cancel()));
        Assert.Equal(Dcmtk.DataSetOf(Dcmtk.Corpus("ct_small_evrle.dcm")), Assert.Single(store.Received).Bytes);
        await client.ReleaseAsync(QueryRetrieveTests.Cancel());
    }

    [Fact]
    public async Task MutualTlsAfterAResumableSessionToAnotherServerStillGetsTheClientCertificate()
    {
        // Regression: the client resumed the TLS session of a server without mutual TLS and arrived without a certificate.
        await using (var open = await StartAsync(requireClientCertificate: false))
        await using (var first = await ConnectAsync(open, ClientTls()))
        {
            Assert.Equal(DimseStatus.Success, await first.EchoAsync(QueryRetrieveTests.Cancel()));
        }

        await using var strict = await StartAsync(requireClientCertificate: true);
        await using var client = await ConnectAsync(strict, ClientTls());
        Assert.Equal(DimseStatus.Success, await client.EchoAsync(QueryRetrieveTests.Cancel()));
    }

    [Fact]
    public async Task ServerCertificateFromAPasswordProtectedPkcs12File()
    {
        var pfx = Path.Combine(Path.GetDirectoryName(_pki.ServerCertificatePath)!, "server.pfx");
        using (var pem = System.Security.Cryptography.X509Certificates.X509Certificate2.CreateFromPemFile(_pki.ServerCertificatePath, _pki.ServerKeyPath))
        {
            await File.WriteAllBytesAsync(pfx, pem.Export(System.Security.Cryptography.X509Certificates.X509ContentType.Pkcs12, "s3cret"));
        }

        await using var server = await QueryRetrieveTests.StartAsync(
            new DicomServerHandlers(),
            o => o with { Tls = new DicomTlsOptions { CertificatePath = pfx, CertificatePassword = "s3cret" } });
        await using var client = await ConnectAsync(server, ClientTls());

        Assert.Equal(DimseStatus.Success, await client.EchoAsync(QueryRetrieveTests.Cancel()));
    }

    [Fact]
    public async Task ServerRequiringAClientCertificateRefusesAClientWithout()
    {
        await using var server = await StartAsync(requireClientCertificate: true);
        await Assert.ThrowsAnyAsync<Exception>(async () =>
        {
            await using var client = await ConnectAsync(server, ClientTls() with { CertificatePath = null, PrivateKeyPath = null });
            await client.EchoAsync(QueryRetrieveTests.Cancel());
        });
    }

    [Fact]
    public async Task ClientRefusesAServerCertificateFromAnotherCa()
    {
        await using var server = await StartAsync(requireClientCertificate: false);
        await Assert.ThrowsAsync<AuthenticationException>(() => ConnectAsync(server, ClientTls() with { CaBundlePath = _pki.OtherCaPath }));
    }

    [Fact]
    public async Task ClientRefusesAServerCertificateForAnotherName()
    {
        await using var server = await StartAsync(requireClientCertificate: false);
        await Assert.ThrowsAsync<AuthenticationException>(() => ConnectAsync(server, ClientTls() with { TargetHost = "pacs.example.org" }));
    }

    [Fact]
    public async Task ClientRefusesTls11()
    {
        await using var server = await StartAsync(requireClientCertificate: false);
#pragma warning disable SYSLIB0039 // TLS 1.1 is offered on purpose, to see it refused
        await Assert.ThrowsAnyAsync<Exception>(() => ConnectAsync(server, ClientTls() with { Protocols = SslProtocols.Tls11 }));
#pragma warning restore SYSLIB0039
    }

    [DcmtkFact]
    public async Task EchoscuAndStorescuWithTlsAgainstDicomServer()
    {
        var store = new TestHandlers.MemoryStoreHandler();
        await using var server = await StartAsync(requireClientCertificate: true, store);
        var port = server.LocalEndPoint!.Port.ToString(CultureInfo.InvariantCulture);
        string[] tls = ["+tls", _pki.ClientKeyPath, _pki.ClientCertificatePath, "+cf", _pki.CaPath];

        var (exit, output) = await Dcmtk.RunAsync("echoscu", [.. tls, "-v", "-aec", "TESSERA", "127.0.0.1", port]);
        Assert.True(exit == 0, output);
        Assert.Contains("Received Echo Response (Success)", output, StringComparison.Ordinal);

        (exit, output) = await Dcmtk.RunAsync("storescu", [.. tls, "-v", "-aec", "TESSERA", "127.0.0.1", port, Dcmtk.Corpus("ct_small_evrle.dcm")]);
        Assert.True(exit == 0, output);
        Assert.Single(store.Received);

        // Without TLS the same server does not talk to echoscu.
        (exit, _) = await Dcmtk.RunAsync("echoscu", "-to", "5", "-aec", "TESSERA", "127.0.0.1", port);
        Assert.NotEqual(0, exit);
    }

    [DcmtkFact]
    public async Task DicomClientWithTlsStoresToStorescp()
    {
        var port = Dcmtk.FreePort();
        var output = Directory.CreateTempSubdirectory("tessera-storescp-tls-");
        using var storescp = Dcmtk.Start("storescp", "+tls", _pki.ServerKeyPath, _pki.ServerCertificatePath, "+cf", _pki.CaPath, "-aet", "STORESCP", "-od", output.FullName, port.ToString(CultureInfo.InvariantCulture));
        try
        {
            await Dcmtk.WaitForListenerAsync(port);
            var source = await DicomInstanceSource.FromFileAsync(Dcmtk.Corpus("ct_small_evrle.dcm"));
            await using var client = await DicomClient.ConnectAsync(
                new DicomClientOptions
                {
                    Host = "127.0.0.1",
                    Port = port,
                    CalledAETitle = "STORESCP",
                    PresentationContexts = DicomPresentationContexts.ForInstances([source]),
                    Tls = ClientTls(),
                },
                cancellationToken: QueryRetrieveTests.Cancel());
            Assert.Equal(DimseStatus.Success, await client.StoreAsync(source, QueryRetrieveTests.Cancel()));
            await client.ReleaseAsync(QueryRetrieveTests.Cancel());
            Assert.Single(output.GetFiles());
        }
        finally
        {
            storescp.Kill();
            await storescp.WaitForExitAsync();
            output.Delete(true);
        }
    }

    private DicomTlsOptions ClientTls() => new()
    {
        CertificatePath = _pki.ClientCertificatePath,
        PrivateKeyPath = _pki.ClientKeyPath,
        CaBundlePath = _pki.CaPath,
        TargetHost = "localhost",
    };

    private Task<DicomServer> StartAsync(bool requireClientCertificate, IStoreHandler? store = null) =>
        QueryRetrieveTests.StartAsync(
            new DicomServerHandlers { Store = store },
            o => o with
            {
                StorageSopClasses = DicomPresentationContexts.StorageSopClasses,
                Tls = new DicomTlsOptions
                {
                    CertificatePath = _pki.ServerCertificatePath,
                    PrivateKeyPath = _pki.ServerKeyPath,
                    CaBundlePath = _pki.CaPath,
                    RequireClientCertificate = requireClientCertificate,
                },
            });

    private static Task<DicomClient> ConnectAsync(DicomServer server, DicomTlsOptions tls) =>
        DicomClient.ConnectAsync(
            new DicomClientOptions
            {
                Host = "127.0.0.1",
                Port = server.LocalEndPoint!.Port,
                CalledAETitle = "TESSERA",
                CallingAETitle = "TESTSCU",
                PresentationContexts = DicomPresentationContexts.Scu([DicomUids.CTImageStorage]),
                Tls = tls,
            },
            cancellationToken: QueryRetrieveTests.Cancel());
}
