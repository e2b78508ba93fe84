using System.IO.MemoryMappedFiles;
using System.Runtime.InteropServices;

namespace Tessera.Archive.Tests.Support;

/// <summary>How much of a file the page cache holds, by mincore(2) over a mapping of it (mapping reads nothing in). Linux.</summary>
internal static unsafe partial class PageCache
{
    private const int PageSize = 4096;

    public static int ResidentPages(string path)
    {
        var length = new FileInfo(path).Length;
        using var map = MemoryMappedFile.CreateFromFile(path, FileMode.Open, null, 0, MemoryMappedFileAccess.Read);
        using var view = map.CreateViewAccessor(0, length, MemoryMappedFileAccess.Read);
        byte* start = null;
        view.SafeMemoryMappedViewHandle.AcquirePointer(ref start);
        try
        {
            var vector = new byte[(length + PageSize - 1) / PageSize];
            fixed (byte* pages = vector)
            {
                if (Mincore(start, (nuint)length, pages) != 0)
                {
                    throw new IOException($"mincore of {path} failed (errno {Marshal.GetLastPInvokeError()})");
                }
            }

            return vector.Count(page => (page & 1) != 0);
        }
        finally
        {
            view.SafeMemoryMappedViewHandle.ReleasePointer();
        }
    }

    public static int Pages(string path) => (int)((new FileInfo(path).Length + PageSize - 1) / PageSize);

    [LibraryImport("libc", EntryPoint = "mincore", SetLastError = true)]
    private static partial int Mincore(void* address, nuint length, byte* vector);
}
