using System.Buffers;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Tessera.Archive.Storage;
using Tessera.Dicom.IO;

namespace Tessera.Blobs.FileSystem;

/// <summary>
/// Blobs as files under a root folder: committed ones at their relative path, temporaries in files made ahead
/// (<c>spare/</c>, <see cref="SpareFiles"/>) or in <c>tmp/</c>, on the same file system, so commit is write, fsync,
/// rename(2), fsync(directory) — or, for a blob up to <see cref="FileSystemBlobStoreOptions.CommitJournalBlobLimit"/> on
/// Linux, held in memory (<see cref="MemoryFirstBlob"/>), a record in the commit journal (<c>journal/</c>), then the file
/// written and renamed to its name, the journal's fdatasync standing for the fsyncs until its next checkpoint. A synced
/// file leaves the page cache (<see cref="PageCacheWindow"/>).
/// </summary>
public sealed class FileSystemBlobStore : IBlobStore, IDisposable
{
    /// <summary>Temporaries' folder, inside the root so it is on the same file system (rename is atomic only there).</summary>
    public const string TemporaryFolder = "tmp";

    /// <summary>Spare files kept ahead (<see cref="SpareFiles"/>): more than four associations take between two refills.</summary>
    private const int SpareCount = 32;

    private readonly FileSystemBlobStoreOptions _options;
    private readonly string _root;
    private readonly string _temporary;
    private readonly string _journalFolder;
    private readonly string _spareFolder;
    private readonly CommitJournal? _journal;
    private readonly SpareFiles? _spares;
    private readonly PageCacheWindow? _pageCache;
    private readonly ILogger _logger;

    /// <summary>Whether the last journal commit fell back to fsync: the fallback is logged when it starts, not per file.</summary>
    private int _journalUnavailable;

    /// <summary>Opens the store; a commit journal left by a crash is played back first (<see cref="ReplayedCommits"/>).</summary>
    public FileSystemBlobStore(FileSystemBlobStoreOptions options, ILogger<FileSystemBlobStore>? logger = null)
    {
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _logger = logger ?? (ILogger)NullLogger.Instance;
        _root = Path.GetFullPath(options.Root);
        _temporary = Path.Combine(_root, TemporaryFolder);
        _journalFolder = Path.Combine(_root, CommitJournal.Folder);
        _spareFolder = Path.Combine(_root, SpareFiles.Folder);
        Directory.CreateDirectory(_temporary);
        if (options.Durable)
        {
            _spares = new SpareFiles(_spareFolder, SpareCount);
            if (options.PageCacheWindow >= 0 && OperatingSystem.IsLinux())
            {
                _pageCache = new PageCacheWindow(options.PageCacheWindow);
            }
        }

        if (options is { Durable: true, CommitJournalBlobLimit: > 0 } && OperatingSystem.IsLinux())
        {
            if (options.CommitJournalBlobLimit > CommitJournal.MaxContentLength(options.CommitJournalCapacity))
            {
                throw new ArgumentException("the commit journal's capacity must hold a record of its largest blob", nameof(options));
            }

            _journal = new CommitJournal(_journalFolder, options.CommitJournalCapacity);
            ReplayedCommits = Replay(_journal);
        }
    }

    public string StorageId => _options.StorageId;

    /// <summary>Blobs the commit journal held that were missing or different on disk when the store was opened, written again.</summary>
    public int ReplayedCommits { get; }

    public string Root => _root;

    public ValueTask<ITemporaryBlob> CreateTemporaryAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult<ITemporaryBlob>(_journal is null ? CreateTemporaryFile() : new MemoryFirstBlob(this, _options.CommitJournalBlobLimit));
    }

    public Stream OpenRead(string relativePath, long offset = 0, long? length = null) => FileWindowStream.Open(FullPath(relativePath), offset, length);

    public bool Exists(string relativePath) => File.Exists(FullPath(relativePath));

    /// <summary>
    /// Readahead of the whole file (posix_fadvise WILLNEED), when the store drops blobs from the page cache; not for one the
    /// commit journal takes, which is not dropped (three system calls for nothing).
    /// </summary>
    public void WillRead(string relativePath, long length)
    {
        if (_pageCache is not null && (_journal is null || length > _options.CommitJournalBlobLimit))
        {
            PageCacheWindow.WillRead(FullPath(relativePath));
        }
    }

    public ValueTask<bool> DeleteAsync(string relativePath, CancellationToken cancellationToken)
    {
        var path = FullPath(relativePath);
        if (!File.Exists(path))
        {
            return ValueTask.FromResult(false);
        }

        if (_journal is null)
        {
            File.Delete(path);
        }
        else
        {
            // Recorded first, so that a replay of an earlier record for this path does not bring the file back.
            var deleted = false;
            try
            {
                _journal.AppendDeletion(relativePath, () =>
                {
                    File.Delete(path);
                    deleted = true;
                });
            }
            catch (IOException) when (!deleted)
            {
                // The journal cannot take the record (a full disk, a failed sync): delete anyway, as without a journal.
                File.Delete(path);
            }
        }

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
            if (!IsOwnFolder(relative))
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
            if (folder == _temporary || folder == _journalFolder || folder == _spareFolder || Directory.GetLastWriteTimeUtc(folder) < since.UtcDateTime)
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

        if (Directory.Exists(_spareFolder))
        {
            count += SpareFiles.SweepWritten(_spareFolder);
        }

        return ValueTask.FromResult(count);
    }

    public void Dispose()
    {
        _spares?.Dispose();
        _journal?.Dispose();
    }

    /// <summary>A file to write a blob into (a spare, else a new one in tmp/), committed by fsync and rename.</summary>
    internal TemporaryFileBlob CreateTemporaryFile()
    {
        var spare = _spares?.TryTake();
        var path = spare ?? NewTemporaryPath();

        // Writes go to the page cache on the spooling thread; a durable store starts their write-back as they come.
        FileStream stream = _options.Durable ? new WritebackFileStream(path, existing: spare is not null) : new InlineWriteFileStream(path, FileShare.Read, 64 * 1024);
        return new TemporaryFileBlob(this, path, stream);
    }

    /// <summary>The first step of a commit, which <see cref="TemporaryFileBlob.FlushAsync"/> runs ahead: fsync the file.</summary>
    internal void Flush(FileStream stream) => stream.Flush(flushToDisk: _options.Durable);

    /// <summary>Commit: fsync the file (unless <paramref name="flushed"/> already), create the folders, rename, fsync the folder (and new parents).</summary>
    internal void Commit(string temporaryPath, FileStream stream, string relativePath, bool flushed)
    {
        if (!flushed)
        {
            Flush(stream);
        }

        var target = FullPath(relativePath);
        _pageCache?.Synced(target, stream.SafeFileHandle, stream.Length);
        stream.Dispose();
        MoveIntoPlace(temporaryPath, target);
    }

    /// <summary>Creates the folders, renames, and (durable store) fsyncs the folder and the parents of new ones.</summary>
    private void MoveIntoPlace(string temporaryPath, string target)
    {
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

    /// <summary>
    /// A blob held in memory (<see cref="MemoryFirstBlob"/>): its bytes and name go into the journal, and once they are
    /// durable the file is written where it belongs, unsynced; the journal holds back any checkpoint until then, so that
    /// every journaled file is written when syncfs runs. Without a journal that takes it (a full disk, a failed sync), it is
    /// written and committed as a temporary file.
    /// </summary>
    internal void CommitFromMemory(ReadOnlyMemory<byte> content, string relativePath)
    {
        var target = FullPath(relativePath);
        var directory = Path.GetDirectoryName(target)!;
        var written = false;
        try
        {
            _journal!.Append(relativePath, content.Span, DateTime.UtcNow, () =>
            {
                // New folders are not synced either: the journal names the file, and a replay creates them again.
                CreateDirectories(directory);
                WriteInPlace(target, content.Span);
                written = true;
            });
            Volatile.Write(ref _journalUnavailable, 0);
        }
        catch (IOException exception) when (!written)
        {
            if (Interlocked.Exchange(ref _journalUnavailable, 1) == 0)
            {
                BlobStoreLog.JournalUnavailable(_logger, exception.Message);
            }

            // No room to create or grow the journal, or it failed to sync (or the file could not be written): the other
            // way needs no new journal space. A record that did reach the disk names the same bytes.
            ReplaceWhole(target, content.Span, durable: true);
        }
    }

    /// <summary>
    /// A journaled blob's file, written into a spare renamed to its name, or (none ready) created at its name: its record
    /// is durable, so a crash in the middle leaves a file the replay writes again. A file already there (the same bytes:
    /// its name holds a hash of them) may be being read, so it is replaced whole, by a rename.
    /// </summary>
    private void WriteInPlace(string target, ReadOnlySpan<byte> content)
    {
        if (_spares?.TryTake() is { } spare)
        {
            WriteSpare(spare, target, content);
            return;
        }

        if (NewFile.TryCreate(target) is not { } file)
        {
            ReplaceWhole(target, content, durable: false);
            return;
        }

        using (file)
        {
            try
            {
                RandomAccess.Write(file, content, 0);
            }
            catch
            {
                // Ours (created just now) and not whole: a file system without room leaves no partial blob behind.
                File.Delete(target);
                throw;
            }
        }
    }

    /// <summary>A spare file written and renamed over <paramref name="target"/>, whole at its name or not there.</summary>
    private static void WriteSpare(string spare, string target, ReadOnlySpan<byte> content)
    {
        try
        {
            using (var file = NewFile.OpenExisting(spare))
            {
                RandomAccess.Write(file, content, 0);
            }

            File.Move(spare, target, overwrite: true);
        }
        catch
        {
            File.Delete(spare);
            throw;
        }
    }

    /// <summary>
    /// Writes <paramref name="content"/> to a new temporary file (dated <paramref name="modified"/> when given) and renames it
    /// over <paramref name="target"/>, so that a reader never sees the target cut short; <paramref name="durable"/>: the file
    /// is fsynced before the rename, and its folders after it (<see cref="MoveIntoPlace"/>). The temporary file does not
    /// outlive a failure.
    /// </summary>
    private void ReplaceWhole(string target, ReadOnlySpan<byte> content, bool durable, DateTime? modified = null)
    {
        var temporaryPath = NewTemporaryPath();
        try
        {
            using (var file = File.OpenHandle(temporaryPath, FileMode.CreateNew, FileAccess.ReadWrite))
            {
                RandomAccess.Write(file, content, 0);
                if (modified is { } time)
                {
                    File.SetLastWriteTimeUtc(file, time);
                }

                if (durable)
                {
                    FileSync.FullSync(file, temporaryPath);
                }
            }

            if (durable)
            {
                MoveIntoPlace(temporaryPath, target);
            }
            else
            {
                File.Move(temporaryPath, target, overwrite: true);
            }
        }
        catch
        {
            File.Delete(temporaryPath);
            throw;
        }
    }

    /// <summary>Whether a relative path is in one of the store's own folders, whose files are no blobs.</summary>
    private static bool IsOwnFolder(string relativePath) =>
        relativePath.StartsWith(TemporaryFolder + "/", StringComparison.Ordinal)
        || relativePath.StartsWith(CommitJournal.Folder + "/", StringComparison.Ordinal)
        || relativePath.StartsWith(SpareFiles.Folder + "/", StringComparison.Ordinal);

    private string NewTemporaryPath() => Path.Combine(_temporary, $"{Guid.NewGuid():N}.tmp");

    /// <summary>
    /// Writes again, durably (fsync, rename, fsync of the folders), every journaled blob that is missing or different on
    /// disk — a crash before the checkpoint can lose a rename or the bytes of a file — then checkpoints.
    /// </summary>
    private int Replay(CommitJournal journal)
    {
        // The last record of each path decides: a blob deleted after its commit stays deleted.
        var last = new Dictionary<string, JournalRecord>(StringComparer.Ordinal);
        foreach (var record in journal.Pending())
        {
            last[record.RelativePath] = record;
        }

        var replayed = 0;
        foreach (var record in last.Values.Where(r => !r.Deleted).OrderBy(r => r.CommittedAtUtc))
        {
            var target = FullPath(record.RelativePath);
            if (HasContent(target, record.Content.Span))
            {
                continue;
            }

            // The commit time stays the file's time, as after a commit without a crash (recovery orders versions by it).
            ReplaceWhole(target, record.Content.Span, durable: true, record.CommittedAtUtc);
            replayed++;
        }

        foreach (var record in last.Values.Where(r => r.Deleted))
        {
            // A delete recorded but perhaps not done, or undone by the crash.
            File.Delete(FullPath(record.RelativePath));
        }

        journal.Checkpoint();
        return replayed;
    }

    private static bool HasContent(string path, ReadOnlySpan<byte> content)
    {
        if (!File.Exists(path))
        {
            return false;
        }

        using var file = File.OpenHandle(path);
        if (RandomAccess.GetLength(file) != content.Length)
        {
            return false;
        }

        var buffer = ArrayPool<byte>.Shared.Rent(64 * 1024);
        try
        {
            for (var offset = 0; offset < content.Length;)
            {
                var count = RandomAccess.Read(file, buffer.AsSpan(0, Math.Min(buffer.Length, content.Length - offset)), offset);
                if (count <= 0 || !buffer.AsSpan(0, count).SequenceEqual(content.Slice(offset, count)))
                {
                    return false;
                }

                offset += count;
            }

            return true;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
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
