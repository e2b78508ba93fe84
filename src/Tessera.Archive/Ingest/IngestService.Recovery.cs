namespace Tessera.Archive.Ingest;

public sealed partial class IngestService
{
    /// <summary>
    /// Makes every index row committed so far durable and returns the recovery point: every blob committed before it has
    /// its row durable, so after a crash <see cref="RecoverAsync"/> need only look at blobs committed since. That is the
    /// oldest commit still running, or now.
    /// </summary>
    public async ValueTask<DateTimeOffset> MakeIndexDurableAsync(CancellationToken cancellationToken)
    {
        var now = DateTimeOffset.UtcNow;
        var point = _inFlight.Oldest() is { } oldest && oldest < now ? oldest : now;
        await _index.MakeDurableAsync(cancellationToken).ConfigureAwait(false);
        return point;
    }

    /// <summary>
    /// After a crash, before any ingest: every blob committed since <paramref name="since"/> that no index row refers to
    /// is ingested again, from itself, in the order it was stored. Its row was lost (an index that syncs lazily) or never
    /// written (a crash between rename and commit); the blob is complete either way, since it is fsynced before it is
    /// renamed. Ingest decides as for any input: a new instance or version is indexed (under the same name: the same
    /// bytes), a duplicate or rejected one is deleted. A blob that cannot be ingested stays, for the check to report.
    /// </summary>
    public async Task<RecoveryReport> RecoverAsync(DateTimeOffset since, CancellationToken cancellationToken)
    {
        var examined = 0;
        var orphans = new List<(string Path, string Sop, DateTimeOffset? CommittedAt)>();
        await foreach (var path in _blobs.EnumerateCommittedSinceAsync(since, cancellationToken).ConfigureAwait(false))
        {
            // Ingest names a blob STUDY/SERIES/SOP.HASH.dcm (StoragePaths); anything else in the store is not ingest's.
            if (StoragePaths.SopInstanceUidOf(path) is not { } sop)
            {
                continue;
            }

            examined++;
            if (await IsReferencedAsync(sop, path).ConfigureAwait(false) == false)
            {
                orphans.Add((path, sop, await _blobs.CommittedAtAsync(path, cancellationToken).ConfigureAwait(false)));
            }
        }

        var indexed = 0;
        var deleted = 0;
        var left = 0;
        foreach (var (path, sop, _) in orphans.OrderBy(orphan => orphan.CommittedAt ?? DateTimeOffset.MinValue))
        {
            var result = await IngestStoredBlobAsync(path, cancellationToken).ConfigureAwait(false);
            if (result.Outcome == IngestOutcome.Failed)
            {
                IngestLog.NotRecovered(_logger, path, result.Detail);
                left++;
                continue;
            }

            indexed += result.Outcome is IngestOutcome.Stored or IngestOutcome.NewVersion or IngestOutcome.Overwritten ? 1 : 0;

            // Indexed under its own name, it is referenced now; a duplicate, a rejected one, or one ingest named otherwise
            // (a File Meta Information written differently by another Tessera version) is not.
            if (await IsReferencedAsync(sop, path).ConfigureAwait(false) == false && await _blobs.DeleteAsync(path, cancellationToken).ConfigureAwait(false))
            {
                deleted++;
            }
        }

        return new RecoveryReport(examined, indexed, deleted, left);
    }

    private async Task<IngestResult> IngestStoredBlobAsync(string path, CancellationToken cancellationToken)
    {
        try
        {
            var stream = _blobs.OpenRead(path);
            await using (stream.ConfigureAwait(false))
            {
                return await IngestAsync(IngestRequest.Part10(stream) with { Description = $"recovery of {path}" }, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return IngestResult.Failure(ArchiveStatuses.FromStorageException(exception), exception.Message);
        }
    }
}
