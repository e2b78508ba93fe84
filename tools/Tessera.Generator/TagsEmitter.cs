namespace Tessera.Generator;

/// <summary>Emits DicomTags.g.cs: one DicomTag field per PS3.6 keyword.</summary>
public static class TagsEmitter
{
    public static string Emit(IReadOnlyList<ElementRow> elements)
    {
        var w = new CodeWriter("One field per data element keyword of PS3.6 (Tables 6-1, 7-1, 8-1, 9-1).");
        w.Line("/// <summary>");
        w.Line("/// The tag of every PS3.6 data element that has a keyword, named by that keyword. Repeating-group");
        w.Line("/// attributes (60xx,3000) are given with x = 0; DicomDictionary matches the whole family.");
        w.Line("/// </summary>");
        w.Line("public static partial class DicomTags");
        w.Line("{");
        var first = true;
        foreach (var row in elements.Where(e => e.Keyword.Length > 0))
        {
            if (!first)
            {
                w.Line();
            }

            first = false;
            var retired = row.IsRetired ? " Retired." : string.Empty;
            w.Line($"    /// <summary>{CodeWriter.Xml(row.Name)} {row.DisplayTag}, {row.VR}, VM {row.ValueMultiplicity}.{retired}</summary>");
            if (row.IsMasked)
            {
                w.Line($"    /// <remarks>A repeating {(row.Mask >> 16 == 0xFFFF ? "element" : "group")}: this field is {row.DisplayTag.Replace('x', '0')};");
                w.Line($"    /// the dictionary entry matches every tag T with (T &amp; {CodeWriter.Hex(row.Mask)}) == {CodeWriter.Hex(row.Value)}.</remarks>");
            }

            w.Line($"    public static readonly DicomTag {row.Keyword} = new({CodeWriter.Hex((ushort)(row.Value >> 16))}, {CodeWriter.Hex((ushort)row.Value)});");
        }

        w.Line("}");
        return w.ToString();
    }
}
