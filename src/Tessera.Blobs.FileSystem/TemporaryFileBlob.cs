using Tessera.Archive.Storage;

namespace Tessera.Blobs.FileSystem;

/// <summary>A file in tmp/ being written; deleted on dispose unless committed.</summary>
internal sealed class TemporaryFileBlob(FileSystemBlobStore store, string path, FileStream stream) : ITemporaryBlob
{
    private bool _committed;

    public Stream Stream => stream;

    public ValueTask CommitAsync(string relativePath, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        store.Commit(path, stream, relativePath);
        _committed = true;
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
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
