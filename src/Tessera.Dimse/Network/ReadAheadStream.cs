using System.Buffers;
using Tessera.Dicom.IO;

namespace Tessera.Dimse.Network;

/// <summary>
/// A data set stream whose first bytes are read into memory before it is sent (<see cref="InstanceReadAhead"/>): reads
/// serve those bytes, then go on in the inner stream, which the stream returned owns.
/// </summary>
internal static class ReadAheadStream
{
    /// <summary>Reads up to <paramref name="length"/> bytes of <paramref name="inner"/> now, into a pooled buffer given back at disposal; the stream returned owns <paramref name="inner"/> (disposed with it, also when the read fails).</summary>
    public static async Task<Stream> FillAsync(Stream inner, int length, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(inner);
        var buffer = MemoryPool<byte>.Shared.Rent(length);
        try
        {
            var filled = await inner.ReadAtLeastAsync(buffer.Memory[..length], length, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
            return new PrefixedReadStream(buffer.Memory[..filled], inner, leaveOpen: false, prefixOwner: buffer);
        }
        catch
        {
            buffer.Dispose();
            await inner.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }
}
