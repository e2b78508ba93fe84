using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Tessera.Archive.Index;
using Tessera.Cli.Check;
using Tessera.Cli.Control;
using Tessera.Cli.Import;
using Tessera.Dicom;
using Tessera.Dicom.IO;
using Tessera.Server;
using Tessera.Server.Import;

namespace Tessera.Cli.Tests;

/// <summary>`import` and `check`: resuming an interrupted import, and the data folder lock that keeps direct mode and a server apart.</summary>
public sealed class ImportModesTests : IDisposable
{
    private static readonly string[] Samples = ["ct_small_evrle.dcm", "mr_small_evrle.dcm", "us_jpeg_30frame.dcm", "chr_greek.dcm", "sc_deflated.dcm"];

    private readonly string _work = Directory.CreateTempSubdirectory("tessera-cli-modes-").FullName;

    private string Data => Path.Combine(_work, "data");

    private string Inputs()
    {
        var folder = Path.Combine(_work, "in");
        Directory.CreateDirectory(folder);
        foreach (var name in Samples)
        {
            File.Copy(Corpus.PathOf(name), Path.Combine(folder, name));
        }

        return folder;
    }

    [Fact]
    public async Task An_interrupted_import_resumes_and_stores_only_what_is_missing()
    {
        var inputs = Inputs();
        using var interrupt = new CancellationTokenSource();
        var firstError = new StringWriter();

        // One file at a time, interrupted (as by Ctrl-C) once the first file is stored.
        var first = await ImportCommand.RunAsync(
            [inputs], Data, 1, DuplicatePolicy.KeepBoth, new StringWriter(), firstError, interrupt.Token, ArchiveMode.Direct,
            observe: step =>
            {
                if (step.Kind == ImportEventKind.File)
                {
                    interrupt.Cancel();
                }
            });
        var second = new StringWriter();
        var resumed = await ImportCommand.RunAsync([inputs], Data, 2, DuplicatePolicy.KeepBoth, second, new StringWriter(), CancellationToken.None, ArchiveMode.Direct);
        var check = new StringWriter();
        var checkExit = await CheckCommand.RunAsync(Data, verifyChecksums: true, check, new StringWriter(), CancellationToken.None, ArchiveMode.Direct);

        Assert.Equal(ExitCodes.InputError, first);
        Assert.Contains("interrupted; run the same command again to resume", firstError.ToString(), StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Success, resumed);
        Assert.Contains($"{Samples.Length} files", second.ToString(), StringComparison.Ordinal);
        Assert.Contains($"{Samples.Length - 1} stored, 0 new versions, 0 overwritten, 1 duplicates", second.ToString(), StringComparison.Ordinal);
        Assert.True(checkExit == ExitCodes.Success, check.ToString());
        Assert.Contains($"{Samples.Length} stored versions checked", check.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_import_through_the_server_stops_when_the_client_leaves_and_resumes_on_the_next_run()
    {
        // Enough instances that the server is still importing when the client leaves after the first one (at about 1 ms
        // each, a dozen were done before the client had read its first event).
        const int More = 100;
        var inputs = Inputs();
        var template = DicomFile.Open(Corpus.PathOf("ct_small_evrle.dcm"));
        for (var i = 0; i < More; i++)
        {
            var uid = $"1.2.826.0.1.3680043.10.543.77.{i + 1}";
            template.Dataset.AddOrUpdate(DicomTags.SOPInstanceUID, DicomVR.UI, uid);
            template.FileMetaInformation.AddOrUpdate(DicomTags.MediaStorageSOPInstanceUID, DicomVR.UI, uid);
            template.Save(Path.Combine(inputs, $"ct_{i:D3}.dcm"));
        }

        var total = Samples.Length + More;
        using var host = TesseraHost.Build(
            new Dictionary<string, string?> { ["Tessera:Data"] = Data, ["Tessera:Dicom:Port"] = "0" },
            logging => logging.ClearProviders());
        await host.StartAsync();
        try
        {
            using var interrupt = new CancellationTokenSource();
            var firstError = new StringWriter();
            var first = await ImportCommand.RunAsync(
                [inputs], Data, 1, null, new StringWriter(), firstError, interrupt.Token, ArchiveMode.ThroughServer,
                observe: step =>
                {
                    if (step.Kind == ImportEventKind.File)
                    {
                        interrupt.Cancel();
                    }
                });
            var second = new StringWriter();
            var resumed = await ImportCommand.RunAsync([inputs], Data, 2, null, second, new StringWriter(), CancellationToken.None, ArchiveMode.ThroughServer);
            var check = new StringWriter();
            var checkExit = await CheckCommand.RunAsync(Data, verifyChecksums: true, check, new StringWriter(), CancellationToken.None, ArchiveMode.ThroughServer);

            Assert.Equal(ExitCodes.InputError, first);
            Assert.Contains("interrupted; run the same command again to resume", firstError.ToString(), StringComparison.Ordinal);
            Assert.Equal(ExitCodes.Success, resumed);
            var counts = System.Text.RegularExpressions.Regex.Match(second.ToString(), "([0-9]+) stored, 0 new versions, 0 overwritten, ([0-9]+) duplicates");
            Assert.True(counts.Success, second.ToString());
            var (stored, duplicates) = (int.Parse(counts.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), int.Parse(counts.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture));
            Assert.Equal(total, stored + duplicates);
            Assert.InRange(duplicates, 1, total - 1); // the first run stored some, not all: the server stopped when the client left
            Assert.True(checkExit == ExitCodes.Success, check.ToString());
            Assert.Contains($"{total} stored versions checked with SHA-256: 0 missing", check.ToString(), StringComparison.Ordinal);
        }
        finally
        {
            await host.StopAsync();
        }

        Assert.False(File.Exists(Path.Combine(Data, "control.sock")));
    }

    [Fact]
    public async Task Direct_mode_is_refused_while_another_process_holds_the_data_folder()
    {
        var inputs = Inputs();
        var error = new StringWriter();
        using (var held = DataFolderLock.TryAcquire(Data))
        {
            Assert.NotNull(held);
            Assert.Null(DataFolderLock.TryAcquire(Data));

            var refused = await ImportCommand.RunAsync([inputs], Data, 2, null, new StringWriter(), error, CancellationToken.None, ArchiveMode.Direct);

            Assert.Equal(ExitCodes.InputError, refused);
            Assert.Contains("is in use by another tessera process", error.ToString(), StringComparison.Ordinal);
            Assert.Empty(Directory.EnumerateFiles(Data, "index.db"));
        }

        Assert.Equal(ExitCodes.Success, await ImportCommand.RunAsync([inputs], Data, 2, null, new StringWriter(), new StringWriter(), CancellationToken.None, ArchiveMode.Direct));
    }

    [Fact]
    public async Task Through_server_without_a_server_is_an_error_naming_the_socket()
    {
        var inputs = Inputs();
        var importError = new StringWriter();
        var checkError = new StringWriter();

        var import = await ImportCommand.RunAsync([inputs], Data, 2, null, new StringWriter(), importError, CancellationToken.None, ArchiveMode.ThroughServer);
        var check = await CheckCommand.RunAsync(Data, true, new StringWriter(), checkError, CancellationToken.None, ArchiveMode.ThroughServer);

        Assert.Equal(ExitCodes.InputError, import);
        Assert.Equal(ExitCodes.InputError, check);
        Assert.Contains($"no tessera serve answers on {Path.Combine(Data, "control.sock")} (--through-server)", importError.ToString(), StringComparison.Ordinal);
        Assert.Contains("(--through-server)", checkError.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Direct_and_through_server_exclude_each_other()
    {
        var result = TesseraProcess.Run("import", "--direct", "--through-server", "--data", Data, _work);

        Assert.Equal(ExitCodes.UsageError, result.ExitCode);
        Assert.Contains("--direct and --through-server exclude each other", result.Error, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_work, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
