using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using Tessera.Server.Tests.Support;

namespace Tessera.Server.Tests;

/// <summary>`tessera serve` as a user runs it: the built CLI as a process, configured by file, environment and flags.</summary>
public sealed class ServeProcessTests
{
    [DcmtkFact]
    public async Task ServeSaysReadyOnceAnswersAndStopsGracefullyOnSigterm()
    {
        var data = Directory.CreateTempSubdirectory("tessera-serve-process-");
        var port = Dcmtk.FreePort();
        try
        {
            // appsettings.json in the data folder sets the AE title; the environment sets the port; the flag wins over both.
            await File.WriteAllTextAsync(Path.Combine(data.FullName, "appsettings.json"), """{ "Tessera": { "Dicom": { "AETitle": "FROMFILE", "Port": 1 } } }""");
            using var serve = Start(["serve", "--data", data.FullName, "--ae-title", "FROMFLAG"], new() { ["Tessera__Dicom__Port"] = port.ToString(CultureInfo.InvariantCulture) });
            var lines = new List<string>();
            var ready = new TaskCompletionSource();
            serve.OutputDataReceived += (_, e) =>
            {
                if (e.Data is null)
                {
                    return;
                }

                lock (lines)
                {
                    lines.Add(e.Data);
                }

                if (e.Data.Contains("Tessera ready", StringComparison.Ordinal))
                {
                    ready.TrySetResult();
                }
            };
            serve.BeginOutputReadLine();
            serve.BeginErrorReadLine();
            await ready.Task.WaitAsync(TimeSpan.FromSeconds(30));

            Assert.Contains(lines, l => l.Contains($"Tessera ready: DICOM FROMFLAG@127.0.0.1:{port}, data {data.FullName}", StringComparison.Ordinal));
            var (exit, log) = await Dcmtk.RunAsync("echoscu", "-v", "-aec", "FROMFLAG", "127.0.0.1", port.ToString(CultureInfo.InvariantCulture));
            Assert.True(exit == 0, log);
            (exit, log) = await Dcmtk.RunAsync("storescu", "-aec", "FROMFLAG", "127.0.0.1", port.ToString(CultureInfo.InvariantCulture), Dcmtk.Corpus("ct_small_evrle.dcm"));
            Assert.True(exit == 0, log);

            var clock = Stopwatch.StartNew();
            Assert.Equal(0, Kill(serve.Id, 15));
            Assert.True(await WaitAsync(serve, TimeSpan.FromSeconds(20)), "tessera serve did not stop on SIGTERM");
            Assert.Equal(0, serve.ExitCode);
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"stopping took {clock.Elapsed}");
            Assert.True(File.Exists(Path.Combine(data.FullName, "index.db")));
            Assert.Single(Directory.GetFiles(Path.Combine(data.FullName, "files"), "*.dcm", SearchOption.AllDirectories));
        }
        finally
        {
            data.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task AnInvalidSettingIsAUsageError()
    {
        using var serve = Start(["serve", "--data", Path.GetTempPath(), "--bind", "not-an-address", "--peer", "X=nohost"], []);
        var error = serve.StandardError.ReadToEndAsync();
        Assert.True(await WaitAsync(serve, TimeSpan.FromSeconds(30)));
        Assert.Equal(2, serve.ExitCode);
        var text = await error;
        Assert.Contains("Tessera:Dicom:Bind 'not-an-address' is not an IP address", text, StringComparison.Ordinal);
        Assert.Contains("peer X: 'nohost' is not HOST:PORT", text, StringComparison.Ordinal);
    }

    private static Process Start(string[] arguments, Dictionary<string, string> environment)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "tessera.dll"));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        return Process.Start(start)!;
    }

    private static async Task<bool> WaitAsync(Process process, TimeSpan timeout)
    {
        try
        {
            await process.WaitForExitAsync().WaitAsync(timeout);
            return true;
        }
        catch (TimeoutException)
        {
            process.Kill(entireProcessTree: true);
            return false;
        }
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);
}
