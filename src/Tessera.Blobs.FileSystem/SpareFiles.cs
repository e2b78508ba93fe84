using System.Collections.Concurrent;

namespace Tessera.Blobs.FileSystem;

/// <summary>
/// Empty files made ahead in <c>spare/</c>, on a thread-pool thread, so that a blob's file exists before the blob does: a
/// store takes one, writes it and renames it into place, and creating a file (the inode's allocation) is off the path that
/// a C-STORE's answer waits on. A file there that is not empty was being written when the process stopped: the sweep of
/// temporaries removes it.
/// </summary>
/// <remarks>
/// On ext4 without a journal, allocating an inode scans past every inode of its group deleted in the last five minutes
/// (the kernel's recently_deleted), a page cache lookup each: after a study was deleted, or a test archive wiped, perf of
/// `tessera serve` put 28% of its CPU for small instances there (0.65 ms an instance). With a journal it costs tens of
/// microseconds, paid here in the background all the same. Measured with 1,000 small instances from storescu after such
/// wipes, builds alternated: one association 359–634 → 410–676 instances/s (+6 to +14% in each pair), four 733–783 →
/// 725–849.
/// </remarks>
internal sealed class SpareFiles : IDisposable
{
    /// <summary>The spares' folder, inside the store's root (rename is atomic only within a file system).</summary>
    public const string Folder = "spare";

    private readonly string _folder;
    private readonly int _count;
    private readonly ConcurrentQueue<string> _ready = new();
    private int _filling;
    private volatile bool _disposed;

    /// <summary>
    /// Keeps <paramref name="count"/> spares in <paramref name="folder"/>, adopting the empty ones already there and making
    /// the rest now, so that a store that takes fewer than half of them never has a file made behind its back.
    /// </summary>
    public SpareFiles(string folder, int count)
    {
        _folder = folder;
        _count = count;
        Directory.CreateDirectory(folder);
        foreach (var file in new DirectoryInfo(folder).EnumerateFiles())
        {
            if (file.Length == 0)
            {
                _ready.Enqueue(file.FullName);
            }
        }

        _filling = 1;
        Fill();
    }

    /// <summary>An empty file of this store's, now the caller's; null when none is ready (create one then).</summary>
    public string? TryTake()
    {
        var taken = _ready.TryDequeue(out var path) ? path : null;
        if (_ready.Count <= _count / 2 && Interlocked.CompareExchange(ref _filling, 1, 0) == 0)
        {
            ThreadPool.UnsafeQueueUserWorkItem(_ => Fill(), null);
        }

        return taken;
    }

    /// <summary>Deletes the files of <paramref name="folder"/> that are not empty (blobs a stop cut short); returns how many.</summary>
    public static int SweepWritten(string folder)
    {
        var count = 0;
        foreach (var file in new DirectoryInfo(folder).EnumerateFiles())
        {
            if (file.Length > 0)
            {
                file.Delete();
                count++;
            }
        }

        return count;
    }

    /// <summary>Stops making spares, and returns once none is being made (so the folder can be deleted after).</summary>
    public void Dispose()
    {
        _disposed = true;
        var wait = new SpinWait();
        while (Volatile.Read(ref _filling) != 0)
        {
            wait.SpinOnce();
        }
    }

    private void Fill()
    {
        try
        {
            while (!_disposed && _ready.Count < _count)
            {
                var path = Path.Combine(_folder, Guid.NewGuid().ToString("N"));
                File.OpenHandle(path, FileMode.CreateNew, FileAccess.Write).Dispose();
                _ready.Enqueue(path);
            }
        }
        catch (IOException)
        {
            // No room for a file: the blobs create their own, and their failure is reported where it counts.
        }
        catch (UnauthorizedAccessException)
        {
        }
        finally
        {
            Volatile.Write(ref _filling, 0);
        }
    }
}
