using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace Tessera.Blobs.FileSystem;

/// <summary>
/// Creates a file that must not exist yet, by open(2) itself: .NET's own open adds an fstatfs and an advisory lock
/// (flock) to every file it opens for writing, two system calls more per journaled blob. Linux only, as the journal.
/// </summary>
internal static partial class NewFile
{
    private const int WriteOnly = 0x1; // O_WRONLY
    private const int Create = 0x40; // O_CREAT
    private const int Exclusive = 0x80; // O_EXCL
    private const int CloseOnExec = 0x80000; // O_CLOEXEC
    private const int Exists = 17; // EEXIST
    private const int Permissions = 0x1B6; // 0666, less the umask, as .NET creates files

    /// <summary>The new file, open for writing; null when <paramref name="path"/> exists already.</summary>
    public static SafeFileHandle? TryCreate(string path)
    {
        var file = TryCreate(path, 0, out var errno);
        return file is not null || errno == Exists ? file : throw new IOException($"cannot create {path} (errno {errno})", errno);
    }

    /// <summary>The new file, opened for writing with <paramref name="flags"/> added (O_DIRECT); null and the errno when it cannot be.</summary>
    public static SafeFileHandle? TryCreate(string path, int flags, out int errno)
    {
        var descriptor = Open(path, WriteOnly | Create | Exclusive | CloseOnExec | flags, Permissions);
        if (descriptor >= 0)
        {
            errno = 0;
            return new SafeFileHandle(descriptor, ownsHandle: true);
        }

        errno = Marshal.GetLastPInvokeError();
        return null;
    }

    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Open(string path, int flags, int mode);
}
