using Tessera.Dicom.IO;

namespace Tessera.Dicom;

/// <summary>
/// The bytes of one value or fragment: either held in memory (little endian, as read or encoded)
/// or left in the source as a <see cref="DicomBulkDataReference"/>.
/// </summary>
public readonly struct DicomValue
{
    private readonly ReadOnlyMemory<byte> _bytes;

    public DicomValue(ReadOnlyMemory<byte> bytes)
    {
        _bytes = bytes;
        BulkData = null;
    }

    public DicomValue(DicomBulkDataReference bulkData)
    {
        _bytes = default;
        BulkData = bulkData;
    }

    public static DicomValue Empty => default;

    /// <summary>Where the bytes are when they were not loaded, else null.</summary>
    public DicomBulkDataReference? BulkData { get; }

    public bool IsBulkData => BulkData is not null;

    /// <summary>Length of the value in bytes.</summary>
    public long Length => BulkData?.Length ?? _bytes.Length;

    /// <summary>The bytes held in memory; throws for a bulk reference (use <see cref="Load"/> or <see cref="OpenRead"/>).</summary>
    public ReadOnlyMemory<byte> Memory => BulkData is null
        ? _bytes
        : throw new InvalidOperationException($"the value is bulk data in {BulkData.Source.Description}; open it as a stream");

    /// <summary>The bytes, read from the source when they are a reference. Only for values known to be small.</summary>
    public ReadOnlyMemory<byte> Load()
    {
        if (BulkData is null)
        {
            return _bytes;
        }

        if (BulkData.Length > Array.MaxLength)
        {
            throw new DicomException($"value of {BulkData.Length} bytes is too large to load into memory", BulkData.Offset);
        }

        var buffer = new byte[BulkData.Length];
        using var stream = BulkData.OpenRead();
        stream.ReadExactly(buffer);
        return buffer;
    }

    /// <summary>A stream over the value's bytes, from memory or from the source.</summary>
    public Stream OpenRead()
    {
        if (BulkData is not null)
        {
            return BulkData.OpenRead();
        }

        return System.Runtime.InteropServices.MemoryMarshal.TryGetArray(_bytes, out var segment) && segment.Array is not null
            ? new MemoryStream(segment.Array, segment.Offset, segment.Count, writable: false)
            : new MemoryStream(_bytes.ToArray(), writable: false);
    }
}
