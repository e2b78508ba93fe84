using Tessera.Archive.Storage;

namespace Tessera.Blobs.FileSystem;

/// <summary>
/// A blob of a store with a commit journal: held in memory while it is written, so one the journal can take is committed
/// from there — its record, then the file written (into a spare) and renamed to where it belongs — without a temporary
/// file to fsync and read back. One that outgrows the journal's limit moves to a temporary file and is committed as without a journal.
/// </summary>
/// <remarks>
/// Measured with 1,000 small instances (9 KB) from storescu, builds alternated: server CPU per instance 0.975 → 0.910 ms
/// on one association, 1.35 → 1.26 ms on four (785 → 835 instances/s), where the temporaries' creations and renames had
/// also queued on the one tmp/ folder's lock (perf: rwsem_spin_on_owner).
/// </remarks>
internal sealed class MemoryFirstBlob : ITemporaryBlob
{
    private readonly FileSystemBlobStore _store;
    private readonly SpillStream _stream;

    public MemoryFirstBlob(FileSystemBlobStore store, int limit)
    {
        _store = store;
        _stream = new SpillStream(limit, store.CreateTemporaryFile);
    }

    public Stream Stream => _stream;

    /// <summary>In memory, the journal's record makes it durable at commit: nothing to flush ahead.</summary>
    public Task FlushAsync(CancellationToken cancellationToken) => _stream.Spilled?.FlushAsync(cancellationToken) ?? Task.CompletedTask;

    public ValueTask<BlobSha256> HashAsync(long offset, CancellationToken cancellationToken) =>
        _stream.Spilled is { } file ? file.HashAsync(offset, cancellationToken) : ValueTask.FromResult(BlobHashing.Of(_stream.Content.Span, offset));

    public async ValueTask CommitAsync(string relativePath, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (_stream.Spilled is { } file)
        {
            await file.CommitAsync(relativePath, cancellationToken).ConfigureAwait(false);
            return;
        }

        _store.CommitFromMemory(_stream.Content, relativePath);
    }

    public async ValueTask DisposeAsync()
    {
        var spilled = _stream.Spilled;
        await _stream.DisposeAsync().ConfigureAwait(false);
        if (spilled is not null)
        {
            await spilled.DisposeAsync().ConfigureAwait(false);
        }
    }
}
