using System.Buffers.Binary;
using Tessera.Archive.Storage;

namespace Tessera.Archive.Dimse;

/// <summary>
/// The data set of a stored Part 10 blob, as a C-STORE sub-operation sends it: the blob after its preamble, "DICM"
/// and File Meta Information group, whose length (0002,0000) the archive always writes (PS3.10 7.1).
/// </summary>
internal static class StoredDataSet
{
    // 128-byte preamble, "DICM", then (0002,0000) UL in Explicit VR Little Endian: tag 4, VR 2, length 2, value 4.
    private const int HeaderLength = 128 + 4 + 12;

    public static async ValueTask<Stream> OpenAsync(IBlobStore blobs, BlobLocation location, CancellationToken cancellationToken)
    {
        var header = new byte[HeaderLength];
        var stream = blobs.OpenRead(location.RelativePath);
        try
        {
            await stream.ReadExactlyAsync(header, cancellationToken).ConfigureAwait(false);
            var span = header.AsSpan();
            if (!span.Slice(128, 4).SequenceEqual("DICM"u8)
                || BinaryPrimitives.ReadUInt16LittleEndian(span[132..]) != 0x0002
                || BinaryPrimitives.ReadUInt16LittleEndian(span[134..]) != 0x0000)
            {
                throw new InvalidDataException($"{location.RelativePath}: not a Part 10 file with File Meta Information Group Length");
            }

            var dataSetOffset = HeaderLength + BinaryPrimitives.ReadUInt32LittleEndian(span[140..]);
            if (stream.CanSeek)
            {
                // One open per sub-operation: the same stream goes on from the data set.
                stream.Seek(dataSetOffset, SeekOrigin.Begin);
                return stream;
            }

            await stream.DisposeAsync().ConfigureAwait(false);
            return blobs.OpenRead(location.RelativePath, dataSetOffset);
        }
        catch
        {
            await stream.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }
}
