namespace Tessera.Generator;

/// <summary>Emits DicomUids.g.cs (constants) and DicomUidRegistry.g.cs (the table behind Find).</summary>
public static class UidsEmitter
{
    public static string EmitConstants(IReadOnlyList<UidRow> uids)
    {
        var w = new CodeWriter("One constant per UID keyword of PS3.6 Table A-1.");
        w.Line("/// <summary>The UIDs of PS3.6 Table A-1 that have a keyword, named by that keyword.</summary>");
        w.Line("public static partial class DicomUids");
        w.Line("{");
        var first = true;
        foreach (var row in uids.Where(u => u.Keyword.Length > 0))
        {
            if (!first)
            {
                w.Line();
            }

            first = false;
            w.Line($"    /// <summary>{Summary(row)}</summary>");
            w.Line($"    public const string {row.Keyword} = {CodeWriter.Literal(row.Uid)};");
        }

        w.Line("}");
        return w.ToString();
    }

    public static string EmitRegistry(IReadOnlyList<UidRow> uids)
    {
        var w = new CodeWriter("PS3.6 Table A-1; DicomUidRegistry.cs indexes it on first use.");
        w.Line("public static partial class DicomUidRegistry");
        w.Line("{");
        w.Line("    /// <summary>Every row of PS3.6 Table A-1, in UID order.</summary>");
        w.Line("    private static DicomUidInfo[] GeneratedUids() =>");
        w.Line("    [");
        foreach (var row in uids)
        {
            w.Line($"        new({CodeWriter.Literal(row.Uid)}, {CodeWriter.Literal(row.Keyword)}, {CodeWriter.Literal(row.Name)}, DicomUidType.{row.Type}, {CodeWriter.Bool(row.IsRetired)}),");
        }

        w.Line("    ];");
        w.Line("}");
        return w.ToString();
    }

    /// <summary>"Implicit VR Little Endian, Transfer Syntax: Default Transfer Syntax for DICOM."</summary>
    internal static string Summary(UidRow row)
    {
        var info = row.Info.Length > 0 ? ": " + row.Info : string.Empty;
        var retired = row.IsRetired ? " Retired." : string.Empty;
        return CodeWriter.Xml($"{row.Name}, {row.TypeText}{info}.{retired}");
    }
}
