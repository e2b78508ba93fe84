using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace Tessera.Blobs.FileSystem;

/// <summary>
/// The Linux flushes .NET has no API for: fdatasync(2), which leaves out metadata that reading the data back does not need
/// (a write's modification time), and syncfs(2), which makes a whole file system durable at once. Linux only.
/// </summary>
internal static partial class FileSync
{
    public static void DataSync(SafeFileHandle file, string what)
    {
        if (Fdatasync(file) != 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            throw new IOException($"fdatasync of {what} failed (errno {errno})", errno);
        }
    }

    public static void FullSync(SafeFileHandle file, string what)
    {
        if (Fsync(file) != 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            throw new IOException($"fsync of {what} failed (errno {errno})", errno);
        }
    }

    /// <summary>Every file, name and folder of the file system <paramref name="file"/> lives on, durable when it returns.</summary>
    public static void FileSystemSync(SafeFileHandle file, string what)
    {
        if (Syncfs(file) != 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            throw new IOException($"syncfs of the file system of {what} failed (errno {errno})", errno);
        }
    }

    [LibraryImport("libc", EntryPoint = "fdatasync", SetLastError = true)]
    private static partial int Fdatasync(SafeFileHandle descriptor);

    [LibraryImport("libc", EntryPoint = "fsync", SetLastError = true)]
    private static partial int Fsync(SafeFileHandle descriptor);

    [LibraryImport("libc", EntryPoint = "syncfs", SetLastError = true)]
    private static partial int Syncfs(SafeFileHandle descriptor);
}
