using System.Buffers.Binary;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Xunit;

namespace Tessera.Testing;

/// <summary>Runs DCMTK's command-line tools (installed by test.sh) and finds free ports and corpus files.</summary>
public static partial class Dcmtk
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
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
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

    /// <summary>Ports handed out by <see cref="FreePort"/> in this process, never handed out twice.</summary>
    private static readonly HashSet<int> HandedOut = [];

    /// <summary>
    /// A port on loopback that nothing listens on, for a server a test starts later. Below Linux's ephemeral range
    /// (32768–60999 by default): a port the kernel picked there (bind to 0, as before) could be taken meanwhile by an
    /// outgoing connection of a test running in parallel, which made such tests fail now and then. Never the same port twice
    /// in one process; test processes running side by side pick at random among 12,000.
    /// </summary>
    public static int FreePort()
    {
        for (var attempt = 0; attempt < 200; attempt++)
        {
            var port = Random.Shared.Next(20_000, 32_768);
            lock (HandedOut)
            {
                if (!HandedOut.Add(port))
                {
                    continue;
                }
            }

            try
            {
                var listener = new TcpListener(IPAddress.Loopback, port);
                listener.Start();
                listener.Stop();
                return port;
            }
            catch (SocketException)
            {
                // In use: another.
            }
        }

        throw new InvalidOperationException("no free port between 20000 and 32767 after 200 attempts");
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

    /// <summary>
    /// dcmdump of a file's data set, for comparing what was sent with what came back: the File Meta Information and
    /// the writer's choice of sequence/item lengths (explicit or undefined) left out, and Data Set Trailing Padding
    /// (FFFC,FFFC), which storescu drops when it sends a file (PS3.10 7.2 lets any writer drop it). Value lengths are
    /// left out too: storescu also trims trailing padding spaces of text values (PS3.5 6.2: not significant), which
    /// dcmdump's bracketed value does not show but its length does. Group lengths (gggg,0000) are optional and dropped
    /// by re-encoding (PS3.5 7.2).
    /// </summary>
    public static async Task<string> DumpDataSetAsync(string file, bool ignoreVR = false)
    {
        var (exit, output) = await RunAsync("dcmdump", "-q", "+L", file);
        Assert.True(exit == 0, output);
        return string.Join('\n', output.Split('\n')
            .Where(l => !l.StartsWith("(0002,", StringComparison.Ordinal) && !l.StartsWith('#') && l.Length > 0 && !l.Contains("Delimitation", StringComparison.Ordinal) && !l.StartsWith("(fffc,fffc)", StringComparison.Ordinal) && !GroupLength().IsMatch(l))
            .Select(l => l.Contains(" SQ (", StringComparison.Ordinal) || l.Contains(" na (", StringComparison.Ordinal) ? l.TrimStart()[..14] + l[l.LastIndexOf(' ')..] : l)
            .Select(l => ValueLength().Replace(l, "#"))
            .Select(l => ignoreVR ? VR().Replace(l, "$1 ..") : l));
    }

    /// <summary>The VR column: implicit VR dumps show ambiguous VRs (US or SS: "xs"), which a conversion resolves.</summary>
    [System.Text.RegularExpressions.GeneratedRegex(@"^(\s*\([0-9a-f]{4},[0-9a-f]{4}\)) [A-Za-z]{2}")]
    private static partial System.Text.RegularExpressions.Regex VR();

    [System.Text.RegularExpressions.GeneratedRegex(@"^\s*\([0-9a-f]{4},0000\)")]
    private static partial System.Text.RegularExpressions.Regex GroupLength();

    [System.Text.RegularExpressions.GeneratedRegex(@"#\s*[0-9]+,")]
    private static partial System.Text.RegularExpressions.Regex ValueLength();
}
