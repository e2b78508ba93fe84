using System.CommandLine;
using Tessera.Archive.Index;
using Tessera.Archive.Ingest;
using Tessera.Cli.Archive;
using Tessera.Cli.Control;
using Tessera.Server.Control;
using Tessera.Server.Import;

namespace Tessera.Cli.Import;

/// <summary>
/// `tessera import [--data DIR] PATH...`: stores files, folders and DICOM media through the same ingest pipeline as
/// C-STORE (<see cref="FileImport"/>). With a `tessera serve` running on DIR the work runs inside it, through its control
/// socket, so that imported files share its writer and duplicate policy; otherwise here, holding the folder's lock.
/// Re-running is resumable: what is stored already comes back as a duplicate without being written again.
/// </summary>
internal static class ImportCommand
{
    public static Command Create()
    {
        var paths = new Argument<string[]>("PATH") { Description = "files, folders (recursively) or DICOMDIR files to import", Arity = ArgumentArity.OneOrMore };
        var data = new Option<string>("--data", "-d") { Description = "the archive's data folder (index.db and files/)", DefaultValueFactory = _ => ArchiveData.DefaultFolder };
        var parallel = new Option<int>("--parallel", "-j") { Description = "files ingested at once", DefaultValueFactory = _ => Math.Min(4, Environment.ProcessorCount) };
        var policy = new Option<DuplicatePolicy?>("--duplicates") { Description = "different content for a stored instance: KeepBoth (new version, the default), Reject or Overwrite; through a server, its Tessera:DuplicatePolicy applies" };
        var mode = new ArchiveModeOptions();
        var command = new Command("import", "Store DICOM files, folders and media (DICOMDIR) in the archive, directly or through the running server.")
        {
            paths, data, parallel, policy,
        };
        mode.AddTo(command);
        command.SetAction((parseResult, cancellationToken) =>
        {
            var degree = parseResult.GetValue(parallel);
            if (degree is < 1 or > ControlChannel.MaxParallel)
            {
                Console.Error.WriteLine($"tessera import: --parallel must be 1-{ControlChannel.MaxParallel}");
                return Task.FromResult(ExitCodes.UsageError);
            }

            return RunAsync(
                parseResult.GetValue(paths) ?? [], parseResult.GetValue(data)!, degree, parseResult.GetValue(policy), Console.Out, Console.Error, cancellationToken,
                mode.Get(parseResult), terminal: !Console.IsErrorRedirected);
        });
        return command;
    }

    /// <param name="observe">Sees every event after the console did (tests interrupt a run with it).</param>
    public static async Task<int> RunAsync(
        IReadOnlyList<string> paths,
        string dataFolder,
        int parallelism,
        DuplicatePolicy? policy,
        TextWriter output,
        TextWriter error,
        CancellationToken cancellationToken,
        ArchiveMode mode = ArchiveMode.Automatic,
        bool terminal = false,
        Action<ImportEvent>? observe = null)
    {
        var access = await ArchiveAccess.OpenAsync(dataFolder, mode, cancellationToken).ConfigureAwait(false);
        await using (access.ConfigureAwait(false))
        {
            if (access.Problem is { } problem)
            {
                await error.WriteLineAsync($"tessera import: {problem}").ConfigureAwait(false);
                return ExitCodes.InputError;
            }

            var tally = new ImportTally(output, error, terminal);
            await using (tally.ConfigureAwait(false))
            {
                void Report(ImportEvent step)
                {
                    tally.Report(step);
                    observe?.Invoke(step);
                }

                try
                {
                    if (access.Server is { } server)
                    {
                        var request = new ControlRequest("import", [.. paths.Select(Path.GetFullPath)], parallelism, policy);
                        var outcome = await ControlRun.RunAsync(server, request, message => Report(message.Import ?? throw new InvalidDataException("the server sent no import event")), cancellationToken).ConfigureAwait(false);
                        if (outcome.Error is { } stopped)
                        {
                            tally.Problem(outcome.Usage ? $"the server refused: {stopped}" : stopped);
                            if (outcome.Usage)
                            {
                                return ExitCodes.UsageError;
                            }
                        }

                        return await tally.FinishAsync(outcome.Complete).ConfigureAwait(false);
                    }

                    await RunDirectAsync(paths, dataFolder, parallelism, policy ?? DuplicatePolicy.KeepBoth, Report, error, cancellationToken).ConfigureAwait(false);
                    return await tally.FinishAsync(complete: true).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                {
                    tally.Problem("interrupted; run the same command again to resume (what is stored is skipped as duplicate)");
                    return await tally.FinishAsync(complete: false).ConfigureAwait(false);
                }
            }
        }
    }

    private static async Task RunDirectAsync(IReadOnlyList<string> paths, string dataFolder, int parallelism, DuplicatePolicy policy, Action<ImportEvent> report, TextWriter error, CancellationToken cancellationToken)
    {
        var archive = await ArchiveData.OpenAsync(dataFolder, cancellationToken).ConfigureAwait(false);
        await using (archive.ConfigureAwait(false))
        {
            // Safe: this process holds the folder's lock, so no server's instance is in flight.
            var swept = await archive.Blobs.SweepTemporariesAsync(cancellationToken).ConfigureAwait(false);
            if (swept > 0)
            {
                await error.WriteLineAsync($"tessera import: removed {swept} temporary files left by an interrupted run").ConfigureAwait(false);
            }

            var ingest = new IngestService(archive.Blobs, archive.Index, new IngestOptions { DuplicatePolicy = policy });
            await FileImport.RunAsync(
                ingest,
                paths,
                parallelism,
                (step, _) =>
                {
                    report(step);
                    return ValueTask.CompletedTask;
                },
                cancellationToken).ConfigureAwait(false);
        }
    }
}
