using System.Buffers;
using System.Buffers.Binary;

namespace Tessera.Archive.Storage;

/// <summary>Whether a stored blob still holds the bytes its <see cref="BlobLocation"/> recorded: its size and SHA-256.</summary>
public static class BlobChecksum
{
    /// <summary>
    /// 1 MiB: blob streams may read straight from the file, one call per read, and SHA256.HashDataAsync reads 4 KiB at a
    /// time — half a million calls for a 2 GB instance.
    /// </summary>
    private const int ReadSize = 1024 * 1024;

    /// <summary>Preamble (128), "DICM" (4) and the group length element (0002,0000) UL (12) that ingest's File Meta Information starts with.</summary>
    private const int MetaPrefixLength = 144;

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

            var buffer = ArrayPool<byte>.Shared.Rent(ReadSize);
            try
            {
                // A whole-file hash is all the first part; a two-part one splits where the data set starts, which the meta's
                // group length gives (a wrong one fails the meta's hash, which covers it).
                var read = await stream.ReadAtLeastAsync(buffer.AsMemory(0, ReadSize), MetaPrefixLength, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
                var split = long.MaxValue;
                if (location.FileSha256 is null)
                {
                    if (location.MetaSha256 is null || DataSetOffset(buffer.AsSpan(0, read)) is not { } offset)
                    {
                        return false;
                    }

                    split = offset;
                }

                using var sha256 = new BlobSha256Builder(split);

                for (; read > 0; read = await stream.ReadAsync(buffer.AsMemory(0, ReadSize), cancellationToken).ConfigureAwait(false))
                {
                    sha256.Append(buffer.AsSpan(0, read));
                }

                var parts = sha256.ToSha256();
                return location.FileSha256 is { } whole
                    ? parts.BeforeOffset == whole
                    : sha256.Position >= sha256.Split && parts.BeforeOffset == location.MetaSha256 && parts.FromOffset == location.ContentSha256;
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }
    }

    /// <summary>Where the data set of a Part 10 file written by ingest starts, from its meta's group length; null when the file does not start so.</summary>
    private static long? DataSetOffset(ReadOnlySpan<byte> start)
    {
        if (start.Length < MetaPrefixLength
            || !start[128..132].SequenceEqual("DICM"u8)
            || BinaryPrimitives.ReadUInt32LittleEndian(start[132..]) != 0x0000_0002 // (0002,0000): group 0002 then element 0000, each little endian
            || !start[136..138].SequenceEqual("UL"u8)
            || BinaryPrimitives.ReadUInt16LittleEndian(start[138..]) != 4)
        {
            return null;
        }

        return MetaPrefixLength + (long)BinaryPrimitives.ReadUInt32LittleEndian(start[140..]);
    }
}
