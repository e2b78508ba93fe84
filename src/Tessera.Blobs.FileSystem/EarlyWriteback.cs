using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace Tessera.Blobs.FileSystem;

/// <summary>
/// sync_file_range(2) with SYNC_FILE_RANGE_WRITE: asks Linux to start writing a range of a file to the disk now,
/// without waiting. An instance is received in 64 KiB pieces over a millisecond or more; starting each piece's
/// write-back as it lands means the fsync at commit only waits for the tail and the journal, not for the
/// whole file. It is a hint, not a durability guarantee: commit still fsyncs.
/// </summary>
internal static partial class EarlyWriteback
{
    private const uint SyncFileRangeWrite = 2; // SYNC_FILE_RANGE_WRITE

    /// <summary>Starts write-back of [offset, offset+count); errors are ignored (the fsync at commit reports them).</summary>
    public static void Start(SafeFileHandle handle, long offset, long count)
    {
        if (!OperatingSystem.IsLinux() || count <= 0)
        {
            return;
        }

        var added = false;
        handle.DangerousAddRef(ref added);
        try
        {
            _ = SyncFileRange((int)handle.DangerousGetHandle(), offset, count, SyncFileRangeWrite);
        }
        finally
        {
            if (added)
            {
                handle.DangerousRelease();
            }
        }
    }

    [LibraryImport("libc", EntryPoint = "sync_file_range")]
    private static partial int SyncFileRange(int descriptor, long offset, long count, uint flags);
}
