using System.Globalization;
using System.Security.Cryptography.X509Certificates;
using Tessera.Server.Tests.Support;

namespace Tessera.Server.Tests;

/// <summary>
/// `tessera serve` on a network: the calling-AE allow-list (PS3.8 Table 9-21 reason 3), the secure default for a
/// non-loopback bind, and TLS (PS3.15 B.9) with and without client certificates, proven with DCMTK's echoscu/storescu.
/// </summary>
public sealed class ServeSecurityTests(TestCertificates pki) : IClassFixture<TestCertificates>
{
    private readonly TestCertificates _pki = pki;

    [DcmtkFact]
    public async Task CallingAETitlesOutsideTheAllowListAreRejectedAndLogged()
    {
        var data = Directory.CreateTempSubdirectory("tessera-serve-allow-");
        var port = Text(Dcmtk.FreePort());
        try
        {
            using var serve = ServeProcess.Start(
                ["--data", data.FullName, "--dicom-port", port, "--allow", "MODALITY", "--allow", "ELSEWHERE@10.1.2.3"],
                new Dictionary<string, string> { ["Tessera__Dicom__AllowedCallingAETitles__2"] = "LOCALONLY@127.0.0.1" });
            Assert.True(await serve.WaitReadyAsync(), serve.Output);

            var (exit, output) = await Dcmtk.RunAsync("echoscu", "-v", "-aet", "MODALITY", "-aec", "TESSERA", "127.0.0.1", port);
            Assert.True(exit == 0, output);
            (exit, output) = await Dcmtk.RunAsync("echoscu", "-v", "-aet", "LOCALONLY", "-aec", "TESSERA", "127.0.0.1", port);
            Assert.True(exit == 0, output);

            // Unknown title, and a known title from another address than its entry names.
            foreach (var stranger in new[] { "STRANGER", "ELSEWHERE" })
            {
                (exit, output) = await Dcmtk.RunAsync("echoscu", "-v", "-aet", stranger, "-aec", "TESSERA", "127.0.0.1", port);
                Assert.NotEqual(0, exit);
                Assert.Contains("Rejected Permanent", output, StringComparison.Ordinal);
                Assert.Contains("Calling AE Title Not Recognized", output, StringComparison.Ordinal);
                await serve.WaitForAsync(System.Text.RegularExpressions.Regex.Escape($"calling AE title {stranger} from 127.0.0.1")); // the log line may follow the reply
            }

            // storescu as a stranger stores nothing.
            (exit, output) = await Dcmtk.RunAsync("storescu", "-aet", "STRANGER", "-aec", "TESSERA", "127.0.0.1", port, Dcmtk.Corpus("ct_small_evrle.dcm"));
            Assert.NotEqual(0, exit);
            Assert.Empty(Directory.GetFiles(data.FullName, "*.dcm", SearchOption.AllDirectories));
        }
        finally
        {
            data.Delete(recursive: true);
        }
    }

    [DcmtkFact]
    public async Task ANonLoopbackBindNeedsAnAllowListOrAnExplicitAllowAny()
    {
        var data = Directory.CreateTempSubdirectory("tessera-serve-bind-");
        var port = Text(Dcmtk.FreePort());
        try
        {
            using (var refused = ServeProcess.Start(["--data", data.FullName, "--dicom-port", port, "--bind", "0.0.0.0"]))
            {
                Assert.False(await refused.WaitReadyAsync(), refused.Output);
                Assert.True(await refused.WaitForExitAsync(TimeSpan.FromSeconds(30)));
                Assert.Equal(2, refused.ExitCode);
                Assert.Contains("Tessera:Dicom:Bind 0.0.0.0 is not loopback: set Tessera:Dicom:AllowedCallingAETitles", refused.Output, StringComparison.Ordinal);
            }

            using var open = ServeProcess.Start(
                ["--data", data.FullName, "--dicom-port", port, "--bind", "0.0.0.0"],
                new Dictionary<string, string> { ["Tessera__Dicom__AllowAnyCallingAETitle"] = "true" });
            Assert.True(await open.WaitReadyAsync(), open.Output);
            Assert.Contains("accepts any calling AE title", open.Output, StringComparison.Ordinal);
            var (exit, output) = await Dcmtk.RunAsync("echoscu", "-aet", "ANYONE", "-aec", "TESSERA", "127.0.0.1", port);
            Assert.True(exit == 0, output);
        }
        finally
        {
            data.Delete(recursive: true);
        }
    }

    [DcmtkFact]
    public async Task EchoStoreFindGetAndMoveOverTlsWithAClientCertificateAndRefusedWithout()
    {
        var data = Directory.CreateTempSubdirectory("tessera-serve-tls-");
        var port = Text(Dcmtk.FreePort());
        var tlsPort = Text(Dcmtk.FreePort());
        var receivePort = Text(Dcmtk.FreePort());
        try
        {
            using var serve = ServeProcess.Start(
                ["--data", data.FullName, "--dicom-port", port, "--tls-port", tlsPort, "--peer", $"RECEIVER=127.0.0.1:{receivePort}"],
                new Dictionary<string, string>
                {
                    ["Tessera__Dicom__Tls__Certificate"] = _pki.ServerCertificatePath,
                    ["Tessera__Dicom__Tls__Key"] = _pki.ServerKeyPath,
                    ["Tessera__Dicom__Tls__RequireClientCertificate"] = "true",
                    ["Tessera__Dicom__Tls__ClientCertificateAuthorities"] = _pki.CaPath,
                });
            Assert.True(await serve.WaitReadyAsync(), serve.Output);
            Assert.Contains($"@127.0.0.1:{port} and TLS 127.0.0.1:{tlsPort}, data", serve.Output, StringComparison.Ordinal);

            string[] tls = ["+tls", _pki.ClientKeyPath, _pki.ClientCertificatePath, "+cf", _pki.CaPath];
            var (exit, output) = await Dcmtk.RunAsync("echoscu", [.. tls, "-v", "-aec", "TESSERA", "127.0.0.1", tlsPort]);
            Assert.True(exit == 0, output);
            Assert.Contains("Received Echo Response (Success)", output, StringComparison.Ordinal);
            (exit, output) = await Dcmtk.RunAsync("storescu", [.. tls, "-v", "-aec", "TESSERA", "127.0.0.1", tlsPort, Dcmtk.Corpus("ct_small_evrle.dcm")]);
            Assert.True(exit == 0, output);
            Assert.Single(Directory.GetFiles(Path.Combine(data.FullName, "files"), "*.dcm", SearchOption.AllDirectories));

            // Query and retrieve over TLS: DCMTK's findscu (its getscu and movescu have no TLS), then Tessera's own find, get and move.
            var study = CorpusInstance.Read(Dcmtk.Corpus("ct_small_evrle.dcm")).StudyInstanceUid;
            (exit, output) = await Dcmtk.RunAsync("findscu", [.. tls, "-S", "-aec", "TESSERA", "-k", "QueryRetrieveLevel=STUDY", "-k", "StudyInstanceUID", "127.0.0.1", tlsPort]);
            Assert.True(exit == 0, output);
            Assert.Contains(study, output, StringComparison.Ordinal);
            string[] ours = ["--aec", "TESSERA", "--tls", "--tls-certificate", _pki.ClientCertificatePath, "--tls-key", _pki.ClientKeyPath, "--tls-ca", _pki.CaPath];
            using (var find = ServeProcess.StartVerb(["find", "127.0.0.1", tlsPort, .. ours, "-k", "StudyInstanceUID"]))
            {
                Assert.True(await find.WaitForExitAsync(TimeSpan.FromSeconds(60)) && find.ExitCode == 0, find.Output);
                Assert.Contains(study, find.Output, StringComparison.Ordinal);
            }

            var byTessera = Path.Combine(data.FullName, "tessera-get");
            using (var get = ServeProcess.StartVerb(["get", "127.0.0.1", tlsPort, .. ours, "--out", byTessera, "-k", $"StudyInstanceUID={study}"]))
            {
                Assert.True(await get.WaitForExitAsync(TimeSpan.FromSeconds(60)) && get.ExitCode == 0, get.Output);
                Assert.Single(Directory.GetFiles(byTessera, "*.dcm"));
            }

            // C-MOVE asked for over TLS; the server sends to the destination its AE table names (plain TCP here).
            var moved = Path.Combine(data.FullName, "moved");
            using (var receive = ServeProcess.StartVerb(["receive", "--port", receivePort, "--out", moved, "-q"]))
            {
                await Dcmtk.WaitForListenerAsync(int.Parse(receivePort, System.Globalization.CultureInfo.InvariantCulture));
                using var move = ServeProcess.StartVerb(["move", "127.0.0.1", tlsPort, .. ours, "--dest", "RECEIVER", "-k", $"StudyInstanceUID={study}"]);
                Assert.True(await move.WaitForExitAsync(TimeSpan.FromSeconds(60)) && move.ExitCode == 0, move.Output);
                Assert.Single(Directory.GetFiles(moved, "*.dcm"));
            }

            // No client certificate: the handshake fails, nothing is associated.
            (exit, output) = await Dcmtk.RunAsync("echoscu", "+tla", "+cf", _pki.CaPath, "-to", "10", "-aec", "TESSERA", "127.0.0.1", tlsPort);
            Assert.NotEqual(0, exit);
            Assert.DoesNotContain("Echo Response", output, StringComparison.Ordinal);

            // Plain TCP on the TLS port is not DICOM to it; the plain port still answers.
            (exit, _) = await Dcmtk.RunAsync("echoscu", "-to", "5", "-aec", "TESSERA", "127.0.0.1", tlsPort);
            Assert.NotEqual(0, exit);
            (exit, output) = await Dcmtk.RunAsync("echoscu", "-aec", "TESSERA", "127.0.0.1", port);
            Assert.True(exit == 0, output);
        }
        finally
        {
            data.Delete(recursive: true);
        }
    }

    [DcmtkFact]
    public async Task TlsOnlyFromAPasswordProtectedPkcs12NeverLogsThePassword()
    {
        const string Password = "Pa55-do-not-log-me";
        var data = Directory.CreateTempSubdirectory("tessera-serve-pfx-");
        var tlsPort = Text(Dcmtk.FreePort());
        try
        {
            var pfx = Path.Combine(data.FullName, "server.pfx");
            using (var pem = X509Certificate2.CreateFromPemFile(_pki.ServerCertificatePath, _pki.ServerKeyPath))
            {
                await File.WriteAllBytesAsync(pfx, pem.Export(X509ContentType.Pkcs12, Password));
            }

            Dictionary<string, string> Settings(string password) => new()
            {
                ["Tessera__Dicom__Port"] = "-1",
                ["Tessera__Dicom__TlsPort"] = tlsPort,
                ["Tessera__Dicom__Tls__Certificate"] = pfx,
                ["Tessera__Dicom__Tls__Password"] = password,
                ["Logging__LogLevel__Default"] = "Trace",
            };

            // A wrong password is a start-up error that does not repeat the password given.
            using (var wrong = ServeProcess.Start(["--data", data.FullName], Settings("wrong-" + Password)))
            {
                Assert.False(await wrong.WaitReadyAsync(), wrong.Output);
                Assert.True(await wrong.WaitForExitAsync(TimeSpan.FromSeconds(30)));
                Assert.Equal(2, wrong.ExitCode);
                Assert.Contains("cannot load the TLS certificate", wrong.Output, StringComparison.Ordinal);
                Assert.DoesNotContain(Password, wrong.Output, StringComparison.Ordinal);
            }

            using var serve = ServeProcess.Start(["--data", data.FullName], Settings(Password));
            Assert.True(await serve.WaitReadyAsync(), serve.Output);
            Assert.Contains($"@TLS 127.0.0.1:{tlsPort}, data", serve.Output, StringComparison.Ordinal);
            var (exit, output) = await Dcmtk.RunAsync("echoscu", "+tla", "+cf", _pki.CaPath, "-v", "-aec", "TESSERA", "127.0.0.1", tlsPort);
            Assert.True(exit == 0, output);

            Assert.Equal(0, serve.Signal(15));
            Assert.True(await serve.WaitForExitAsync(TimeSpan.FromSeconds(20)));
            Assert.Contains("Tessera stopped", serve.Output, StringComparison.Ordinal);
            Assert.DoesNotContain(Password, serve.Output, StringComparison.Ordinal);
        }
        finally
        {
            data.Delete(recursive: true);
        }
    }

    private static string Text(int port) => port.ToString(CultureInfo.InvariantCulture);
}
