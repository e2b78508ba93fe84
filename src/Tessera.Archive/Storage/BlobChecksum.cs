using System.Buffers;
using System.Security.Cryptography;

namespace Tessera.Archive.Storage;

/// <summary>Whether a stored blob still holds the bytes its <see cref="BlobLocation"/> recorded: its size and SHA-256.</summary>
public static class BlobChecksum
{
    /// <summary>
    /// 1 MiB: blob streams may read straight from the file, one call per read, and SHA256.HashDataAsync reads 4 KiB at a
    /// time — half a million calls for a 2 GB instance.
    /// </summary>
    private const int ReadSize = 1024 * 1024;

    /// <exception cref="IOException">The blob cannot be read (a missing one: <see cref="FileNotFoundException"/>).</exception>
    public static async Task<bool> MatchesAsync(IBlobStore blobs, BlobLocation location, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(blobs);
        ArgumentNullException.ThrowIfNull(location);
        var stream = blobs.OpenRead(location.RelativePath);
        await using (stream.ConfigureAwait(false))
        {
            if (stream.CanSeek && stream.Length != location.Size)
            {
                return false;
            }

            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            var buffer = ArrayPool<byte>.Shared.Rent(ReadSize);
            try
            {
                int read;
                while ((read = await stream.ReadAsync(buffer.AsMemory(0, ReadSize), cancellationToken).ConfigureAwait(false)) > 0)
                {
                    hash.AppendData(buffer, 0, read);
                }
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }

            return Convert.ToHexStringLower(hash.GetHashAndReset()) == location.FileSha256;
        }
    }
}
