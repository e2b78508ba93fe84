using System.Buffers.Binary;

namespace Tessera.Dicom.Values;

/// <summary>
/// AT values (PS3.5 6.2): each tag is a pair of 16-bit unsigned integers, group then element, in
/// the dataset's byte order; values are held little endian (DicomValue), so each tag is 4 bytes LE.
/// </summary>
public static class DicomAttributeTag
{
    /// <summary>Reads the tags; a length that is not a multiple of 4 is an error strictly and its tail is ignored leniently.</summary>
    public static DicomTag[] Read(ReadOnlySpan<byte> bytes, DicomParseMode mode = DicomParseMode.Strict)
    {
        if (bytes.Length % 4 != 0)
        {
            if (mode == DicomParseMode.Strict)
            {
                throw new DicomException($"AT value of {bytes.Length} bytes is not a multiple of 4");
            }

            bytes = bytes[..(bytes.Length / 4 * 4)];
        }

        var tags = new DicomTag[bytes.Length / 4];
        for (var i = 0; i < tags.Length; i++)
        {
            var group = BinaryPrimitives.ReadUInt16LittleEndian(bytes[(i * 4)..]);
            var element = BinaryPrimitives.ReadUInt16LittleEndian(bytes[((i * 4) + 2)..]);
            tags[i] = new DicomTag(group, element);
        }

        return tags;
    }

    public static byte[] Write(ReadOnlySpan<DicomTag> tags)
    {
        var bytes = new byte[tags.Length * 4];
        for (var i = 0; i < tags.Length; i++)
        {
            BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(i * 4), tags[i].Group);
            BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan((i * 4) + 2), tags[i].Element);
        }

        return bytes;
    }
}
