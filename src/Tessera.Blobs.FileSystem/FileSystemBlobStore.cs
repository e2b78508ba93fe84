using System.Runtime.CompilerServices;
using Tessera.Archive.Storage;
using Tessera.Dicom.IO;

namespace Tessera.Blobs.FileSystem;

/// <summary>
/// Blobs as files under a root folder: committed ones at their relative path, temporaries in
/// <c>tmp/</c> on the same file system, so commit is write, fsync, rename(2), fsync(directory).
/// </summary>
public sealed class FileSystemBlobStore : IBlobStore
{
    /// <summary>Temporaries' folder, inside the root so it is on the same file system (rename is atomic only there).</summary>
    public const string TemporaryFolder = "tmp";

    private readonly FileSystemBlobStoreOptions _options;
    private readonly string _root;
    private readonly string _temporary;

    public FileSystemBlobStore(FileSystemBlobStoreOptions options)
    {
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _root = Path.GetFullPath(options.Root);
        _temporary = Path.Combine(_root, TemporaryFolder);
        Directory.CreateDirectory(_temporary);
    }

    public string StorageId => _options.StorageId;

    public string Root => _root;

    public ValueTask<ITemporaryBlob> CreateTemporaryAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var path = Path.Combine(_temporary, $"{Guid.NewGuid():N}.tmp");

        // Writes go to the page cache on the spooling thread; a durable store starts their write-back as they come.
        FileStream stream = _options.Durable ? new WritebackFileStream(path) : new InlineWriteFileStream(path, FileShare.None, 64 * 1024);
        return ValueTask.FromResult<ITemporaryBlob>(new TemporaryFileBlob(this, path, stream));
    }

    public Stream OpenRead(string relativePath, long offset = 0, long? length = null) => FileWindowStream.Open(FullPath(relativePath), offset, length);

    public bool Exists(string relativePath) => File.Exists(FullPath(relativePath));

    public ValueTask<bool> DeleteAsync(string relativePath, CancellationToken cancellationToken)
    {
        var path = FullPath(relativePath);
        if (!File.Exists(path))
        {
            return ValueTask.FromResult(false);
        }

        File.Delete(path);
        return ValueTask.FromResult(true);
    }

    public async IAsyncEnumerable<string> EnumerateAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await Task.Yield();
        var options = new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = false, AttributesToSkip = FileAttributes.None };
        foreach (var file in Directory.EnumerateFiles(_root, "*", options))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var relative = Path.GetRelativePath(_root, file).Replace(Path.DirectorySeparatorChar, '/');
            if (!relative.StartsWith(TemporaryFolder + "/", StringComparison.Ordinal))
            {
                yield return relative;
            }
        }
    }

    /// <summary>
    /// The files of every folder whose modification time is at or after <paramref name="since"/>: a rename into a folder
    /// changes its time, so a blob committed since then is among them. Only folders are stat'ed, not every file, so after a
    /// crash a million-instance archive is not walked file by file.
    /// </summary>
    public async IAsyncEnumerable<string> EnumerateCommittedSinceAsync(DateTimeOffset since, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await Task.Yield();
        var options = new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = false, AttributesToSkip = FileAttributes.None };
        foreach (var folder in Directory.EnumerateDirectories(_root, "*", options).Prepend(_root))
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (folder == _temporary || Directory.GetLastWriteTimeUtc(folder) < since.UtcDateTime)
            {
                continue;
            }

            foreach (var file in Directory.EnumerateFiles(folder))
            {
                yield return Path.GetRelativePath(_root, file).Replace(Path.DirectorySeparatorChar, '/');
            }
        }
    }

    /// <summary>The file's modification time: its last write before the rename, which keeps it.</summary>
    public ValueTask<DateTimeOffset?> CommittedAtAsync(string relativePath, CancellationToken cancellationToken)
    {
        var path = FullPath(relativePath);
        return ValueTask.FromResult<DateTimeOffset?>(File.Exists(path) ? new DateTimeOffset(File.GetLastWriteTimeUtc(path), TimeSpan.Zero) : null);
    }

    public ValueTask<int> SweepTemporariesAsync(CancellationToken cancellationToken)
    {
        var count = 0;
        foreach (var file in Directory.EnumerateFiles(_temporary))
        {
            cancellationToken.ThrowIfCancellationRequested();
            File.Delete(file);
            count++;
        }

        return ValueTask.FromResult(count);
    }

    /// <summary>The first step of a commit, which <see cref="TemporaryFileBlob.FlushAsync"/> runs ahead: fsync the file.</summary>
    internal void Flush(FileStream stream) => stream.Flush(flushToDisk: _options.Durable);

    /// <summary>Commit: fsync the file (unless <paramref name="flushed"/> already), create the folders, rename, fsync the folder (and new parents).</summary>
    internal void Commit(string temporaryPath, FileStream stream, string relativePath, bool flushed)
    {
        var target = FullPath(relativePath);
        if (!flushed)
        {
            Flush(stream);
        }

        stream.Dispose();
        var directory = Path.GetDirectoryName(target)!;
        var created = CreateDirectories(directory);
        File.Move(temporaryPath, target, overwrite: true);
        if (_options.Durable)
        {
            DirectorySync.Sync(directory);
            foreach (var parent in created)
            {
                // A new folder's own name lives in its parent: sync it too, or the folder may vanish on power loss.
                DirectorySync.Sync(parent);
            }
        }
    }

    /// <summary>The parents of the folders created, deepest first, so they can be synced.</summary>
    private List<string> CreateDirectories(string directory)
    {
        var missing = new List<string>();
        for (var current = directory; !Directory.Exists(current); current = Path.GetDirectoryName(current)!)
        {
            missing.Add(Path.GetDirectoryName(current)!);
        }

        if (missing.Count > 0)
        {
            Directory.CreateDirectory(directory);
        }

        return missing;
    }

    /// <summary>
    /// The absolute path of a relative one, refusing anything that would leave the root: the archive
    /// derives names from validated UIDs, and this is the second line of defence.
    /// </summary>
    private string FullPath(string relativePath)
    {
        ArgumentException.ThrowIfNullOrEmpty(relativePath);
        if (Path.IsPathRooted(relativePath) || relativePath.Contains('\\', StringComparison.Ordinal) || relativePath.Contains('\0', StringComparison.Ordinal)
            || relativePath.Split('/').Any(part => part is "" or "." or ".."))
        {
            throw new ArgumentException($"'{relativePath}' is not a relative blob path", nameof(relativePath));
        }

        var full = Path.GetFullPath(Path.Combine(_root, relativePath));
        if (!full.StartsWith(_root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            throw new ArgumentException($"'{relativePath}' leaves the store", nameof(relativePath));
        }

        return full;
    }
}
