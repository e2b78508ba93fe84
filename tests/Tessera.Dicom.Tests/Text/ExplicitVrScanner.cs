using System.Buffers.Binary;
using System.Text;

namespace Tessera.Dicom.Tests.Text;

/// <summary>
/// A test-only walk over an Explicit VR Little Endian file (the chr_* corpus files all are), standing in
/// for the real reader, which is written elsewhere. It descends into sequences so that a Specific
/// Character Set given inside an item applies to that item only (PS3.5 7.5.3 / PS3.3 C.12.1.1.2).
/// </summary>
public static class ExplicitVrScanner
{
    private static readonly DicomTag SpecificCharacterSet = new(0x0008, 0x0005);

    /// <summary>Every element of the data set (not the file meta group), in file order, depth first.</summary>
    public static IReadOnlyList<RawTextElement> Read(string path)
    {
        var bytes = File.ReadAllBytes(path);
        var offset = bytes.Length > 132 && Encoding.ASCII.GetString(bytes, 128, 4) == "DICM" ? 132 : 0;
        var result = new List<RawTextElement>();
        ReadDataSet(bytes, ref offset, bytes.Length, null, result);
        return result.Where(e => e.Tag.Group != 0x0002).ToList();
    }

    private static void ReadDataSet(byte[] bytes, ref int offset, int end, string? inherited, List<RawTextElement> result)
    {
        var charset = inherited;
        while (offset + 8 <= end)
        {
            var tag = new DicomTag(BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(offset)), BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(offset + 2)));
            if (tag == DicomTag.ItemDelimitationItem)
            {
                offset += 8;
                return;
            }

            if (!DicomVRExtensions.TryParse(bytes[offset + 4], bytes[offset + 5], out var vr))
            {
                throw new InvalidDataException($"No explicit VR at {offset} for {tag}");
            }

            uint length;
            if (vr.HasLongLength())
            {
                length = BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(offset + 8));
                offset += 12;
            }
            else
            {
                length = BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(offset + 6));
                offset += 8;
            }

            if (vr == DicomVR.SQ)
            {
                result.Add(new RawTextElement(tag, vr, [], charset));
                ReadItems(bytes, ref offset, length == uint.MaxValue ? -1 : offset + (int)length, charset, result);
                continue;
            }

            var value = bytes.AsSpan(offset, (int)length).ToArray();
            offset += (int)length;
            if (tag == SpecificCharacterSet)
            {
                charset = Encoding.ASCII.GetString(value);
            }

            result.Add(new RawTextElement(tag, vr, value, charset));
        }
    }

    private static void ReadItems(byte[] bytes, ref int offset, int end, string? charset, List<RawTextElement> result)
    {
        while (end < 0 || offset < end)
        {
            var tag = new DicomTag(BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(offset)), BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(offset + 2)));
            var length = BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(offset + 4));
            offset += 8;
            if (tag == DicomTag.SequenceDelimitationItem)
            {
                return;
            }

            var itemEnd = length == uint.MaxValue ? bytes.Length : offset + (int)length;
            ReadDataSet(bytes, ref offset, itemEnd, charset, result);
        }
    }
}
