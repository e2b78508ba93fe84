using System.CommandLine;
using Tessera.Archive.Check;
using Tessera.Cli.Archive;
using Tessera.Cli.Control;
using Tessera.Server.Control;

namespace Tessera.Cli.Check;

/// <summary>
/// `tessera check [--data DIR]`: index against stored files; exit 3 when anything is missing, orphaned or corrupt.
/// With a `tessera serve` running on DIR the check runs inside it (its index and blob store, temporaries of instances
/// being received left alone); otherwise here, holding the folder's lock.
/// </summary>
internal static class CheckCommand
{
    public static Command Create()
    {
        var data = new Option<string>("--data", "-d") { Description = "the archive's data folder (index.db and files/)", DefaultValueFactory = _ => ArchiveData.DefaultFolder };
        var quick = new Option<bool>("--quick") { Description = "check presence only, do not read every file to verify its SHA-256" };
        var mode = new ArchiveModeOptions();
        var command = new Command("check", "Compare the index with the stored files: missing, orphaned and corrupt (checksum) files; directly or through the running server.")
        {
            data, quick,
        };
        mode.AddTo(command);
        command.SetAction((parseResult, cancellationToken) =>
            RunAsync(parseResult.GetValue(data)!, !parseResult.GetValue(quick), Console.Out, Console.Error, cancellationToken, mode.Get(parseResult)));
        return command;
    }

    public static async Task<int> RunAsync(string dataFolder, bool verifyChecksums, TextWriter output, TextWriter error, CancellationToken cancellationToken, ArchiveMode mode = ArchiveMode.Automatic)
    {
        if (mode != ArchiveMode.ThroughServer && !File.Exists(Path.Combine(dataFolder, "index.db")))
        {
            error.WriteLine($"tessera check: {dataFolder}: no archive here (no index.db)");
            return ExitCodes.InputError;
        }

        var access = await ArchiveAccess.OpenAsync(dataFolder, mode, cancellationToken).ConfigureAwait(false);
        await using (access.ConfigureAwait(false))
        {
            if (access.Problem is { } problem)
            {
                await error.WriteLineAsync($"tessera check: {problem}").ConfigureAwait(false);
                return ExitCodes.InputError;
            }

            if (access.Server is { } server)
            {
                CheckSummary? summary = null;
                var outcome = await ControlRun.RunAsync(
                    server,
                    new ControlRequest("check", VerifyChecksums: verifyChecksums),
                    message =>
                    {
                        if (message.Finding is { } finding)
                        {
                            PrintFinding(output, finding);
                        }

                        summary = message.Checked ?? summary;
                    },
                    cancellationToken).ConfigureAwait(false);
                if (outcome.Error is not null || summary is null)
                {
                    await error.WriteLineAsync($"tessera check: the server did not finish the check: {outcome.Error}").ConfigureAwait(false);
                    return outcome.Usage ? ExitCodes.UsageError : ExitCodes.InputError;
                }

                return PrintSummary(output, summary);
            }

            var archive = await ArchiveData.OpenAsync(dataFolder, cancellationToken).ConfigureAwait(false);
            await using (archive.ConfigureAwait(false))
            {
                var report = await new ArchiveChecker(archive.Index, archive.Blobs).CheckAsync(verifyChecksums, 4, cancellationToken).ConfigureAwait(false);
                foreach (var (kind, paths) in new[] { ("missing", report.Missing), ("corrupt", report.Corrupt), ("orphan", report.Orphans) })
                {
                    foreach (var path in paths)
                    {
                        PrintFinding(output, new CheckFinding(kind, path));
                    }
                }

                if (report.Orphans.Count > 0 && File.Exists(Tessera.Server.DicomListenerService.RunningMarkerPath(dataFolder)))
                {
                    // The server's index syncs lazily: after a crash, files whose rows were lost are orphans until it starts again.
                    await error.WriteLineAsync($"tessera check: the last tessera serve on {dataFolder} did not stop cleanly ({Tessera.Server.DicomListenerService.RunningMarker}); its next start indexes again the files stored since its last recovery point, orphans among them").ConfigureAwait(false);
                }

                return PrintSummary(output, new CheckSummary(report.Versions, report.Missing.Count, report.Corrupt.Count, report.Orphans.Count, report.TemporariesSwept, verifyChecksums));
            }
        }
    }

    private static void PrintFinding(TextWriter output, CheckFinding finding) => output.WriteLine($"{finding.Kind,-8} {finding.Path}");

    private static int PrintSummary(TextWriter output, CheckSummary summary)
    {
        output.WriteLine(
            $"{summary.Versions} stored versions checked{(summary.Checksums ? " with SHA-256" : string.Empty)}: {summary.Missing} missing, "
            + $"{summary.Corrupt} corrupt, {summary.Orphans} orphaned; {summary.TemporariesSwept} temporary files removed");
        return summary.Missing + summary.Corrupt + summary.Orphans == 0 ? ExitCodes.Success : ExitCodes.Inconsistent;
    }
}
