using Tessera.Archive;
using Tessera.Archive.Ingest;

namespace Tessera.Server.Import;

/// <summary>
/// `tessera import`'s work, wherever it runs: the paths expanded (<see cref="ImportSources"/>), then every file through
/// the one ingest pipeline (STYLE 8), <c>parallelism</c> at a time. Direct mode gives it an <see cref="IngestService"/>
/// of its own; inside the server it is the server's, so imported files share the C-STORE writer queue and the
/// server's duplicate policy. Each step is reported as an <see cref="ImportEvent"/>, one call at a time.
/// </summary>
/// <remarks>
/// Resumable by construction: an instance stored by an interrupted run comes back as <see cref="IngestOutcome.Duplicate"/>
/// and is not written again (ingest compares the content's digest with the stored version's).
/// </remarks>
public static class FileImport
{
    public static async Task RunAsync(IngestService ingest, IReadOnlyList<string> paths, int parallelism, Func<ImportEvent, CancellationToken, ValueTask> report, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ingest);
        ArgumentNullException.ThrowIfNull(report);
        using var gate = new SemaphoreSlim(1, 1);
        async ValueTask ReportAsync(ImportEvent step, CancellationToken token)
        {
            await gate.WaitAsync(token).ConfigureAwait(false);
            try
            {
                await report(step, token).ConfigureAwait(false);
            }
            finally
            {
                gate.Release();
            }
        }

        var early = new List<ImportEvent>();
        var files = ImportSources.Expand(paths, early.Add);
        foreach (var step in early)
        {
            await ReportAsync(step, cancellationToken).ConfigureAwait(false);
        }

        long total = 0;
        foreach (var file in files)
        {
            total += SizeOf(file);
        }

        await ReportAsync(new ImportEvent(ImportEventKind.Planned, Bytes: total, Files: files.Count), cancellationToken).ConfigureAwait(false);
        await Parallel.ForEachAsync(
            files,
            new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, parallelism), CancellationToken = cancellationToken },
            async (file, token) =>
            {
                var result = await IngestFileAsync(ingest, file, token).ConfigureAwait(false);
                var reason = result.IsSuccess ? null : $"{result.Status?.Message}{(result.Detail is null ? string.Empty : $": {result.Detail}")}";
                await ReportAsync(new ImportEvent(ImportEventKind.File, file, result.Outcome, reason, SizeOf(file)), token).ConfigureAwait(false);
            }).ConfigureAwait(false);
    }

    private static async Task<IngestResult> IngestFileAsync(IngestService ingest, string file, CancellationToken cancellationToken)
    {
        try
        {
            var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024, FileOptions.Asynchronous | FileOptions.SequentialScan);
            await using (stream.ConfigureAwait(false))
            {
                return await ingest.IngestAsync(IngestRequest.Part10(stream) with { Description = file }, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return IngestResult.Failure(ArchiveStatuses.FromStorageException(exception), exception.Message);
        }
    }

    private static long SizeOf(string file)
    {
        try
        {
            return new FileInfo(file).Length;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return 0;
        }
    }
}
