using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace Tessera.Blobs.FileSystem;

/// <summary>
/// Creates a file that must not exist yet, by open(2) itself: .NET's own open adds an fstatfs and an advisory lock
/// (flock) to every file it opens for writing, two system calls more per journaled blob. Linux only, as the journal.
/// </summary>
internal static class NewFile
{
    private const int WriteOnly = 0x1; // O_WRONLY
    private const int Create = 0x40; // O_CREAT
    private const int Exclusive = 0x80; // O_EXCL
    private const int CloseOnExec = 0x80000; // O_CLOEXEC
    private const int Exists = 17; // EEXIST
    private const int Permissions = 0x1B6; // 0666, less the umask, as .NET creates files

    /// <summary>An existing file (a spare), open for writing.</summary>
    public static SafeFileHandle OpenExisting(string path)
    {
        var descriptor = LinuxOpen.Open(path, WriteOnly | CloseOnExec, 0);
        return descriptor >= 0
            ? new SafeFileHandle(descriptor, ownsHandle: true)
            : throw new IOException($"cannot open {path} (errno {Marshal.GetLastPInvokeError()})", Marshal.GetLastPInvokeError());
    }

    /// <summary>The new file, open for writing; null when <paramref name="path"/> exists already.</summary>
    public static SafeFileHandle? TryCreate(string path)
    {
        var descriptor = LinuxOpen.Open(path, WriteOnly | Create | Exclusive | CloseOnExec, Permissions);
        if (descriptor >= 0)
        {
            return new SafeFileHandle(descriptor, ownsHandle: true);
        }

        var errno = Marshal.GetLastPInvokeError();
        return errno == Exists ? null : throw new IOException($"cannot create {path} (errno {errno})", errno);
    }
}
