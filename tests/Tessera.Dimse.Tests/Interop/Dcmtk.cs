using System.Buffers.Binary;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Tessera.Dimse.Tests.Interop;

internal static class Dcmtk
{
    public static string Path(string tool) => System.IO.Path.Combine("/usr/bin", tool);

    public static async Task<(int ExitCode, string Output)> RunAsync(string tool, params string[] arguments)
    {
        var start = new ProcessStartInfo(Path(tool)) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout + await stderr);
    }

    public static Process Start(string tool, params string[] arguments)
    {
        var start = new ProcessStartInfo(Path(tool)) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start)!;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    public static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    public static async Task WaitForListenerAsync(int port)
    {
        for (var i = 0; i < 100; i++)
        {
            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync(IPAddress.Loopback, port);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(50);
            }
        }

        throw new TimeoutException($"Nothing listens on {port}");
    }

    /// <summary>The data set of a Part 10 file: after the preamble, "DICM" and the file meta group, whose length (0002,0000) it reads (PS3.10 7.1).</summary>
    public static byte[] DataSetOf(string file)
    {
        var bytes = File.ReadAllBytes(file);
        // 128-byte preamble, "DICM", then (0002,0000) UL in Explicit VR LE: tag 4, VR 2, length 2, value 4.
        var groupLength = BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(128 + 4 + 8));
        return bytes[(int)(128 + 4 + 12 + groupLength)..];
    }

    public static string Corpus(string name)
    {
        var dir = AppContext.BaseDirectory;
        while (!Directory.Exists(System.IO.Path.Combine(dir, "tests", "data", "corpus")))
        {
            dir = System.IO.Path.GetDirectoryName(dir) ?? throw new DirectoryNotFoundException("tests/data/corpus");
        }

        return System.IO.Path.Combine(dir, "tests", "data", "corpus", name);
    }
}
