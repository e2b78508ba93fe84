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
        var exact = elements.Where(e => !e.IsMasked).Select(e => e.Value).ToHashSet();
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
            var tag = row.Value;
            if (row.IsMasked)
            {
                tag = Representative(row, exact);
                var kind = row.Mask >> 16 == 0xFFFF ? "element" : "group";
                var which = tag == row.Value ? "x = 0" : $"the first of the family that is neither another element nor a group length; x = 0 gives {Display(row.Value)}";
                w.Line($"    /// <remarks>A repeating {kind}: this field is {Display(tag)}, {which}.");
                w.Line($"    /// The dictionary entry matches every tag T with (T &amp; {CodeWriter.Hex(row.Mask)}) == {CodeWriter.Hex(row.Value)}.</remarks>");
            }

            w.Line($"    public static readonly DicomTag {row.Keyword} = new({CodeWriter.Hex((ushort)(tag >> 16))}, {CodeWriter.Hex((ushort)tag)});");
        }

        w.Line("}");
        return w.ToString();
    }

    /// <summary>
    /// The tag a repeating row's field stands for: x = 0 unless that is another PS3.6 element or a
    /// group length, as for (0028,04x0), whose x = 0 is (0028,0400) Transform Label, and
    /// (1010,xxxx), whose x = 0 is (1010,0000). Then the next member of the family, in tag order.
    /// </summary>
    private static uint Representative(ElementRow row, HashSet<uint> exact)
    {
        var free = ~row.Mask;
        var tag = row.Value;
        while (exact.Contains(tag) || (tag & 0xFFFF) == 0)
        {
            // Next tag with the same masked bits: increment only the free (x) bits.
            var next = (((tag | row.Mask) + 1) & free) | row.Value;
            if (next <= tag)
            {
                throw new InvalidDataException($"{row.Tag}: every member of the family is taken");
            }

            tag = next;
        }

        return tag;
    }

    private static string Display(uint tag) => $"({tag >> 16:X4},{tag & 0xFFFF:X4})";
}
