using System.Buffers;

namespace Tessera.Dicom.Serialization;

/// <summary>
/// A value handed out in chunks through one pooled buffer, for the base64 output of the JSON and XML writers: a bulk
/// data value is read from its source as it goes, so a multi-gigabyte pixel data value never sits in memory.
/// </summary>
internal static class ValueChunks
{
    /// <summary>48 KiB, a multiple of 3: no chunk but the last leaves base64 bytes over for the writer to carry.</summary>
    public const int Length = 48 * 1024;

    /// <summary>Calls <paramref name="write"/> with each chunk (the buffer and its used length), in order.</summary>
    public static async Task ForEachAsync(DicomValue value, DicomTag tag, Func<byte[], int, ValueTask> write, CancellationToken cancellationToken)
    {
        if (value.Length == 0)
        {
            return;
        }

        var buffer = ArrayPool<byte>.Shared.Rent(Length);
        try
        {
            var stream = value.OpenRead();
            await using (stream.ConfigureAwait(false))
            {
                var remaining = value.Length;
                while (remaining > 0)
                {
                    var wanted = (int)Math.Min(Length, remaining);
                    var read = await stream.ReadAtLeastAsync(buffer.AsMemory(0, wanted), wanted, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
                    if (read < wanted)
                    {
                        var source = value.BulkData is { } bulk ? $"bulk data source {bulk.Source.Description}" : "value source";
                        throw new DicomException($"{source} ended {remaining - read} bytes early", value.BulkData?.Offset ?? -1, tag);
                    }

                    await write(buffer, read).ConfigureAwait(false);
                    remaining -= read;
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
