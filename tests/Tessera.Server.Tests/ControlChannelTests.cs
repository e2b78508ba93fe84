using System.Globalization;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using System.Text;
using Tessera.Server.Tests.Support;
using Tessera.Testing;

namespace Tessera.Server.Tests;

/// <summary>
/// `tessera import` and `tessera check` through a running `tessera serve` (its control socket), beside DCMTK clients;
/// the socket's mode and robustness; the data folder lock that keeps direct mode and a second server out.
/// </summary>
public sealed partial class ControlChannelTests : IDisposable
{
    private static readonly string[] Imported = ["ct_small_evrle.dcm", "mr_small_evrle.dcm", "us_pal16_ivrle.dcm", "sc_deflated.dcm", "mr_small_j2k.dcm", "rtdose_15frame.dcm"];

    private static readonly string[] Sent = ["chr_greek.dcm", "sr_comprehensive.dcm", "chr_russian.dcm", "chr_french_multi.dcm"];

    private readonly DirectoryInfo _work = Directory.CreateTempSubdirectory("tessera-control-");

    private string Data => Path.Combine(_work.FullName, "data");

    private string Socket => Path.Combine(Data, "control.sock");

    [DcmtkFact]
    public async Task ImportGoesThroughTheServerWhileStorescuStoresAndCheckFindsAMissingFile()
    {
        var port = Dcmtk.FreePort();
        var portText = port.ToString(CultureInfo.InvariantCulture);
        var imports = Folder("imports", Imported);
        await File.WriteAllTextAsync(Path.Combine(imports, "README.txt"), "a study exported by hand");
        await File.WriteAllBytesAsync(Path.Combine(imports, "nested", "preview.jpg"), [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, (byte)'J', (byte)'F', (byte)'I', (byte)'F', 0x00]);
        var sends = Folder("sends", Sent);
        using var serve = await StartServeAsync(portText);

        // The import and DCMTK's storescu store into the same server at the same time.
        using var import = ServeProcess.StartVerb(["import", "--data", Data, "-j", "2", imports]);
        var storescu = Dcmtk.RunAsync("storescu", "+sd", "+r", "-aec", "TESSERA", "127.0.0.1", portText, sends);
        Assert.True(await import.WaitForExitAsync(TimeSpan.FromSeconds(60)), import.Output);
        var (storeExit, storeLog) = await storescu;

        Assert.True(import.ExitCode == 0, import.Output);
        Assert.True(storeExit == 0, storeLog);
        Assert.Contains($"{Imported.Length} files in", import.Output, StringComparison.Ordinal);
        // mr_small_j2k.dcm is mr_small_evrle.dcm compressed, same SOP Instance UID: the server's KeepBoth policy makes it a new version.
        Assert.Contains($"{Imported.Length - 1} stored, 1 new versions, 0 overwritten, 0 duplicates, 0 rejected, 0 failed, 2 skipped (not DICOM)", import.Output, StringComparison.Ordinal);
        Assert.Contains($"Import through the control channel: {imports}, 2 at a time", serve.Output, StringComparison.Ordinal);

        var expected = Imported.Concat(Sent).Select(f => CorpusInstance.Read(Dcmtk.Corpus(f)).SopInstanceUid).ToHashSet(StringComparer.Ordinal);
        var (findExit, findLog) = await Dcmtk.RunAsync("findscu", "-v", "-S", "-aec", "TESSERA", "-k", "QueryRetrieveLevel=IMAGE", "-k", "SOPInstanceUID", "127.0.0.1", portText);
        Assert.True(findExit == 0, findLog);
        var found = SopInstanceUidLine().Matches(findLog).Select(m => m.Groups[1].Value).ToHashSet(StringComparer.Ordinal);
        Assert.True(expected.SetEquals(found), findLog);

        using var clean = ServeProcess.StartVerb(["check", "--data", Data]);
        Assert.True(await clean.WaitForExitAsync(TimeSpan.FromSeconds(60)), clean.Output);
        Assert.True(clean.ExitCode == 0, clean.Output);
        Assert.Contains($"{Imported.Length + Sent.Length} stored versions checked with SHA-256: 0 missing, 0 corrupt, 0 orphaned", clean.Output, StringComparison.Ordinal);

        var files = Path.Combine(Data, "files");
        var victim = Directory.EnumerateFiles(files, "*.dcm", SearchOption.AllDirectories).Order(StringComparer.Ordinal).First();
        File.Delete(victim);
        using var broken = ServeProcess.StartVerb(["check", "--through-server", "--data", Data]);
        Assert.True(await broken.WaitForExitAsync(TimeSpan.FromSeconds(60)), broken.Output);
        Assert.True(broken.ExitCode == 3, broken.Output);
        Assert.Contains($"missing  {Path.GetRelativePath(files, victim).Replace('\\', '/')}", broken.Output, StringComparison.Ordinal);
        Assert.Contains("1 missing, 0 corrupt, 0 orphaned", broken.Output, StringComparison.Ordinal);
        Assert.Contains("Check through the control channel", serve.Output, StringComparison.Ordinal);

        Assert.Equal(0, serve.Signal(15));
        Assert.True(await serve.WaitForExitAsync(TimeSpan.FromSeconds(20)), serve.Output);
        Assert.False(File.Exists(Socket), "the control socket outlived a graceful stop");
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task TheSocketIsOwnerOnlyRefusesBadRequestsKeepsServingAndTheLockKeepsOthersOut()
    {
        var port = Dcmtk.FreePort().ToString(CultureInfo.InvariantCulture);
        var serve = await StartServeAsync(port);
        try
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Socket));

            Assert.StartsWith("not a JSON request", ErrorOf(await RequestAsync("{\"command\": oops\n"u8.ToArray())), StringComparison.Ordinal);
            Assert.Equal("line longer than 65536 bytes", ErrorOf(await RequestAsync([.. Enumerable.Repeat((byte)'x', 70_000), (byte)'\n'])));
            Assert.StartsWith("unknown command 'format'", ErrorOf(await RequestAsync("{\"command\":\"format\"}\n"u8.ToArray())), StringComparison.Ordinal);
            Assert.Equal("import paths must be absolute: 'relative/dir'", ErrorOf(await RequestAsync("{\"command\":\"import\",\"paths\":[\"relative/dir\"],\"parallel\":1}\n"u8.ToArray())));
            Assert.Contains("\"done\":true,\"server\":\"tessera serve, process ", await RequestAsync("{\"command\":\"ping\"}\n"u8.ToArray()), StringComparison.Ordinal);
            Assert.Contains("Control channel: bad request refused: line longer than 65536 bytes", serve.Output, StringComparison.Ordinal);

            // The server has one duplicate policy: asking for another is a usage error, not a silent change.
            using var policy = ServeProcess.StartVerb(["import", "--data", Data, "--duplicates", "Reject", Dcmtk.Corpus("ct_small_evrle.dcm")]);
            Assert.True(await policy.WaitForExitAsync(TimeSpan.FromSeconds(60)), policy.Output);
            Assert.Equal(2, policy.ExitCode);
            Assert.Contains("the server refused: this server applies Tessera:DuplicatePolicy KeepBoth, not Reject", policy.Output, StringComparison.Ordinal);

            // Direct mode and a second server are refused while this one holds the folder; nothing of theirs touched it.
            using var direct = ServeProcess.StartVerb(["import", "--direct", "--data", Data, Dcmtk.Corpus("ct_small_evrle.dcm")]);
            using var second = ServeProcess.Start(["--data", Data, "--dicom-port", Dcmtk.FreePort().ToString(CultureInfo.InvariantCulture)]);
            Assert.True(await direct.WaitForExitAsync(TimeSpan.FromSeconds(60)), direct.Output);
            Assert.True(await second.WaitForExitAsync(TimeSpan.FromSeconds(60)), second.Output);
            Assert.Equal(1, direct.ExitCode);
            Assert.Contains($"is in use by a tessera serve (process {serve.Id})", direct.Output, StringComparison.Ordinal);
            Assert.Equal(1, second.ExitCode);
            Assert.Contains("tessera serve: ", second.Output, StringComparison.Ordinal);
            Assert.Contains($"is in use by a tessera serve (process {serve.Id})", second.Output, StringComparison.Ordinal);
            Assert.Empty(Directory.EnumerateFiles(Data, "*.dcm", SearchOption.AllDirectories));

            // `tessera store DIR` skips what is not DICOM in a folder; a file named explicitly is still an error.
            var folder = Folder("store", ["ct_small_evrle.dcm"]);
            await File.WriteAllTextAsync(Path.Combine(folder, "README"), "read me");
            using var store = ServeProcess.StartVerb(["store", "127.0.0.1", port, "--aec", "TESSERA", folder]);
            using var named = ServeProcess.StartVerb(["store", "127.0.0.1", port, "--aec", "TESSERA", Path.Combine(folder, "README")]);
            Assert.True(await store.WaitForExitAsync(TimeSpan.FromSeconds(60)), store.Output);
            Assert.True(await named.WaitForExitAsync(TimeSpan.FromSeconds(60)), named.Output);
            Assert.True(store.ExitCode == 0, store.Output);
            Assert.Contains("1 sent", store.Output, StringComparison.Ordinal);
            Assert.Contains("0 failed, 1 skipped (not DICOM)", store.Output, StringComparison.Ordinal);
            Assert.Equal(1, named.ExitCode);

            // Killed, the server leaves its socket behind; the next start replaces it and answers.
            serve.KillHard();
            Assert.True(File.Exists(Socket));
            serve.Dispose();
            serve = await StartServeAsync(port);
            await serve.WaitForAsync("replaced the stale socket"); // logged as the control channel starts, after the ready line
            Assert.Contains("\"done\":true", await RequestAsync("{\"command\":\"ping\"}\n"u8.ToArray()), StringComparison.Ordinal);
        }
        finally
        {
            serve.Dispose();
        }
    }

    [Fact]
    public async Task ADirectImportKilledMidwayIsCompletedByARerunAndTheArchiveChecksClean()
    {
        string[] distinct = [.. Sent, "ct_small_evrle.dcm", "mr_small_evrle.dcm", "us_pal16_ivrle.dcm", "sc_deflated.dcm", "rtdose_15frame.dcm", "us_pal_rle_2frame.dcm", "us_jpeg_30frame.dcm"];
        var inputs = Folder("killed", distinct);
        var files = Path.Combine(Data, "files");

        // SIGKILL as soon as the first instance file is in place: its index row may or may not be committed.
        using (var killed = ServeProcess.StartVerb(["import", "--direct", "-j", "1", "--data", Data, inputs]))
        {
            for (var i = 0; i < 1000 && !(Directory.Exists(files) && Directory.EnumerateFiles(files, "*.dcm", SearchOption.AllDirectories).Any()); i++)
            {
                await Task.Delay(10);
            }

            killed.KillHard();
        }

        using var rerun = ServeProcess.StartVerb(["import", "--data", Data, inputs]);
        Assert.True(await rerun.WaitForExitAsync(TimeSpan.FromSeconds(60)), rerun.Output);
        using var check = ServeProcess.StartVerb(["check", "--data", Data]);
        Assert.True(await check.WaitForExitAsync(TimeSpan.FromSeconds(60)), check.Output);

        Assert.True(rerun.ExitCode == 0, rerun.Output);
        var counts = StoredAndDuplicates().Match(rerun.Output);
        Assert.True(counts.Success, rerun.Output);
        Assert.Equal(distinct.Length, int.Parse(counts.Groups[1].Value, CultureInfo.InvariantCulture) + int.Parse(counts.Groups[2].Value, CultureInfo.InvariantCulture));
        Assert.True(check.ExitCode == 0, check.Output);
        Assert.Contains($"{distinct.Length} stored versions checked with SHA-256: 0 missing, 0 corrupt, 0 orphaned", check.Output, StringComparison.Ordinal);
    }

    public void Dispose() => _work.Delete(recursive: true);

    [GeneratedRegex("([0-9]+) stored, 0 new versions, 0 overwritten, ([0-9]+) duplicates, 0 rejected, 0 failed")]
    private static partial Regex StoredAndDuplicates();

    /// <summary>A SOP Instance UID in findscu's dump of a response; an odd-length UID keeps its NUL padding (PS3.5 6.2).</summary>
    [GeneratedRegex(@"\(0008,0018\) UI \[([0-9.]+)\x00?\]")]
    private static partial Regex SopInstanceUidLine();

    private string Folder(string name, string[] corpusFiles)
    {
        var folder = Path.Combine(_work.FullName, name);
        Directory.CreateDirectory(Path.Combine(folder, "nested"));
        foreach (var file in corpusFiles)
        {
            File.Copy(Dcmtk.Corpus(file), Path.Combine(folder, "nested", file));
        }

        return folder;
    }

    private async Task<ChildProcess> StartServeAsync(string port)
    {
        var serve = ServeProcess.Start(["--data", Data, "--dicom-port", port]);
        Assert.True(await serve.WaitReadyAsync(), serve.Output);

        // The control channel starts right after the DICOM listener's ready line.
        for (var i = 0; i < 100 && !await AnswersAsync(); i++)
        {
            await Task.Delay(50);
        }

        return serve;
    }

    private async Task<bool> AnswersAsync()
    {
        using var socket = new System.Net.Sockets.Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            await socket.ConnectAsync(new UnixDomainSocketEndPoint(Socket));
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    /// <summary>The error of a single-line reply (a JSON object with "error").</summary>
    private static string ErrorOf(string reply)
    {
        using var json = System.Text.Json.JsonDocument.Parse(reply.Trim());
        return json.RootElement.GetProperty("error").GetString()!;
    }

    /// <summary>One raw request line on the control socket; the replies until the server closes the connection.</summary>
    private async Task<string> RequestAsync(byte[] line)
    {
        using var socket = new System.Net.Sockets.Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        await socket.ConnectAsync(new UnixDomainSocketEndPoint(Socket));
        await using var stream = new NetworkStream(socket);
        try
        {
            await stream.WriteAsync(line);
        }
        catch (IOException)
        {
            // The server may refuse an oversized line before it is all sent; its reply is still there to read.
        }

        using var reader = new StreamReader(stream, Encoding.UTF8);
        return await reader.ReadToEndAsync().WaitAsync(TimeSpan.FromSeconds(20));
    }
}
