namespace Tessera.Dicom.IO;

/// <summary>
/// A value left in its source (STYLE 4): where it is and how it is encoded, so a 2 GB Pixel Data
/// costs a few bytes of memory until someone streams it.
/// </summary>
/// <param name="Source">Where the bytes are.</param>
/// <param name="Offset">Offset of the first value byte in the source.</param>
/// <param name="Length">Value length in bytes.</param>
/// <remarks>
/// Always little endian: the reader loads values of the retired big-endian transfer syntax into
/// memory, byte-swapped, because such files are small and rare and a swapping stream is not worth it.
/// </remarks>
public sealed record DicomBulkDataReference(IBulkDataSource Source, long Offset, long Length)
{
    /// <summary>Opens a stream over exactly the value's bytes as stored (not byte-swapped).</summary>
    public Stream OpenRead()
    {
        var stream = Source.OpenRead();
        try
        {
            stream.Seek(Offset, SeekOrigin.Begin);
            return new SubStream(stream, Length);
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }
}
