using System.Runtime.InteropServices;

namespace Tessera.Dicom.IO;

/// <summary>
/// A file written front to back whose asynchronous writes and flushes run on the caller's thread, as the synchronous
/// ones do: what a received instance is spooled into (the archive's temporary blob, `tessera receive`'s file).
/// </summary>
/// <remarks>
/// Linux has no asynchronous buffered file write: .NET's FileStream.WriteAsync runs the same blocking write(2) on a
/// thread-pool thread, after queueing the work and waking one, and the writer continues wherever that ended. A 512x512 CT
/// slice spooled in 64 KiB pieces so made nine such hand-overs per instance, each a wake-up and two lock exchanges (strace
/// of `tessera serve`), for writes the page cache takes in tens of microseconds. Writing here blocks this thread exactly
/// as long as that one would have been blocked. Flushing to disk (fsync) stays the caller's to schedule.
/// </remarks>
public class InlineWriteFileStream : FileStream
{
    /// <summary>Creates <paramref name="path"/>, which must not exist.</summary>
    /// <param name="path">The new file.</param>
    /// <param name="share">What others may do with the file while it is open.</param>
    /// <param name="bufferSize">Bytes gathered before a write(2); writes at least this long go straight to the file.</param>
    public InlineWriteFileStream(string path, FileShare share, int bufferSize)
        : this(path, FileMode.CreateNew, share, bufferSize)
    {
    }

    /// <summary>Opens <paramref name="path"/> as <paramref name="mode"/> says, to write it front to back.</summary>
    /// <param name="path">The file.</param>
    /// <param name="mode">CreateNew, or Open for a file made ahead, empty.</param>
    /// <param name="share">What others may do with the file while it is open.</param>
    /// <param name="bufferSize">Bytes gathered before a write(2); writes at least this long go straight to the file.</param>
    public InlineWriteFileStream(string path, FileMode mode, FileShare share, int bufferSize)
        : base(path, mode, FileAccess.Write, share, bufferSize, FileOptions.None)
    {
    }

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return ValueTask.FromCanceled(cancellationToken);
        }

        try
        {
            // An array goes to Write(byte[], ...): FileStream's span overload, in a derived class, copies into a rented array.
            if (MemoryMarshal.TryGetArray(buffer, out var array))
            {
                Write(array.Array!, array.Offset, array.Count);
            }
            else
            {
                Write(buffer.Span);
            }

            return ValueTask.CompletedTask;
        }
        catch (Exception exception)
        {
            return ValueTask.FromException(exception);
        }
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override Task FlushAsync(CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled(cancellationToken);
        }

        try
        {
            Flush();
            return Task.CompletedTask;
        }
        catch (Exception exception)
        {
            return Task.FromException(exception);
        }
    }
}
