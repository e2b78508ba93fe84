using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace Tessera.Blobs.FileSystem;

/// <summary>
/// fsync(2) of a directory, which .NET cannot open (FileSync does the fsync): after a rename the new name is durable only
/// once its directory is synced (POSIX; ext4, XFS and btrfs need it). On Windows NTFS journals the
/// rename itself (MoveFileEx with MOVEFILE_WRITE_THROUGH semantics are the closest); nothing to do.
/// </summary>
internal static class DirectorySync
{
    private const int ReadOnly = 0; // O_RDONLY

    /// <summary>O_DIRECTORY: 0200000 in Linux's generic flags (x64), 040000 on ARM, where 0200000 is O_DIRECT.</summary>
    private static readonly int DirectoryFlag = RuntimeInformation.ProcessArchitecture is Architecture.Arm64 or Architecture.Arm ? 0x4000 : 0x10000;

    public static void Sync(string directory)
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        var descriptor = LinuxOpen.Open(directory, ReadOnly | DirectoryFlag, mode: 0);
        if (descriptor < 0)
        {
            throw new IOException($"cannot open directory {directory} to sync it (errno {Marshal.GetLastPInvokeError()})");
        }

        using var handle = new SafeFileHandle(descriptor, ownsHandle: true);
        FileSync.FullSync(handle, $"directory {directory}");
    }
}
