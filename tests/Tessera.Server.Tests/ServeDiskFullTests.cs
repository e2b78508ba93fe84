using System.Diagnostics;
using System.Globalization;
using Tessera.Dimse;
using Tessera.Dimse.Messages;
using Tessera.Dimse.Negotiation;
using Tessera.Dimse.Network;
using Tessera.Index.Sqlite;
using Tessera.Server.Tests.Support;
using Xunit.Abstractions;

namespace Tessera.Server.Tests;

/// <summary>
/// `tessera serve` whose file store fills up: a 24 MiB tmpfs holds files/ (the index stays on the ordinary disk), a filler
/// file takes nearly all of it, and instances are stored until the store is full. The C-STORE answer is then Refused:
/// Out of Resources (A700H, PS3.4 B.2.3), nothing partial is left (no temporary, no index row, `tessera check` clean),
/// the server keeps answering, and once the filler is deleted the same instances store.
/// </summary>
public sealed class ServeDiskFullTests(ITestOutputHelper output)
{
    [TmpfsFact]
    public async Task AFullStoreAnswersA700LeavesNothingPartialAndStoresAgainOnceSpaceIsFreed()
    {
        var generated = GeneratedInstances.Write(200, studies: 2, seriesPerStudy: 2, "tessera-full-source-");
        var data = Directory.CreateTempSubdirectory("tessera-full-data-");
        var mount = Directory.CreateTempSubdirectory("tessera-full-tmpfs-");
        var mounted = false;
        var port = Dcmtk.FreePort();
        try
        {
            Assert.Null(TmpfsFactAttribute.Mount(mount.FullName, "24m"));
            mounted = true;
            var files = Directory.CreateDirectory(Path.Combine(mount.FullName, "files"));
            Directory.CreateSymbolicLink(Path.Combine(data.FullName, "files"), files.FullName);

            // The filler leaves room for a few instances (each about 8.5 KB, plus folders).
            var filler = Path.Combine(mount.FullName, "filler.bin");
            var free = new DriveInfo(mount.FullName).AvailableFreeSpace;
            await using (var stream = File.Create(filler))
            {
                stream.SetLength(0);
                var block = new byte[1 << 20];
                Random.Shared.NextBytes(block);
                for (long left = free - (160 * 1024); left > 0; left -= block.Length)
                {
                    await stream.WriteAsync(block.AsMemory(0, (int)Math.Min(block.Length, left)));
                }
            }

            using var serve = ServeProcess.Start(["--data", data.FullName, "--dicom-port", port.ToString(CultureInfo.InvariantCulture)]);
            Assert.True(await serve.WaitReadyAsync(), serve.Output);

            var stored = new List<GeneratedInstance>();
            GeneratedInstance? refused = null;
            await using (var client = await ConnectAsync(port))
            {
                foreach (var instance in generated.Instances)
                {
                    var status = await client.StoreFileAsync(instance.Path, CancellationToken.None);
                    if (status.IsSuccess)
                    {
                        stored.Add(instance);
                        continue;
                    }

                    Assert.Equal(DimseStatus.OutOfResources, status);
                    refused = instance;
                    break;
                }

                Assert.NotNull(refused);
                output.WriteLine($"{stored.Count} stored before A700H");

                // The association goes on after the failure (STYLE 10: a status, never a dropped association), and so does the server.
                Assert.Equal(DimseStatus.Success, await client.EchoAsync(CancellationToken.None));
                Assert.Equal(DimseStatus.OutOfResources, await client.StoreFileAsync(refused.Path, CancellationToken.None));
                await client.ReleaseAsync(CancellationToken.None);
            }

            // Third-party view of the same refusal, on a new association: storescu reports the status and fails.
            var (exit, storescu) = await Dcmtk.RunAsync("storescu", "-v", "-aec", "TESSERA", "127.0.0.1", port.ToString(CultureInfo.InvariantCulture), refused.Path);
            Assert.NotEqual(0, exit);
            Assert.True(storescu.Contains("Received Store Response (Refused: OutOfResources)", StringComparison.Ordinal), storescu); // DCMTK names A7xxH so

            Assert.Empty(Directory.GetFiles(Path.Combine(files.FullName, "tmp")));
            Assert.Equal(stored.Count, Directory.GetFiles(files.FullName, "*.dcm", SearchOption.AllDirectories).Length);
            await using (var live = new SqliteIndexStore(new SqliteIndexOptions(Path.Combine(data.FullName, "index.db"))))
            {
                // A second reader of the live index (WAL): the refused instance has no row.
                Assert.Null(await live.FindInstanceAsync(refused.SopInstanceUid, CancellationToken.None));
                Assert.NotNull(await live.FindInstanceAsync(stored[^1].SopInstanceUid, CancellationToken.None));
            }

            // Space again: the refused instance and the rest store.
            File.Delete(filler);
            var (again, againOutput) = await Dcmtk.RunAsync("storescu", "-aec", "TESSERA", "+sd", "+r", "127.0.0.1", port.ToString(CultureInfo.InvariantCulture), generated.Folder.FullName);
            Assert.True(again == 0, againOutput);
            Assert.Equal(0, serve.Signal(15));
            Assert.True(await serve.WaitForExitAsync(TimeSpan.FromSeconds(30)), serve.Output);
            Assert.Equal(0, serve.ExitCode);

            var (check, checkOutput) = await RunTesseraAsync("check", "--data", data.FullName);
            Assert.True(check == 0, checkOutput);
            Assert.Contains($"{generated.Instances.Count} stored versions checked with SHA-256: 0 missing, 0 corrupt, 0 orphaned; 0 temporary files removed", checkOutput, StringComparison.Ordinal);
            await using var index = new SqliteIndexStore(new SqliteIndexOptions(Path.Combine(data.FullName, "index.db")));
            await index.InitializeAsync(CancellationToken.None);
            Assert.NotNull(await index.FindInstanceAsync(refused.SopInstanceUid, CancellationToken.None));
        }
        finally
        {
            if (mounted)
            {
                Assert.Null(TmpfsFactAttribute.Unmount(mount.FullName));
            }

            mount.Delete(recursive: true);
            data.Delete(recursive: true);
            generated.Folder.Delete(recursive: true);
        }
    }

    private static Task<DicomClient> ConnectAsync(int port) =>
        DicomClient.ConnectAsync(new DicomClientOptions
        {
            Host = "127.0.0.1",
            Port = port,
            CalledAETitle = "TESSERA",
            CallingAETitle = "FULLTEST",
            PresentationContexts = [.. DicomPresentationContexts.Scu([GeneratedInstances.SopClassUid], [DimseUids.ExplicitVRLittleEndian]), DicomPresentationContexts.Verification],
        });

    private static async Task<(int ExitCode, string Output)> RunTesseraAsync(params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "tessera.dll"));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
        return (process.ExitCode, await stdout + await stderr);
    }
}
