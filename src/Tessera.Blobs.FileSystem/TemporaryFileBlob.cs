using Tessera.Archive.Storage;

namespace Tessera.Blobs.FileSystem;

/// <summary>A file in tmp/ being written; deleted on dispose unless committed.</summary>
internal sealed class TemporaryFileBlob(FileSystemBlobStore store, string path, FileStream stream) : ITemporaryBlob
{
    private bool _committed;
    private Task? _flush;

    public Stream Stream => stream;

    /// <summary>The buffer's tail is written here, on the caller's thread; only the fsync runs on another.</summary>
    public Task FlushAsync(CancellationToken cancellationToken)
    {
        if (_flush is null)
        {
            stream.Flush(flushToDisk: false);
            _flush = Task.Run(() => store.Flush(stream), cancellationToken);
        }

        return _flush;
    }

    /// <summary>Read back through a handle of its own: the stream is the fsync's while <see cref="FlushAsync"/> runs.</summary>
    public ValueTask<BlobSha256> HashAsync(long offset, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (_flush is null)
        {
            stream.Flush(flushToDisk: false);
        }

        return ValueTask.FromResult(BlobHashing.OfFile(path, offset));
    }

    public async ValueTask CommitAsync(string relativePath, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var flushed = false;
        if (_flush is { } flush)
        {
            await flush.ConfigureAwait(false);
            flushed = true;
        }

        store.Commit(path, stream, relativePath, flushed);
        _committed = true;
    }

    public async ValueTask DisposeAsync()
    {
        if (_flush is { IsCompleted: false } running)
        {
            // The stream is in use on the flushing thread until then; its failure, if any, was the caller's to see.
            await running.ContinueWith(_ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default).ConfigureAwait(false);
        }

        try
        {
            await stream.DisposeAsync().ConfigureAwait(false);
        }
        catch (IOException) when (!_committed)
        {
            // Disk full: closing tries once more to write the buffered tail and fails as the write did. The file is
            // discarded anyway, and the first failure is already on its way to the caller; the delete below must run
            // (regression: every C-STORE refused for a full disk left its temporary behind, filling tmp/ further).
        }
        finally
        {
            if (!_committed)
            {
                File.Delete(path);
            }
        }
    }
}
