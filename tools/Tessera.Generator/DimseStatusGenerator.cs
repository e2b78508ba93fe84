using System.Globalization;

namespace Tessera.Generator;

/// <summary>
/// Turns standard/dimse-statuses.tsv (PS3.7 Annex C and the service-specific statuses of PS3.4) into
/// src/Tessera.Dimse/Messages/DimseStatusCatalogue.g.cs (STYLE 2 and 10: one catalogue, generated).
/// </summary>
public static class DimseStatusGenerator
{
    private static readonly HashSet<string> Categories = new(StringComparer.Ordinal) { "Success", "Pending", "Cancel", "Warning", "Failure" };

    public static IReadOnlyDictionary<string, string> Generate(string standardDirectory) =>
        new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["DimseStatusCatalogue.g.cs"] = Emit(Read(Path.Combine(standardDirectory, "dimse-statuses.tsv"))),
        };

    /// <summary>Reads and checks the table: codes are 4 hex digits or a LOW-HIGH range; an exact code must come before a range that contains it, since lookup takes the first row that covers a code.</summary>
    public static IReadOnlyList<DimseStatusRow> Read(string path)
    {
        var table = TsvTable.Read(path);
        int code = table.Column("code"), category = table.Column("class"), keyword = table.Column("keyword"),
            meaning = table.Column("meaning"), services = table.Column("services"), reference = table.Column("reference");
        var rows = new List<DimseStatusRow>();
        foreach (var fields in table.Rows)
        {
            var parts = fields[code].Split('-');
            var low = ushort.Parse(parts[0], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            var high = parts.Length == 2 ? ushort.Parse(parts[1], NumberStyles.HexNumber, CultureInfo.InvariantCulture) : low;
            if (parts.Length > 2 || high < low)
            {
                throw new InvalidDataException($"{path}: bad code '{fields[code]}'");
            }

            if (!Categories.Contains(fields[category]))
            {
                throw new InvalidDataException($"{path}: unknown class '{fields[category]}' for {fields[code]}");
            }

            if (rows.FirstOrDefault(r => r.Low <= low && high <= r.High && r.Low != r.High) is { } shadowing)
            {
                throw new InvalidDataException($"{path}: {fields[code]} comes after the range {shadowing.Keyword} that contains it and would never be found");
            }

            rows.Add(new DimseStatusRow(low, high, fields[category], fields[keyword], fields[meaning], fields[services], fields[reference]));
        }

        return rows;
    }

    private static string Emit(IReadOnlyList<DimseStatusRow> rows)
    {
        var w = CodeWriter.InNamespace("Tessera.Dimse.Messages", "The DIMSE status catalogue of standard/dimse-statuses.tsv; DimseStatusCatalogue.cs looks codes up in it.");
        w.Line("/// <summary>DIMSE status codes: PS3.7 Annex C and the service-specific statuses of PS3.4, one row per code or range.</summary>");
        w.Line("public static partial class DimseStatusCatalogue");
        w.Line("{");
        w.Line("    /// <summary>Exact codes come before the ranges that contain them; lookup takes the first row that covers a code.</summary>");
        w.Line("    public static IReadOnlyList<DimseStatusEntry> Entries { get; } =");
        w.Line("    [");
        foreach (var row in rows)
        {
            w.Line($"        new({CodeWriter.Hex(row.Low)}, {CodeWriter.Hex(row.High)}, DimseStatusCategory.{row.Category}, {CodeWriter.Literal(row.Keyword)}, {CodeWriter.Literal(row.Meaning)}, {CodeWriter.Literal(row.Services)}, {CodeWriter.Literal(row.Reference)}),");
        }

        w.Line("    ];");
        w.Line("}");
        return w.ToString();
    }
}
