using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;
using Tessera.Dicom.IO;

namespace Tessera.Blobs.FileSystem;

/// <summary>
/// A temporary blob that asks the kernel to start writing its pages to disk every <see cref="Stride"/> bytes
/// (sync_file_range(2) with SYNC_FILE_RANGE_WRITE, which does not wait), so that the fsync before the commit finds most of
/// the file on its way already instead of issuing all of it at once.
/// </summary>
/// <remarks>
/// A C-STORE is acknowledged only after that fsync, and an association sends its next instance only then, so the fsync's
/// time is every instance's time. Starting write-back while the data set still arrives overlaps the device's writing with
/// the network's. sync_file_range makes nothing durable by itself (no metadata, no device cache flush): the fsync remains
/// what makes the blob durable. Linux only; elsewhere this is a plain <see cref="InlineWriteFileStream"/>.
/// </remarks>
/// <param name="path">The file.</param>
/// <param name="existing">Whether the file exists (an empty spare) or must not.</param>
internal sealed partial class WritebackFileStream(string path, bool existing)
    : InlineWriteFileStream(path, existing ? FileMode.Open : FileMode.CreateNew, FileShare.Read, BufferSize)
{
    /// <summary>Bytes between two write-back requests: a few per CT slice, none for a small instance.</summary>
    public const int Stride = 256 * 1024;

    private const int BufferSize = 64 * 1024;
    private const uint SyncFileRangeWrite = 2; // SYNC_FILE_RANGE_WRITE

    private long _requested;

    public override void Write(byte[] buffer, int offset, int count)
    {
        base.Write(buffer, offset, count);
        StartWriteback();
    }

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        base.Write(buffer);
        StartWriteback();
    }

    /// <summary>Idempotent (by position), since one overload of FileStream may call the other.</summary>
    private void StartWriteback()
    {
        var written = Position;
        if (written - _requested >= Stride && OperatingSystem.IsLinux())
        {
            // Reading SafeFileHandle flushes FileStream's buffer first, so the whole range is in the page cache. A failure
            // here is no failure of the blob: the fsync reports what matters.
            _ = SyncFileRange(SafeFileHandle, _requested, written - _requested, SyncFileRangeWrite);
            _requested = written;
        }
    }

    [LibraryImport("libc", EntryPoint = "sync_file_range")]
    private static partial int SyncFileRange(SafeFileHandle descriptor, long offset, long count, uint flags);
}
