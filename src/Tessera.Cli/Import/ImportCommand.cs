using System.CommandLine;
using System.Diagnostics;
using Tessera.Archive.Index;
using Tessera.Archive.Ingest;
using Tessera.Cli.Archive;

namespace Tessera.Cli.Import;

/// <summary>
/// `tessera import [--data DIR] PATH...`: stores files, folders and DICOM media through the same
/// ingest pipeline as C-STORE and STOW-RS. Re-running is resumable: what is stored already comes
/// back as a duplicate without being written again.
/// </summary>
internal static class ImportCommand
{
    public static Command Create()
    {
        var paths = new Argument<string[]>("PATH") { Description = "files, folders (recursively) or DICOMDIR files to import", Arity = ArgumentArity.OneOrMore };
        var data = new Option<string>("--data", "-d") { Description = "the archive's data folder (index.db and files/)", DefaultValueFactory = _ => ArchiveData.DefaultFolder };
        var parallel = new Option<int>("--parallel", "-j") { Description = "files ingested at once", DefaultValueFactory = _ => Math.Min(4, Environment.ProcessorCount) };
        var policy = new Option<DuplicatePolicy>("--duplicates") { Description = "different content for a stored instance: KeepBoth (new version), Reject or Overwrite", DefaultValueFactory = _ => DuplicatePolicy.KeepBoth };
        var command = new Command("import", "Store DICOM files, folders and media (DICOMDIR) in the archive.")
        {
            paths, data, parallel, policy,
        };
        command.SetAction((parseResult, cancellationToken) =>
        {
            var degree = parseResult.GetValue(parallel);
            if (degree < 1)
            {
                Console.Error.WriteLine("tessera import: --parallel must be at least 1");
                return Task.FromResult(ExitCodes.UsageError);
            }

            return RunAsync(parseResult.GetValue(paths) ?? [], parseResult.GetValue(data)!, degree, parseResult.GetValue(policy), Console.Out, Console.Error, cancellationToken);
        });
        return command;
    }

    public static async Task<int> RunAsync(IReadOnlyList<string> paths, string dataFolder, int parallelism, DuplicatePolicy policy, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var files = ImportSources.Expand(paths, message => error.WriteLine($"tessera import: {message}"));
        var archive = await ArchiveData.OpenAsync(dataFolder, cancellationToken).ConfigureAwait(false);
        await using (archive.ConfigureAwait(false))
        {
            var swept = await archive.Blobs.SweepTemporariesAsync(cancellationToken).ConfigureAwait(false);
            if (swept > 0)
            {
                error.WriteLine($"tessera import: removed {swept} temporary files left by an interrupted run");
            }

            var ingest = new IngestService(archive.Blobs, archive.Index, new IngestOptions { DuplicatePolicy = policy });
            var counts = new int[Enum.GetValues<IngestOutcome>().Length];
            var lockObject = new object();
            var clock = Stopwatch.StartNew();
            await Parallel.ForEachAsync(
                files,
                new ParallelOptions { MaxDegreeOfParallelism = parallelism, CancellationToken = cancellationToken },
                async (file, token) =>
                {
                    IngestResult result;
                    try
                    {
                        var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024, FileOptions.Asynchronous | FileOptions.SequentialScan);
                        await using (stream.ConfigureAwait(false))
                        {
                            result = await ingest.IngestAsync(IngestRequest.Part10(stream) with { Description = file }, token).ConfigureAwait(false);
                        }
                    }
                    catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
                    {
                        result = IngestResult.Failure(Tessera.Archive.ArchiveStatuses.FromStorageException(exception), exception.Message);
                    }

                    lock (lockObject)
                    {
                        counts[(int)result.Outcome]++;
                        if (!result.IsSuccess)
                        {
                            error.WriteLine($"tessera import: {file}: {result.Outcome.ToString().ToLowerInvariant()}: {result.Status?.Message}{(result.Detail is null ? string.Empty : $": {result.Detail}")}");
                        }
                    }
                }).ConfigureAwait(false);

            var seconds = clock.Elapsed.TotalSeconds;
            output.WriteLine(
                $"{files.Count} files in {seconds:F1} s: {counts[(int)IngestOutcome.Stored]} stored, {counts[(int)IngestOutcome.NewVersion]} new versions, "
                + $"{counts[(int)IngestOutcome.Overwritten]} overwritten, {counts[(int)IngestOutcome.Duplicate]} duplicates, "
                + $"{counts[(int)IngestOutcome.Rejected]} rejected, {counts[(int)IngestOutcome.Failed]} failed");
            return counts[(int)IngestOutcome.Rejected] + counts[(int)IngestOutcome.Failed] == 0 ? ExitCodes.Success : ExitCodes.InputError;
        }
    }
}
