using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Tessera.Archive.Index;
using Tessera.Archive.Storage;

namespace Tessera.Archive.Ingest;

/// <summary>
/// The one ingest pipeline (STYLE 8): C-STORE, STOW-RS and import all call <see cref="IngestAsync"/>.
/// Two-phase and crash-safe (STYLE 9): the instance streams into a temporary blob while only the
/// indexed attributes are parsed; the blob is fsynced and renamed into place (and its folder fsynced); the index row is
/// committed; only then is success returned. A crash before the rename leaves a temporary (swept at
/// start-up); after it, a blob whose row is missing, which <see cref="RecoverAsync"/> indexes again; never an index row
/// without its blob.
/// </summary>
/// <remarks>
/// The durable blob is the journal of its index row: an index that syncs lazily (SQLite with synchronous=NORMAL, what
/// `tessera serve` runs) may lose the last rows to power loss, never a blob, so a server that records a recovery point
/// (<see cref="MakeIndexDurableAsync"/>) and recovers the blobs stored since it after a crash acknowledges a C-STORE
/// one WAL fsync sooner. Deleting a blob an index row referred to waits for that change to be durable.
/// </remarks>
public sealed partial class IngestService
{
    private readonly IBlobStore _blobs;
    private readonly IIndexStore _index;
    private readonly IngestOptions _options;
    private readonly ILogger _logger;
    private readonly InstanceLocks _instanceLocks = new();
    private readonly CommitsInFlight _inFlight = new();

    public IngestService(IBlobStore blobs, IIndexStore index, IngestOptions? options = null, ILogger<IngestService>? logger = null)
    {
        _blobs = blobs ?? throw new ArgumentNullException(nameof(blobs));
        _index = index ?? throw new ArgumentNullException(nameof(index));
        _options = options ?? IngestOptions.Default;
        _logger = logger ?? (ILogger)NullLogger.Instance;
    }

    /// <summary>Stores one instance. Never throws for bad input, full disks or index failures: see <see cref="IngestResult"/>.</summary>
    public async Task<IngestResult> IngestAsync(IngestRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var input = request.Description ?? "input";
        IngestResult result;
        try
        {
            result = await IngestCoreAsync(request, input, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            result = IngestResult.Failure(ArchiveStatuses.Cancelled, null);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            result = IngestResult.Failure(ArchiveStatuses.FromStorageException(exception), exception.Message);
        }
#pragma warning disable CA1031 // STYLE 10: a failing ingest answers with a status, never an exception that drops the association
        catch (Exception exception)
#pragma warning restore CA1031
        {
            IngestLog.Unexpected(_logger, input, exception);
            result = IngestResult.Failure(ArchiveStatuses.InternalError, exception.Message);
        }

        if (result.Outcome == IngestOutcome.Failed)
        {
            IngestLog.Failed(_logger, input, result.Status!.Code, result.Detail);
        }

        return result;
    }

    private async Task<IngestResult> IngestCoreAsync(IngestRequest request, string input, CancellationToken cancellationToken)
    {
        var blob = await _blobs.CreateTemporaryAsync(cancellationToken).ConfigureAwait(false);
        await using (blob.ConfigureAwait(false))
        {
            var spooled = await SpoolAsync(request, input, new BlobSink(blob.Stream), cancellationToken).ConfigureAwait(false);
            if (spooled.Failure is not null)
            {
                return spooled.Failure;
            }

            var spool = spooled.Result!;

            // The fsync runs while the index values are taken and the instance looked up; the rename waits for it. A
            // duplicate waits for it too (the temporary cannot be closed under it): an fsync more for a re-send, an fsync's
            // overlap for every new instance (small ones: ~8% more per association).
            var flushing = blob.FlushAsync(cancellationToken);

            // The checksums read the blob back once while the fsync waits for the disk: the meta's and the data set's
            // (a duplicate is the same data set, whatever meta it came with). Together they cover the file for the check
            // and storage commitment, and name it; a whole-file hash besides would hash every byte twice.
            var sha256 = await blob.HashAsync(spool.DataSetOffset, cancellationToken).ConfigureAwait(false);
            var values = IndexedValues.Extract(spool.Dataset);
            if (Validate(request, values) is { } invalid)
            {
                return invalid;
            }

            var sop = values[DicomTags.SOPInstanceUID];

            // Cheap early answer for re-sent and re-imported instances: nothing is renamed or written to
            // the index. The authoritative decision is the index's, at commit (a concurrent ingest may win).
            var existing = await _index.FindInstanceAsync(sop, cancellationToken).ConfigureAwait(false);
            if (existing is not null && existing.Location.ContentSha256 == sha256.FromOffset)
            {
                return new IngestResult(IngestOutcome.Duplicate, sop, null, null, existing.Version, existing.Location);
            }

            if (existing is not null && _options.DuplicatePolicy == DuplicatePolicy.Reject)
            {
                IngestLog.DuplicateRejected(_logger, sop);
                return new IngestResult(IngestOutcome.Rejected, sop, ArchiveStatuses.DuplicateRejected, null, existing.Version, existing.Location);
            }

            var path = StoragePaths.For(values[DicomTags.StudyInstanceUID], values[DicomTags.SeriesInstanceUID], sop, sha256.Identity);
            var location = new BlobLocation(_blobs.StorageId, path, spool.TransferSyntax.Uid, spool.Size, null, sha256.FromOffset, spool.Frames.Encode(), spool.NeedsRepair, sha256.BeforeOffset);
            var entry = new IndexEntry(values, AttributeBlob.Encode(spool.Dataset), location);

            await flushing.ConfigureAwait(false);
            using (await _instanceLocks.LockAsync(sop, cancellationToken).ConfigureAwait(false))
            {
                var ticket = _inFlight.Enter();
                try
                {
                    return await CommitAsync(blob, sop, path, entry, cancellationToken).ConfigureAwait(false);
                }
                finally
                {
                    _inFlight.Leave(ticket);
                }
            }
        }
    }

    /// <summary>
    /// Renames the blob into place and commits its index row, under the instance's lock (<see cref="InstanceLocks"/>):
    /// a blob whose row is not written is deleted only when no version refers to its name.
    /// </summary>
    private async Task<IngestResult> CommitAsync(ITemporaryBlob blob, string sop, string path, IndexEntry entry, CancellationToken cancellationToken)
    {
        var location = entry.Location;
        await blob.CommitAsync(path, cancellationToken).ConfigureAwait(false);

        IndexCommitResult commit;
        try
        {
            commit = await _index.CommitAsync(entry, _options.DuplicatePolicy, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception)
        {
            await DeleteUnlessReferencedAsync(sop, path).ConfigureAwait(false);
            if (exception is OperationCanceledException && cancellationToken.IsCancellationRequested)
            {
                throw;
            }

            return IngestResult.Failure(ArchiveStatuses.IndexUnavailable, exception.Message, sop);
        }

        switch (commit.Outcome)
        {
            case IndexCommitOutcome.Duplicate:
            case IndexCommitOutcome.Rejected:
                // The content was there already: our blob is unreferenced, unless a version is that very file (identical
                // bytes, same name).
                if (commit.Existing?.RelativePath != path)
                {
                    await DeleteUnlessReferencedAsync(sop, path).ConfigureAwait(false);
                }

                if (commit.Outcome == IndexCommitOutcome.Rejected)
                {
                    IngestLog.DuplicateRejected(_logger, sop);
                    return new IngestResult(IngestOutcome.Rejected, sop, ArchiveStatuses.DuplicateRejected, null, commit.Version, commit.Existing);
                }

                return new IngestResult(IngestOutcome.Duplicate, sop, null, null, commit.Version, commit.Existing);
            case IndexCommitOutcome.NewVersion:
                IngestLog.NewVersion(_logger, sop, commit.Version);
                return new IngestResult(IngestOutcome.NewVersion, sop, null, null, commit.Version, location);
            case IndexCommitOutcome.Overwritten:
                if (commit.Existing is { } replaced && replaced.RelativePath != path && await MadeDurableAsync(replaced.RelativePath).ConfigureAwait(false))
                {
                    // Only once the row no longer refers to it for good: a lost commit would leave a row without its blob.
                    await DeleteQuietlyAsync(replaced.RelativePath).ConfigureAwait(false);
                    IngestLog.Overwritten(_logger, sop, commit.Version, replaced.RelativePath);
                }

                return new IngestResult(IngestOutcome.Overwritten, sop, null, null, commit.Version, location);
            default:
                return new IngestResult(IngestOutcome.Stored, sop, null, null, commit.Version, location);
        }
    }

    private static IngestResult? Validate(IngestRequest request, Dictionary<DicomTag, string> values)
    {
        // PS3.4 B.2.3 A900: the SOP Common and General Study/Series modules' Type 1 UIDs must be there.
        foreach (var tag in (ReadOnlySpan<DicomTag>)[DicomTags.SOPClassUID, DicomTags.SOPInstanceUID, DicomTags.StudyInstanceUID, DicomTags.SeriesInstanceUID])
        {
            if (!values.TryGetValue(tag, out var uid))
            {
                return IngestResult.Failure(ArchiveStatuses.DatasetDoesNotMatchSopClass, $"{DicomDictionary.Find(tag)?.Keyword ?? tag.ToString()} {tag} is missing", values.GetValueOrDefault(DicomTags.SOPInstanceUID));
            }

            if (!StoragePaths.IsSafeUid(uid))
            {
                return IngestResult.Failure(ArchiveStatuses.InvalidUid, $"{DicomDictionary.Find(tag)?.Keyword} '{Printable(uid)}' is not a UID (PS3.5 9.1)");
            }
        }

        if (request.ExpectedSopClassUid is { } expectedClass && expectedClass != values[DicomTags.SOPClassUID])
        {
            return IngestResult.Failure(ArchiveStatuses.UidMismatch, $"SOP Class UID {values[DicomTags.SOPClassUID]}, command says {expectedClass}", values[DicomTags.SOPInstanceUID]);
        }

        if (request.ExpectedSopInstanceUid is { } expectedInstance && expectedInstance != values[DicomTags.SOPInstanceUID])
        {
            return IngestResult.Failure(ArchiveStatuses.UidMismatch, $"SOP Instance UID {values[DicomTags.SOPInstanceUID]}, command says {expectedInstance}", values[DicomTags.SOPInstanceUID]);
        }

        return null;
    }

    private static string Printable(string text) =>
        new([.. text.Take(80).Select(c => char.IsControl(c) ? '?' : c)]);

    /// <summary>
    /// Deletes a blob this ingest renamed into place but did not index, unless a stored version refers to that name (an
    /// earlier ingest of the same bytes). When the index cannot say, the blob is left: an orphan is reported by the check,
    /// a deleted committed file would be lost.
    /// </summary>
    private async ValueTask DeleteUnlessReferencedAsync(string sop, string path)
    {
        if (await IsReferencedAsync(sop, path).ConfigureAwait(false) == false)
        {
            await DeleteQuietlyAsync(path).ConfigureAwait(false);
        }
    }

    /// <summary>Whether a stored version of <paramref name="sop"/> is the blob <paramref name="path"/>; null when the index cannot say (logged).</summary>
    private async ValueTask<bool?> IsReferencedAsync(string sop, string path)
    {
        try
        {
            await foreach (var version in _index.ListInstanceVersionsAsync(sop, CancellationToken.None).ConfigureAwait(false))
            {
                if (version.Location.StorageId == _blobs.StorageId && version.Location.RelativePath == path)
                {
                    return true;
                }
            }

            return false;
        }
#pragma warning disable CA1031 // any failure of the index means "cannot tell": keep the file
        catch (Exception exception)
#pragma warning restore CA1031
        {
            IngestLog.CleanupFailed(_logger, path, exception);
            return null;
        }
    }

    /// <summary>Makes the index durable before <paramref name="path"/> is deleted; false (logged, the blob stays) when it cannot.</summary>
    private async ValueTask<bool> MadeDurableAsync(string path)
    {
        try
        {
            await _index.MakeDurableAsync(CancellationToken.None).ConfigureAwait(false);
            return true;
        }
#pragma warning disable CA1031 // a failing index keeps the blob: an orphan for the check, not a row without its file
        catch (Exception exception)
#pragma warning restore CA1031
        {
            IngestLog.CleanupFailed(_logger, path, exception);
            return false;
        }
    }

    private async ValueTask DeleteQuietlyAsync(string path)
    {
        try
        {
            await _blobs.DeleteAsync(path, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            IngestLog.CleanupFailed(_logger, path, exception);
        }
    }
}
