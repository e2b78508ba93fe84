using System.Runtime.InteropServices;

namespace Tessera.Blobs.FileSystem;

/// <summary>
/// fsync(2) of a directory, which .NET has no API for: after a rename the new name is durable only
/// once its directory is synced (POSIX; ext4, XFS and btrfs need it). On Windows NTFS journals the
/// rename itself (MoveFileEx with MOVEFILE_WRITE_THROUGH semantics are the closest); nothing to do.
/// </summary>
internal static partial class DirectorySync
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

        var descriptor = Open(directory, ReadOnly | DirectoryFlag);
        if (descriptor < 0)
        {
            throw new IOException($"cannot open directory {directory} to sync it (errno {Marshal.GetLastPInvokeError()})");
        }

        try
        {
            if (Fsync(descriptor) != 0)
            {
                var errno = Marshal.GetLastPInvokeError();
                throw new IOException($"fsync of directory {directory} failed (errno {errno})", errno);
            }
        }
        finally
        {
            _ = Close(descriptor);
        }
    }

    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Open(string path, int flags);

    [LibraryImport("libc", EntryPoint = "fsync", SetLastError = true)]
    private static partial int Fsync(int descriptor);

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    private static partial int Close(int descriptor);
}
