using Microsoft.Win32.SafeHandles;

namespace Tessera.Dicom.IO;

/// <summary>
/// A read-only, seekable window of a file that does not change while it is read (an archive's committed blob, a file being
/// sent), read with positioned reads (pread(2)) on the caller's thread, also from <see cref="ReadAsync(Memory{byte}, CancellationToken)"/>.
/// </summary>
/// <remarks>
/// Linux has no asynchronous buffered file read: .NET's FileStream.ReadAsync runs the same blocking read on a thread-pool
/// thread, after handing the work over and waking one. A C-STORE sub-operation of a small instance read three times that
/// way (the header, the data set, the end of the file) and so woke threads three times for reads that find their pages
/// in the cache in microseconds. Reading here blocks this thread exactly as long as that one would have been blocked.
/// No buffer of its own: callers read in fragments of tens of KiB; the end is known from the start, without a read.
/// </remarks>
public sealed class FileWindowStream : Stream
{
    private readonly SafeFileHandle _handle;
    private readonly long _start;
    private readonly long _end;
    private long _position;

    private FileWindowStream(SafeFileHandle handle, long offset, long? length)
    {
        _handle = handle;
        var fileLength = RandomAccess.GetLength(handle);
        _start = Math.Min(offset, fileLength);
        _end = length is { } count ? Math.Min(fileLength, _start + count) : fileLength;
        _position = _start;
    }

    /// <summary>
    /// The window [<paramref name="offset"/>, <paramref name="offset"/> + <paramref name="length"/>) of the file (to its end
    /// when null), clipped to the file. Others may read, write or delete the file meanwhile; the window stays what it was.
    /// </summary>
    /// <exception cref="FileNotFoundException">No file at <paramref name="path"/>.</exception>
    public static FileWindowStream Open(string path, long offset = 0, long? length = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        try
        {
            return new FileWindowStream(handle, offset, length);
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }

    public override bool CanRead => !_handle.IsClosed;

    public override bool CanSeek => !_handle.IsClosed;

    public override bool CanWrite => false;

    public override long Length => _end - _start;

    public override long Position
    {
        get => _position - _start;
        set => Seek(value, SeekOrigin.Begin);
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        ObjectDisposedException.ThrowIf(_handle.IsClosed, this);
        var wanted = (int)Math.Min(buffer.Length, _end - _position);
        if (wanted <= 0)
        {
            return 0;
        }

        var read = RandomAccess.Read(_handle, buffer[..wanted], _position);
        _position += read;
        return read;
    }

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return ValueTask.FromCanceled<int>(cancellationToken);
        }

        try
        {
            return ValueTask.FromResult(Read(buffer.Span));
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException or UnauthorizedAccessException)
        {
            return ValueTask.FromException<int>(ex);
        }
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override long Seek(long offset, SeekOrigin origin)
    {
        ObjectDisposedException.ThrowIf(_handle.IsClosed, this);
        var target = origin switch
        {
            SeekOrigin.Begin => _start + offset,
            SeekOrigin.Current => _position + offset,
            SeekOrigin.End => _end + offset,
            _ => throw new ArgumentOutOfRangeException(nameof(origin)),
        };
        if (target < _start)
        {
            throw new IOException("Seek before the start of the window");
        }

        _position = target;
        return _position - _start;
    }

    public override void Flush()
    {
    }

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _handle.Dispose();
        }

        base.Dispose(disposing);
    }
}
