using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using Tessera.Dicom;

namespace Tessera.Cli.Dump;

/// <summary>
/// Prints a dataset one element a line, in the spirit of DCMTK's dcmdump so that users can read
/// both side by side: tag, VR, value, then length, value count and keyword after '#'.
/// </summary>
internal sealed class DumpFormatter(TextWriter output)
{
    /// <summary>Binary values beyond this many are elided: a 512x512 LUT helps nobody on a terminal.</summary>
    private const int MaximumShownValues = 32;

    public void Write(DicomDataset dataset, int depth = 0)
    {
        foreach (var element in dataset)
        {
            switch (element)
            {
                case DicomSequence sequence:
                    WriteLine(depth, sequence.Tag, "SQ", $"(Sequence with {sequence.Items.Count} items)", -1, sequence.Items.Count);
                    for (var i = 0; i < sequence.Items.Count; i++)
                    {
                        WriteLine(depth + 1, DicomTag.Item, "na", $"(Item #{i + 1})", -1, sequence.Items[i].Count, "Item");
                        Write(sequence.Items[i], depth + 2);
                    }

                    break;
                case DicomFragmentSequence fragments:
                    WriteLine(depth, fragments.Tag, fragments.VR.Code(), $"(PixelSequence with {fragments.Fragments.Count} fragments)", -1, fragments.Fragments.Count);
                    WriteLine(depth + 1, DicomTag.Item, "pi", $"(Basic Offset Table: {fragments.BasicOffsetTable.Length} bytes)", fragments.BasicOffsetTable.Length, 1, "Item");
                    for (var i = 0; i < fragments.Fragments.Count; i++)
                    {
                        WriteLine(depth + 1, DicomTag.Item, "pi", $"(Fragment #{i + 1}{Where(fragments.Fragments[i])})", fragments.Fragments[i].Length, 1, "Item");
                    }

                    break;
                case DicomValueElement value:
                    var (text, count) = FormatValue(dataset, value);
                    WriteLine(depth, value.Tag, value.VR.Code(), text, value.Length, count);
                    break;
            }
        }
    }

    private void WriteLine(int depth, DicomTag tag, string vr, string value, long length, int count, string? keyword = null)
    {
        var line = new StringBuilder();
        line.Append(' ', depth * 2).Append(tag.ToString()).Append(' ').Append(vr).Append(' ').Append(value);
        if (line.Length < 52)
        {
            line.Append(' ', 52 - line.Length);
        }

        line.Append(" # ");
        line.Append(length >= 0 ? length.ToString(CultureInfo.InvariantCulture) : "u/l").Append(", ").Append(count.ToString(CultureInfo.InvariantCulture));
        line.Append(' ').Append(keyword ?? Keyword(tag));
        output.WriteLine(line.ToString());
    }

    private static string Keyword(DicomTag tag) =>
        DicomDictionary.Find(tag) is { Keyword.Length: > 0 } entry ? entry.Keyword
            : tag.IsPrivate ? "PrivateTag"
            : "UnknownTag";

    private static string Where(DicomValue value) =>
        value.BulkData is { } bulk ? $", {bulk.Length} bytes at offset {bulk.Offset}" : string.Empty;

    private static (string Text, int Count) FormatValue(DicomDataset dataset, DicomValueElement element)
    {
        if (element.Length == 0)
        {
            return ("(no value available)", 0);
        }

        if (element.Value.IsBulkData)
        {
            return ($"(not loaded: {element.Length} bytes at offset {element.Value.BulkData!.Offset})", 1);
        }

        var bytes = element.Value.Memory.Span;
        if (element.VR.IsString())
        {
            var values = dataset.GetStrings(element.Tag);
            return ($"[{string.Join('\\', values)}]", values.Length);
        }

        return element.VR switch
        {
            DicomVR.OB or DicomVR.UN => (Join(bytes, 1, b => b[0].ToString("x2", CultureInfo.InvariantCulture)).Text, 1),
            DicomVR.OW => (Join(bytes, 2, b => BinaryPrimitives.ReadUInt16LittleEndian(b).ToString("x4", CultureInfo.InvariantCulture)).Text, 1),
            DicomVR.OF or DicomVR.OD or DicomVR.OL or DicomVR.OV => (FormatNumbers(element.VR, bytes).Text, 1),
            _ => FormatNumbers(element.VR, bytes),
        };
    }

    /// <summary>Numeric VRs, and the Other VRs (OW, OF...) which are one value of many numbers: VM 1 per PS3.5 6.4.</summary>
    private static (string Text, int Count) FormatNumbers(DicomVR vr, ReadOnlySpan<byte> bytes)
    {
        return vr switch
        {
            DicomVR.US => Join(bytes, 2, b => BinaryPrimitives.ReadUInt16LittleEndian(b).ToString(CultureInfo.InvariantCulture)),
            DicomVR.SS => Join(bytes, 2, b => BinaryPrimitives.ReadInt16LittleEndian(b).ToString(CultureInfo.InvariantCulture)),
            DicomVR.UL or DicomVR.OL => Join(bytes, 4, b => BinaryPrimitives.ReadUInt32LittleEndian(b).ToString(CultureInfo.InvariantCulture)),
            DicomVR.SL => Join(bytes, 4, b => BinaryPrimitives.ReadInt32LittleEndian(b).ToString(CultureInfo.InvariantCulture)),
            DicomVR.FL or DicomVR.OF => Join(bytes, 4, b => BinaryPrimitives.ReadSingleLittleEndian(b).ToString("R", CultureInfo.InvariantCulture)),
            DicomVR.FD or DicomVR.OD => Join(bytes, 8, b => BinaryPrimitives.ReadDoubleLittleEndian(b).ToString("R", CultureInfo.InvariantCulture)),
            DicomVR.SV => Join(bytes, 8, b => BinaryPrimitives.ReadInt64LittleEndian(b).ToString(CultureInfo.InvariantCulture)),
            DicomVR.UV or DicomVR.OV => Join(bytes, 8, b => BinaryPrimitives.ReadUInt64LittleEndian(b).ToString(CultureInfo.InvariantCulture)),
            DicomVR.AT => Join(bytes, 4, b => new DicomTag(BinaryPrimitives.ReadUInt16LittleEndian(b), BinaryPrimitives.ReadUInt16LittleEndian(b[2..])).ToString()),
            _ => Join(bytes, 1, b => b[0].ToString("x2", CultureInfo.InvariantCulture)),
        };
    }

    private delegate string FormatOne(ReadOnlySpan<byte> bytes);

    private static (string Text, int Count) Join(ReadOnlySpan<byte> bytes, int size, FormatOne format)
    {
        var count = bytes.Length / size;
        var text = new StringBuilder();
        for (var i = 0; i < Math.Min(count, MaximumShownValues); i++)
        {
            if (i > 0)
            {
                text.Append('\\');
            }

            text.Append(format(bytes.Slice(i * size, size)));
        }

        if (count > MaximumShownValues)
        {
            text.Append("\\...");
        }

        return (text.ToString(), count);
    }
}
