using System.Runtime.InteropServices;

namespace Tessera.Dicom;

/// <summary>Reading and writing binary numeric values (US, SS, UL, SL, FL, FD, SV, UV, OW, OF...), held little endian.</summary>
public sealed partial class DicomDataset
{
    /// <summary>
    /// The values of a binary element as <typeparamref name="T"/> (e.g. ushort for US); empty when
    /// absent. A trailing partial value (odd length from a faulty writer) is ignored.
    /// </summary>
    public T[] GetValues<T>(DicomTag tag)
        where T : unmanaged
    {
        if (!TryGetElement(tag, out var element) || element is not DicomValueElement value)
        {
            return [];
        }

        var bytes = value.Value.Load().Span;
        var size = Marshal.SizeOf<T>();
        return MemoryMarshal.Cast<byte, T>(bytes[..(bytes.Length / size * size)]).ToArray();
    }

    /// <summary>The first value, or null when absent or empty.</summary>
    public T? GetValue<T>(DicomTag tag)
        where T : unmanaged
    {
        if (!TryGetElement(tag, out var element) || element is not DicomValueElement value || value.Value.Length < Marshal.SizeOf<T>())
        {
            return null;
        }

        return MemoryMarshal.Read<T>(value.Value.Load().Span);
    }

    /// <summary>Sets a binary element from values in machine order (little endian on every platform .NET runs DICOM on).</summary>
    public void AddOrUpdate<T>(DicomTag tag, DicomVR vr, params T[] values)
        where T : unmanaged
    {
        if (!BitConverter.IsLittleEndian)
        {
            throw new PlatformNotSupportedException("Tessera keeps values little endian and runs on little-endian machines only");
        }

        Add(new DicomValueElement(tag, vr, MemoryMarshal.AsBytes(values.AsSpan()).ToArray()));
    }
}
