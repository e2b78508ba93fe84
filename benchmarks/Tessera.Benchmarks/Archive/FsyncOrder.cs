using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Tessera.Benchmarks.Archive;

/// <summary>
/// The blob commit's file-system steps on their own, 512 KiB files, two orders alternated so the
/// shared disk's noise hits both alike: fsync → rename → fsync(dir) (the store's order) and
/// rename → fsync → fsync(dir) (one journal commit may then carry both the data and the new name).
/// </summary>
internal static partial class FsyncOrder
{
    public static void Run(string folder, int rounds, ResultTable table)
    {
        var directory = Path.Combine(folder, "fsync-order");
        Directory.CreateDirectory(directory);
        var payload = new byte[512 * 1024];
        var spans = new Spans();
        for (var i = 0; i < rounds * 2; i++)
        {
            var renameFirst = i % 2 == 1;
            var temporary = Path.Combine(directory, $"{i}.tmp");
            var target = Path.Combine(directory, $"{i}.dcm");
            var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 64 * 1024);
            stream.Write(payload);
            var start = Stopwatch.GetTimestamp();
            if (renameFirst)
            {
                File.Move(temporary, target);
                stream.Flush(flushToDisk: true);
            }
            else
            {
                stream.Flush(flushToDisk: true);
                File.Move(temporary, target);
            }

            var synced = Stopwatch.GetTimestamp();
            SyncDirectory(directory);
            spans.Add(renameFirst ? "rename_first_total" : "fsync_first_total", start);
            spans.Add(renameFirst ? "rename_first_dir" : "fsync_first_dir", synced);
            stream.Dispose();
        }

        foreach (var name in new[] { "fsync_first_total", "fsync_first_dir", "rename_first_total", "rename_first_dir" })
        {
            table.Add($"blob_steps_{name}", spans.Milliseconds(name) / rounds, "ms", name.EndsWith("dir", StringComparison.Ordinal) ? "of which fsync(directory)" : "fsync(file) + rename + fsync(directory), 512 KiB");
        }
    }

    private static void SyncDirectory(string directory)
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        var descriptor = Open(directory, 0x10000);
        _ = Fsync(descriptor);
        _ = Close(descriptor);
    }

    [LibraryImport("libc", EntryPoint = "open", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Open(string path, int flags);

    [LibraryImport("libc", EntryPoint = "fsync")]
    private static partial int Fsync(int descriptor);

    [LibraryImport("libc", EntryPoint = "close")]
    private static partial int Close(int descriptor);
}
