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
        await stream.DisposeAsync().ConfigureAwait(false);
        if (!_committed)
        {
            File.Delete(path);
        }
    }
}
