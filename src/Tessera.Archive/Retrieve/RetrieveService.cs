using Tessera.Archive.Index;
using Tessera.Archive.Storage;
using Tessera.Dicom.IO;

namespace Tessera.Archive.Retrieve;

/// <summary>
/// The retrieve model C-MOVE, C-GET and WADO build on: which instances a request covers (one index
/// query) and their bytes, whole or one frame as range reads of the stored file (the frame index
/// recorded at ingest: no parsing at retrieve time).
/// </summary>
public sealed class RetrieveService(IIndexStore index, IBlobStore blobs)
{
    /// <summary>The current instances under the UIDs given (null: any), in study, series, instance number order.</summary>
    public IAsyncEnumerable<StoredInstance> ListAsync(string? studyInstanceUid, string? seriesInstanceUid = null, string? sopInstanceUid = null, CancellationToken cancellationToken = default) =>
        index.ListInstancesAsync(studyInstanceUid, seriesInstanceUid, sopInstanceUid, cancellationToken);

    /// <summary>
    /// The stored Part 10 blob of <paramref name="instance"/> as a source a reader can leave bulk data in: a C-MOVE/C-GET
    /// sub-operation reads its header from it to check the stored bytes before sending them (strict out, STYLE 11).
    /// </summary>
    public IBulkDataSource Part10(StoredInstance instance)
    {
        ArgumentNullException.ThrowIfNull(instance);
        return new StoredBlobSource(blobs, instance.Location.RelativePath);
    }

    /// <summary>The stored Part 10 file of an instance's current version, or null when it is not stored.</summary>
    public async Task<Stream?> OpenInstanceAsync(string sopInstanceUid, CancellationToken cancellationToken = default)
    {
        var instance = await index.FindInstanceAsync(sopInstanceUid, cancellationToken).ConfigureAwait(false);
        return instance is null ? null : blobs.OpenRead(instance.Location.RelativePath);
    }

    /// <summary>
    /// The bytes of frame <paramref name="frame"/> (from 0) as stored: native pixels, or the frame's
    /// fragment values concatenated (the compressed bitstream). Null when the instance is not stored,
    /// has no such frame, or its frames were not indexed (several fragments per frame without an
    /// offset table; deflated or big endian syntaxes).
    /// </summary>
    public async Task<Stream?> OpenFrameAsync(string sopInstanceUid, int frame, CancellationToken cancellationToken = default)
    {
        var instance = await index.FindInstanceAsync(sopInstanceUid, cancellationToken).ConfigureAwait(false);
        if (instance is null)
        {
            return null;
        }

        var frames = FrameIndex.Decode(instance.Location.Frames.Span);
        if (frame < 0 || frame >= frames.Count)
        {
            return null;
        }

        var ranges = frames[frame];
        return ranges.Count == 1
            ? blobs.OpenRead(instance.Location.RelativePath, ranges[0].Offset, ranges[0].Length)
            : new ConcatenatedStream(ranges.Select(range => (Func<Stream>)(() => blobs.OpenRead(instance.Location.RelativePath, range.Offset, range.Length))));
    }
}
