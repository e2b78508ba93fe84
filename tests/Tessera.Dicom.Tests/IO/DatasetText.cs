using System.Text;

namespace Tessera.Dicom.Tests.IO;

/// <summary>A canonical text form of a data set (tags, VRs, value bytes, nesting) for comparing two reads.</summary>
internal static class DatasetText
{
    public static string Of(DicomDataset dataset)
    {
        var builder = new StringBuilder();
        Append(builder, dataset, 0);
        return builder.ToString();
    }

    private static void Append(StringBuilder builder, DicomDataset dataset, int depth)
    {
        foreach (var element in dataset)
        {
            builder.Append(' ', depth * 2).Append(element.Tag).Append(' ').Append(element.VR.Code());
            switch (element)
            {
                case DicomValueElement value:
                    builder.Append(' ').Append(Value(value.Value)).AppendLine();
                    break;
                case DicomSequence sequence:
                    builder.AppendLine();
                    foreach (var item in sequence.Items)
                    {
                        builder.Append(' ', depth * 2 + 1).AppendLine("item");
                        Append(builder, item, depth + 1);
                    }

                    break;
                case DicomFragmentSequence fragments:
                    builder.Append(" bot ").Append(Value(fragments.BasicOffsetTable)).AppendLine();
                    foreach (var fragment in fragments.Fragments)
                    {
                        builder.Append(' ', depth * 2 + 1).Append("fragment ").AppendLine(Value(fragment));
                    }

                    break;
            }
        }
    }

    private static string Value(DicomValue value) => value.IsBulkData
        ? $"bulk@{value.BulkData!.Offset}+{value.Length}"
        : Convert.ToHexString(value.Memory.Span);
}
