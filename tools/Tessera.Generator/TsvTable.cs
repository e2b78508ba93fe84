namespace Tessera.Generator;

/// <summary>
/// A tab-separated table as standard/README.md describes it: one header row, no quoting, no
/// comments, LF line ends. Columns are found by header name so a reordered table still reads.
/// </summary>
public sealed class TsvTable
{
    private readonly Dictionary<string, int> _columns;

    private TsvTable(string path, Dictionary<string, int> columns, IReadOnlyList<string[]> rows)
    {
        Path = path;
        _columns = columns;
        Rows = rows;
    }

    public string Path { get; }

    public IReadOnlyList<string[]> Rows { get; }

    public static TsvTable Read(string path)
    {
        var lines = File.ReadAllText(path).Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        var header = lines[0].Split('\t');
        var columns = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < header.Length; i++)
        {
            columns.Add(header[i], i);
        }

        var rows = new List<string[]>();
        for (var i = 1; i < lines.Length; i++)
        {
            if (lines[i].Length == 0)
            {
                continue;
            }

            var fields = lines[i].Split('\t');
            if (fields.Length != header.Length)
            {
                throw new InvalidDataException($"{path}:{i + 1}: {fields.Length} fields, header has {header.Length}");
            }

            rows.Add(fields);
        }

        return new TsvTable(path, columns, rows);
    }

    /// <summary>The index of a column, failing loudly when an input lost a column the generator needs.</summary>
    public int Column(string name) =>
        _columns.TryGetValue(name, out var index) ? index : throw new InvalidDataException($"{Path}: no column '{name}'");

    public static bool YesNo(string path, string field) => field switch
    {
        "Y" => true,
        "N" => false,
        _ => throw new InvalidDataException($"{path}: expected Y or N, found '{field}'"),
    };
}
