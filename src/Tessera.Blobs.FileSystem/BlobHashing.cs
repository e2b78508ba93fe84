using System.Buffers;
using System.Security.Cryptography;
using Tessera.Archive.Storage;

namespace Tessera.Blobs.FileSystem;

/// <summary>A blob's two SHA-256 (<see cref="BlobSha256"/>), from its bytes in memory or from its file, read once.</summary>
internal static class BlobHashing
{
    private const int ReadSize = 256 * 1024;

    public static BlobSha256 Of(ReadOnlySpan<byte> content, long offset) =>
        new(Convert.ToHexStringLower(SHA256.HashData(content)), Convert.ToHexStringLower(SHA256.HashData(content[(int)Math.Min(offset, content.Length)..])));

    /// <summary>
    /// The file's bytes as the page cache holds them (just written: no disk read), through a handle of its own while the
    /// writer's stays open (it shares reading).
    /// </summary>
    public static BlobSha256 OfFile(string path, long offset)
    {
        using var file = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var whole = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        using var fromOffset = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = ArrayPool<byte>.Shared.Rent(ReadSize);
        try
        {
            for (long position = 0; ; )
            {
                var read = RandomAccess.Read(file, buffer.AsSpan(0, ReadSize), position);
                if (read == 0)
                {
                    break;
                }

                var bytes = buffer.AsSpan(0, read);
                whole.AppendData(bytes);
                if (position + read > offset)
                {
                    fromOffset.AppendData(bytes[(int)Math.Max(0, offset - position)..]);
                }

                position += read;
            }

            return new(Convert.ToHexStringLower(whole.GetHashAndReset()), Convert.ToHexStringLower(fromOffset.GetHashAndReset()));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
