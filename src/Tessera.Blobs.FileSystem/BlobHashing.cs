using System.Buffers;
using System.Security.Cryptography;
using Tessera.Archive.Storage;

namespace Tessera.Blobs.FileSystem;

/// <summary>A blob's SHA-256 in two parts (<see cref="BlobSha256"/>), from its bytes in memory or from its file, read once.</summary>
internal static class BlobHashing
{
    private const int ReadSize = 256 * 1024;

    public static BlobSha256 Of(ReadOnlySpan<byte> content, long offset)
    {
        var split = (int)Math.Min(offset, content.Length);
        return new(Convert.ToHexStringLower(SHA256.HashData(content[..split])), Convert.ToHexStringLower(SHA256.HashData(content[split..])));
    }

    /// <summary>
    /// The file's bytes as the page cache holds them (just written: no disk read), through a handle of its own while the
    /// writer's stays open (it shares reading).
    /// </summary>
    public static BlobSha256 OfFile(string path, long offset)
    {
        using var file = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var beforeOffset = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
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
                var head = (int)Math.Clamp(offset - position, 0, read);
                beforeOffset.AppendData(bytes[..head]);
                fromOffset.AppendData(bytes[head..]);
                position += read;
            }

            return new(Convert.ToHexStringLower(beforeOffset.GetHashAndReset()), Convert.ToHexStringLower(fromOffset.GetHashAndReset()));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
