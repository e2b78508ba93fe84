using System.Globalization;

namespace Tessera.Generator;

/// <summary>
/// Emits DicomDictionary.g.cs as compact columns rather than one constructor call per row: 5,354
/// object-creation expressions cost the compiler seconds and the JIT a huge method, while a
/// ReadOnlySpan over constant uints is stored as raw data in the assembly.
/// </summary>
public static class DictionaryEmitter
{
    public static string Emit(IReadOnlyList<ElementRow> elements)
    {
        // Small shared tables, indexed from each row; sorted so that the indexes are stable.
        var vrSets = elements.Select(VRSetKey).Distinct().Order(StringComparer.Ordinal).ToList();
        var multiplicities = elements.Select(e => e.ValueMultiplicity).Distinct().Order(StringComparer.Ordinal).ToList();
        if (vrSets.Count > 255 || multiplicities.Count > 255)
        {
            throw new InvalidDataException("more than 255 VR combinations or VMs: widen the packed attribute column");
        }

        var w = new CodeWriter("The PS3.6 data dictionary as columns; DicomDictionary.cs builds its index from them on first use.", "System.Collections.Immutable");
        w.Line("public static partial class DicomDictionary");
        w.Line("{");
        w.Line("    /// <summary>Rows of PS3.6 in the generated table, repeating-group and -element masks included.</summary>");
        w.Line($"    internal const int GeneratedEntryCount = {elements.Count.ToString(CultureInfo.InvariantCulture)};");
        w.Line();
        w.Line("    /// <summary>");
        w.Line("    /// Three uints per row, in tag order: value, mask, and attributes packed as");
        w.Line("    /// (VR set index &lt;&lt; 16) | (VM index &lt;&lt; 8) | retired. A tag T is the row's when (T &amp; mask) == value.");
        w.Line("    /// </summary>");
        w.Line("    private static ReadOnlySpan<uint> GeneratedRows =>");
        w.Line("    [");
        foreach (var e in elements)
        {
            var attributes = ((uint)vrSets.IndexOf(VRSetKey(e)) << 16) | ((uint)multiplicities.IndexOf(e.ValueMultiplicity) << 8) | (e.IsRetired ? 1u : 0u);
            var label = e.Keyword.Length > 0 ? e.Keyword : "(no keyword)";
            w.Line($"        {CodeWriter.Hex(e.Value)}, {CodeWriter.Hex(e.Mask)}, {CodeWriter.Hex(attributes)}, // {e.Tag} {label} {e.VR} {e.ValueMultiplicity}{(e.IsRetired ? " retired" : string.Empty)}");
        }

        w.Line("    ];");
        w.Line();
        w.Line("    /// <summary>Keyword and name of each row of <see cref=\"GeneratedRows\"/>, two strings per row; the keyword is empty for PS3.6's \"Retired-blank\" rows.</summary>");
        w.Line("    private static string[] GeneratedText() =>");
        w.Line("    [");
        foreach (var e in elements)
        {
            w.Line($"        {CodeWriter.Literal(e.Keyword)}, {CodeWriter.Literal(e.Name)},");
        }

        w.Line("    ];");
        w.Line();
        w.Line("    /// <summary>The VR combinations PS3.6 uses (\"US or SS\"), indexed by the attributes column.</summary>");
        w.Line("    private static ImmutableArray<DicomVR>[] GeneratedVRSets() =>");
        w.Line("    [");
        foreach (var key in vrSets)
        {
            var members = key.Length == 0 ? string.Empty : string.Join(", ", key.Split(' ').Select(vr => "DicomVR." + vr));
            w.Line($"        [{members}],");
        }

        w.Line("    ];");
        w.Line();
        w.Line("    /// <summary>The value multiplicities PS3.6 uses (\"1-n\"), indexed by the attributes column.</summary>");
        w.Line("    private static string[] GeneratedMultiplicities() =>");
        w.Line("    [");
        foreach (var vm in multiplicities)
        {
            w.Line($"        {CodeWriter.Literal(vm)},");
        }

        w.Line("    ];");
        w.Line("}");
        return w.ToString();
    }

    private static string VRSetKey(ElementRow row) => string.Join(' ', row.ValueRepresentations);
}
