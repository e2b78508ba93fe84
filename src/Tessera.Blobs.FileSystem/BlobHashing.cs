using System.Buffers;
using Tessera.Archive.Storage;

namespace Tessera.Blobs.FileSystem;

/// <summary>A blob's SHA-256 in two parts (<see cref="BlobSha256"/>), from its bytes in memory or from its file, read once.</summary>
internal static class BlobHashing
{
    private const int ReadSize = 256 * 1024;

    public static BlobSha256 Of(ReadOnlySpan<byte> content, long offset)
    {
        using var sha256 = new BlobSha256Builder(offset);
        sha256.Append(content);
        return sha256.ToSha256();
    }

    /// <summary>
    /// The file's bytes as the page cache holds them (just written: no disk read), through a handle of its own while the
    /// writer's stays open (it shares reading).
    /// </summary>
    public static BlobSha256 OfFile(string path, long offset)
    {
        using var file = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var sha256 = new BlobSha256Builder(offset);
        var buffer = ArrayPool<byte>.Shared.Rent(ReadSize);
        try
        {
            int read;
            while ((read = RandomAccess.Read(file, buffer.AsSpan(0, ReadSize), sha256.Position)) > 0)
            {
                sha256.Append(buffer.AsSpan(0, read));
            }

            return sha256.ToSha256();
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
