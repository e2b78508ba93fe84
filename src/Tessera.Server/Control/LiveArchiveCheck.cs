using Tessera.Archive.Check;
using Tessera.Archive.Index;
using Tessera.Archive.Storage;

namespace Tessera.Server.Control;

/// <summary>
/// `tessera check` inside a running server: the <see cref="ArchiveChecker"/> over the server's own index and blob store,
/// with the two differences a live archive needs. Temporaries are left alone (<see cref="LiveBlobStore"/>). And a finding
/// is reported only when a second look confirms it: an instance being stored meanwhile is a blob renamed into place a
/// moment before its index row commits (an orphan for that moment), and an overwrite deletes the old blob a moment after
/// its row changed (missing for that moment).
/// </summary>
internal static class LiveArchiveCheck
{
    public static async Task<CheckReport> RunAsync(IIndexStore index, IBlobStore blobs, bool verifyChecksums, CancellationToken cancellationToken)
    {
        var live = new LiveBlobStore(blobs);
        var report = await new ArchiveChecker(index, live).CheckAsync(verifyChecksums, 4, cancellationToken).ConfigureAwait(false);
        if (report.IsConsistent)
        {
            return report;
        }

        // The writer commits in batches within milliseconds; a second of grace covers a busy disk's fsync too.
        await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken).ConfigureAwait(false);
        var known = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var version in index.ListAllVersionsAsync(cancellationToken).ConfigureAwait(false))
        {
            if (version.Location.StorageId == blobs.StorageId)
            {
                known.Add(version.Location.RelativePath);
            }
        }

        return report with
        {
            Orphans = [.. report.Orphans.Where(path => blobs.Exists(path) && !known.Contains(path))],
            Missing = [.. report.Missing.Where(path => known.Contains(path) && !blobs.Exists(path))],
            Corrupt = [.. report.Corrupt.Where(known.Contains)],
        };
    }
}
