using System.Runtime.InteropServices;

namespace Tessera.Blobs.FileSystem;

/// <summary>
/// open(2) itself, for what .NET cannot open (a directory, <see cref="DirectorySync"/>) or opens with more system calls than
/// needed (a new file, <see cref="NewFile"/>). Linux only.
/// </summary>
internal static partial class LinuxOpen
{
    /// <summary>The new descriptor, or -1 with the errno in <see cref="Marshal.GetLastPInvokeError"/>; <paramref name="mode"/> counts with O_CREAT only.</summary>
    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int Open(string path, int flags, int mode);
}
