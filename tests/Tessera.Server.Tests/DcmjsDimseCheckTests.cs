using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Tessera.Server.Tests.Support;

namespace Tessera.Server.Tests;

/// <summary>
/// The shared interop kit's dimse-check.js (dcmjs-dimse, an SCU independent of DCMTK) against `tessera serve`: echo,
/// store, find at study and image level, C-GET, and C-MOVE to the storage SCP the script runs (a configured peer).
/// </summary>
public sealed class DcmjsDimseCheckTests
{
    /// <summary>
    /// Regression: dcmjs-dimse waits for the acceptor to close the connection after A-RELEASE-RP, so each step used
    /// to end on its timeout until Tessera.Dimse closed the transport after AR-4.
    /// </summary>
    [Fact]
    public async Task EveryStepOfDimseCheckPasses()
    {
        var tests = Path.GetDirectoryName(Path.GetDirectoryName(Path.GetDirectoryName(Dcmtk.Corpus("MANIFEST.tsv"))))!;
        var interop = Path.Combine(tests, "interop");
        Assert.True(Directory.Exists(Path.Combine(interop, "node_modules", "dcmjs-dimse")), "tests/interop/node_modules is missing: ./test.sh runs `npm ci` there (or run it by hand)");
        var data = Directory.CreateTempSubdirectory("tessera-dcmjs-");
        var port = Dcmtk.FreePort();
        var movePort = Dcmtk.FreePort();
        using var host = TesseraHost.Build(
            new Dictionary<string, string?>
            {
                ["Tessera:Data"] = data.FullName,
                ["Tessera:Dicom:Port"] = port.ToString(CultureInfo.InvariantCulture),
                ["Tessera:Dicom:Peers:DCMJSMOVE"] = $"127.0.0.1:{movePort}",
            },
            logging => logging.ClearProviders());
        await host.StartAsync();
        try
        {
            var start = new ProcessStartInfo("node") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var argument in new[]
            {
                Path.Combine(interop, "dimse-check.js"), "127.0.0.1", port.ToString(CultureInfo.InvariantCulture), "TESSERA", "--get",
                "--move-dest", "DCMJSMOVE", "--move-port", movePort.ToString(CultureInfo.InvariantCulture), "--file", Dcmtk.Corpus("ct_small_evrle.dcm"),
                "--file", Dcmtk.Corpus("mr_small_evrle.dcm"), "--timeout", "10000",
            })
            {
                start.ArgumentList.Add(argument);
            }

            using var node = Process.Start(start)!;
            var output = node.StandardOutput.ReadToEndAsync();
            var error = node.StandardError.ReadToEndAsync();
            await node.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(90));
            var log = await output + await error;

            Assert.True(node.ExitCode == 0, log);
            Assert.Contains("0 failed", log, StringComparison.Ordinal);
            foreach (var step in new[] { "c-echo", "c-store", "c-find", "c-find-img", "c-get", "c-move" })
            {
                Assert.Contains(step, log, StringComparison.Ordinal);
            }
        }
        finally
        {
            await host.StopAsync();
            data.Delete(recursive: true);
        }
    }
}
