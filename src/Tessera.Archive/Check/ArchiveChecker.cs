using System.Collections.Concurrent;
using Tessera.Archive.Index;
using Tessera.Archive.Storage;

namespace Tessera.Archive.Check;

/// <summary>
/// Reconciles index and blob store (STYLE 9's start-up sweep; also <c>tessera check</c>): deletes
/// temporaries, reports index rows without blob, blobs without index row and, optionally, blobs
/// whose content no longer matches their recorded SHA-256. Reports; never deletes committed data.
/// </summary>
public sealed class ArchiveChecker(IIndexStore index, IBlobStore blobs)
{
    /// <param name="verifyChecksums">Read every blob and compare its SHA-256 (I/O bound: the whole archive is read).</param>
    /// <param name="parallelism">Blobs hashed at once.</param>
    public async Task<CheckReport> CheckAsync(bool verifyChecksums, int parallelism = 4, CancellationToken cancellationToken = default)
    {
        var swept = await blobs.SweepTemporariesAsync(cancellationToken).ConfigureAwait(false);
        var known = new HashSet<string>(StringComparer.Ordinal);
        var versions = new List<BlobLocation>();
        await foreach (var version in index.ListAllVersionsAsync(cancellationToken).ConfigureAwait(false))
        {
            if (version.Location.StorageId == blobs.StorageId)
            {
                known.Add(version.Location.RelativePath);
                versions.Add(version.Location);
            }
        }

        var missing = new ConcurrentBag<string>();
        var corrupt = new ConcurrentBag<string>();
        await Parallel.ForEachAsync(
            versions,
            new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, parallelism), CancellationToken = cancellationToken },
            async (location, token) =>
            {
                if (!blobs.Exists(location.RelativePath))
                {
                    missing.Add(location.RelativePath);
                    return;
                }

                if (verifyChecksums && !await BlobChecksum.MatchesAsync(blobs, location, token).ConfigureAwait(false))
                {
                    corrupt.Add(location.RelativePath);
                }
            }).ConfigureAwait(false);

        var orphans = new List<string>();
        await foreach (var path in blobs.EnumerateAsync(cancellationToken).ConfigureAwait(false))
        {
            if (!known.Contains(path))
            {
                orphans.Add(path);
            }
        }

        return new CheckReport(swept, versions.Count, [.. missing.Order(StringComparer.Ordinal)], [.. orphans.Order(StringComparer.Ordinal)], [.. corrupt.Order(StringComparer.Ordinal)]);
    }
}
